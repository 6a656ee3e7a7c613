"""What the synchronisation keeps: the captured changes, each side's progress, the chain-head
log and its alarms, and how a laptop's logins are known on the server.

``Change`` rows are written by database triggers (``comuna.sync.capture``), in the same
transaction as the change they record, whatever wrote it (``save``, ``bulk_create``,
``QuerySet.update``, raw SQL). See ``docs/sync.md``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comuna.core.models import Commune


class Change(models.Model):
    """One captured change: which table, which row (its uuid, or an entry's sequence), of
    which commune (none for what the federation publishes), and what happened (i/u/d).

    ``id`` is the capture's sequence: bundles name ranges of it."""

    id = models.BigAutoField(primary_key=True)
    table_name = models.CharField(max_length=100)
    key = models.CharField(max_length=64)
    # Not a foreign key: a trigger writes it, and a deleted commune's changes stay readable.
    commune_id = models.BigIntegerField(null=True)
    op = models.CharField(max_length=1)

    class Meta:
        indexes = [models.Index(fields=["commune_id", "id"], name="sync_change_commune_seq")]

    def __str__(self) -> str:
        return f"{self.id} {self.op} {self.table_name} {self.key}"


class Quiet(models.Model):
    """While a row exists here, in the writing transaction only (every other transaction
    cannot see it before it is deleted), the capture triggers write nothing: a bundle being
    applied is not captured again as a change of this machine."""

    def __str__(self) -> str:
        return "quiet"


class State(models.Model):
    """A laptop's progress with one commune.

    ``built_*`` is the last bundle built (pushed or exported); ``acked_*`` the last one the
    server said it applied (a push, or the acknowledgement inside the server's bundle): a
    push or an export starts from ``built``; when the server's acknowledgement is behind it
    (a USB stick lost on the way), the next bundle starts again from the acknowledgement.
    ``pulled_upto`` is the server's change sequence of the published rows last applied.
    """

    commune = models.OneToOneField(Commune, on_delete=models.CASCADE, related_name="+")
    built_seq = models.BigIntegerField(default=0)
    built_upto = models.BigIntegerField(default=0)
    acked_seq = models.BigIntegerField(default=0)
    acked_upto = models.BigIntegerField(default=0)
    pulled_upto = models.BigIntegerField(default=0)
    pushed_at = models.DateTimeField(null=True, blank=True)
    pulled_at = models.DateTimeField(null=True, blank=True)
    # The server's public key, pinned at the first bundle of the server applied here.
    server_key = models.BinaryField(max_length=32, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.commune_id} built {self.built_seq} acked {self.acked_seq}"


class Receipt(models.Model):
    """A bundle the server applied, with the commune's chain head it carried. Append-only:
    database triggers refuse UPDATE and DELETE, so the heads a commune has shown can never be
    taken back (as a certificate-transparency log keeps certificates)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    seq = models.BigIntegerField()
    change_from = models.BigIntegerField()
    change_to = models.BigIntegerField()
    changes = models.IntegerField()
    ledger_count = models.BigIntegerField()
    ledger_head = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commune", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "seq"], name="sync_receipt_seq_once"),
            models.CheckConstraint(condition=Q(seq__gt=0), name="sync_receipt_seq_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} #{self.seq} {self.ledger_count} {self.ledger_head[:16]}"


class Alarm(models.Model):
    """A commune's bundle refused because its books no longer hold what an earlier sync
    showed (rewritten or cut short), or another grave refusal: shown to the commune's
    administrators and the federation's officers."""

    class Kind(models.TextChoices):
        REWRITTEN = "rewritten", _("books rewritten after a sync")
        CUT_SHORT = "cut_short", _("books cut short after a sync")
        CHAIN = "chain", _("ledger chain does not verify")
        SIGNATURE = "signature", _("bundle signed by another key")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    detail = models.TextField(_("detail"))
    bundle_seq = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.kind}"


class Login(models.Model):
    """How a laptop's login is known on the server: the laptop's username, within its
    commune, maps to one server login (made as ``username@commune-code`` on first sight, so
    that two communes' ``admin`` never meet)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Made by the sync (``name@code``): its names and password follow the laptop's. A login
    # mapped to one that existed before (the laptop demo's clone) keeps its own.
    made = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="sync_login_name_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.user_id}"
