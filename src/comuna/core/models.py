from __future__ import annotations

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
