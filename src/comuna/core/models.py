from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Commune(models.Model):
    """The top organisation of one installation.

    One installation serves one commune today; the table exists so that a federation server
    can later hold several, each with its own councils.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=100, blank=True)
    is_demo = models.BooleanField(_("demo commune"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Upload(models.Model):
    """A spreadsheet given to an import, from its preview to its confirmation, and after.

    ``kind`` names the import that reads it (``census``, ``ledger``…; see
    ``comuna.core.imports``); ``options`` are what the person chose beside the file (a council).
    ``applied_at`` is set in the same transaction as the rows the file creates, and
    ``summary`` says what they were. A file is applied at most once per commune and kind: the
    constraint below holds it even against two confirmations at the same moment.
    """

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="uploads")
    # None for a file imported from the command line, where nobody is logged in.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=40)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    digest = models.CharField(max_length=64, help_text="SHA-256 of the content, in hex.")
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "kind", "digest"],
                condition=models.Q(applied_at__isnull=False),
                name="core_upload_applied_once",
            ),
        ]

    def __str__(self) -> str:
        return self.filename
