"""The commune, and the base of every record that belongs to one.

One installation may hold many communes (a communal city's server, a national one). Every
communal record carries its commune directly, and a stable UUID beside its integer key so
that records from different installations never collide when they travel.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, ClassVar, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Commune(models.Model):
    """The top organisation: its councils, people, books and meetings are its own."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=100, blank=True)
    # On a server that holds several communes, each may answer at a host name of its own
    # (comuna-bolivar.ciudad.local); see ``core.tenancy``.
    hostname = models.CharField(_("host name"), max_length=253, blank=True)
    # Where the phones on the commune's wifi reach Comuna (http://192.168.1.10:8000): printed
    # in the QR codes of the household cards. Set by the administrator, never taken from a
    # request, whose Host header anyone can forge. Empty: not set yet, and no card prints.
    public_url = models.CharField(_("address for phones"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo commune"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hostname"], condition=~Q(hostname=""), name="commune_hostname_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


_M = TypeVar("_M", bound=models.Model)


class CommunalQuerySet(models.QuerySet[_M]):
    """The one scoping habit: every query of communal data starts with ``.of(commune)``."""

    def of(self, commune: Commune | int | Any) -> Self:
        """The rows of one commune (a commune, its id, or an expression such as
        ``OuterRef("commune_id")``)."""
        return self.filter(commune=commune)

    def all_communes(self) -> Self:
        """The rows of every commune, on purpose: for what stands above one commune (a
        user's memberships everywhere) or is already held to one by its caller (a prefetch
        of rows whose parents were fetched scoped). Every other query starts with ``of``."""
        return self.all()

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        """As Django's, with each row's commune taken from its parent as ``save`` does."""
        rows = list(objs)
        for row in rows:
            row.commune_take_from_parent()
        return super().bulk_create(rows, *args, **kwargs)


CommunalManager = models.Manager.from_queryset(CommunalQuerySet)


class CommunalModel(models.Model):
    """A record that belongs to one commune and may leave the machine.

    ``commune_via`` names the foreign keys (the first that is set) whose commune a new row
    takes when none is given (a sector takes its council's): the commune is stored on the row
    itself so that every query can be scoped without a join, and derived here so that no
    caller can give a child a commune other than its parent's.
    """

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = CommunalManager()

    commune_via: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.commune_take_from_parent()
        super().save(*args, **kwargs)

    def commune_take_from_parent(self) -> None:
        """Fill the commune from the parent named by ``commune_via``, or check it matches.

        The check only reads a parent that is already loaded, so it costs no query.
        """
        for name in self.commune_via:
            field = self._meta.get_field(name)
            cached = field.is_cached(self)  # type: ignore[union-attr]
            if not cached and self.commune_id is not None:
                continue
            parent = getattr(self, name)
            if parent is None:
                continue
            if self.commune_id is None:
                self.commune_id = parent.commune_id
            elif self.commune_id != parent.commune_id:
                raise ValueError(
                    f"{type(self).__name__} of commune {self.commune_id} cannot hang from "
                    f"{type(parent).__name__} of commune {parent.commune_id}"
                )


class Upload(CommunalModel):
    """A spreadsheet given to an import, from its preview to its confirmation, and after.

    ``kind`` names the import that reads it (``census``, ``ledger``…; see
    ``comuna.core.imports``); ``options`` are what the person chose beside the file (a council).
    ``applied_at`` is set in the same transaction as the rows the file creates, and
    ``summary`` says what they were. A file is applied at most once per commune and kind: the
    constraint below holds it even against two confirmations at the same moment.
    """

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
    # The file as read once, when it was uploaded (``comuna.core.spreadsheets.sheet_pack``),
    # so that its preview, reloaded, and its confirmation never read the file again; or,
    # for a file refused as a whole (a decompression bomb), why: {"message", "code"}.
    table = models.BinaryField(null=True, blank=True, editable=False)
    refusal = models.JSONField(default=dict, blank=True)

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


class FormSubmission(CommunalModel):
    """A form that was saved: the one-time token it was issued with, consumed by the first
    POST that saved it (``comuna.core.once``). The unique constraint lets one of two POSTs
    racing with the same token through and makes the other fail, on every database;
    ``saved_url`` is where what was saved can be seen, for the answer to a second submit."""

    token = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    path = models.CharField(max_length=500)
    saved_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "token"], name="core_form_submitted_once"),
        ]

    def __str__(self) -> str:
        return self.path
