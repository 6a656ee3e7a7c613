"""What a crew did: the trip log of a route, typed on a phone or from the printed sheet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.waste.models.plans import Route, Stop


class TripSource(models.TextChoices):
    PHONE = "phone", _("The crew's phone")
    SHEET = "sheet", _("Typed from the paper sheet")
    IMPORT = "import", _("A spreadsheet")
    API = "api", _("A program (API)")


class TripLog(CommunalModel):
    """The actual km, litres and kg of one route, posted to the books once."""

    commune_via = ("route",)

    route = models.OneToOneField(
        Route, on_delete=models.PROTECT, related_name="log", verbose_name=_("route")
    )
    metres = models.BigIntegerField(_("distance driven (m)"))
    litres_ml = models.BigIntegerField(_("diesel used (mL)"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    # What the log posted: the collection fees in cents (zero when there are none), and how it
    # came in (the crew's phone, typed from the paper sheet, a spreadsheet, the API).
    fee_cents = models.BigIntegerField(_("collection fees (cents)"), default=0)
    source = models.CharField(
        _("typed from"), max_length=12, choices=TripSource.choices, default=TripSource.PHONE
    )
    # The one-time token of the form or request that recorded it: the same one sent again
    # gets this log back instead of a refusal.
    token = models.CharField(_("token"), max_length=64, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("trip log")
        verbose_name_plural = _("trip logs")
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(metres__gte=0) & Q(litres_ml__gte=0) & Q(fee_cents__gte=0),
                name="triplog_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(source__in=list(TripSource)), name="triplog_source_known"
            ),
        ]


class StopWeighing(CommunalModel):
    """The kg actually collected at one stop of a logged route."""

    commune_via = ("trip",)

    trip = models.ForeignKey(
        TripLog, on_delete=models.CASCADE, related_name="weighings", verbose_name=_("trip")
    )
    stop = models.ForeignKey(
        Stop, on_delete=models.PROTECT, related_name="weighings", verbose_name=_("stop")
    )
    kg = models.PositiveIntegerField(_("kg collected"))
    served = models.BooleanField(_("served"), default=True)

    class Meta:
        verbose_name = _("weighing at a stop")
        verbose_name_plural = _("weighings at stops")
        constraints = [
            models.UniqueConstraint(fields=["trip", "stop"], name="weighing_one_per_stop"),
            models.CheckConstraint(
                condition=Q(served=True) | Q(kg=0), name="weighing_no_kg_when_not_served"
            ),
        ]


class CollectionFees(CommunalModel):
    """What the waste-collection enterprise charges for collecting, posted with each trip log.

    A fee per kg collected, a fee per point served, or both (in cents); zero posts nothing.
    One row per enterprise; none means no fees.
    """

    commune_via = ("enterprise",)

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="collection_fees",
        verbose_name=_("enterprise"),
    )
    cents_per_kg = models.PositiveIntegerField(_("fee per kg collected (cents)"), default=0)
    cents_per_point = models.PositiveIntegerField(_("fee per point served (cents)"), default=0)

    class Meta:
        verbose_name = _("collection fees")
        verbose_name_plural = _("collection fees")

    def __str__(self) -> str:
        return str(self.enterprise)
