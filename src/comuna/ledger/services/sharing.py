"""Sharing a surplus: a rule's shares of a source account, previewed and applied once per
period."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from comuna.core.language import records_language
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.ledger import Transfer
from comuna.ledger import locks, models
from comuna.ledger.services.posting import _apply


@transaction.atomic
def sharing_rule_create(
    *, commune: Commune, name: str, source: models.Account
) -> models.SharingRule:
    name = name.strip()
    if not name:
        raise Refusal(_("Name the rule."), field="name")
    if source.commune_id != commune.pk or source.kind != "asset":
        raise Refusal(_("The surplus comes from a cash account."), field="source")
    if models.SharingRule.objects.of(commune).filter(name=name).exists():
        raise Refusal(_("There is already a rule with that name."), field="name")
    return models.SharingRule.objects.create(commune=commune, name=name[:150], source=source)


@transaction.atomic
def sharing_share_set(
    *,
    rule: models.SharingRule,
    destination: models.Account,
    basis_points: int,
    label: str,
) -> models.SharingShare:
    """Add or change one share of a rule; all shares together never exceed 100%."""
    locked = locks.sharing_rule_lock(rule)
    if destination.commune_id != locked.commune_id or destination.unit != locked.source.unit:
        raise Refusal(_("The share must go to an account in the same unit."))
    if destination.pk == locked.source_id:
        raise Refusal(_("A share cannot go back to where the surplus is."))
    if destination.kind not in (models.AccountKind.ASSET, models.AccountKind.EXPENSE):
        # The share leaves the source's cash: it lands in a pot (an asset) or is spent (an
        # expense). Debiting a debt or a fund would shrink it instead of filling it.
        raise Refusal(
            _(
                "A share goes to a pot (an asset, such as a fund or money set aside for a "
                "commune) or to an expense."
            ),
            field="destination",
        )
    if not 0 < basis_points <= 10000:
        raise Refusal(_("A share is between 0.01% and 100%."), field="percent")
    others = sum(s.basis_points for s in locked.shares.exclude(destination=destination))
    if others + basis_points > 10000:
        raise Refusal(
            _("The shares would add up to more than 100%% (%(total)s%%).")
            % {"total": (others + basis_points) / 100},
            field="percent",
        )
    with records_language():
        label = label.strip()[:150] or destination.display_name
    share, _created = models.SharingShare.objects.update_or_create(
        rule=locked,
        destination=destination,
        defaults={"basis_points": basis_points, "label": label},
    )
    return share


def sharing_preview(
    *, rule: models.SharingRule, start: dt.date, end: dt.date
) -> tuple[int, list[dict[str, object]]]:
    """The period's surplus on the rule's source account and what each share gets.

    The surplus is what the source account gained over the period (money in less money
    out, leaving out earlier sharing of this rule). Each share is rounded down to the cent;
    what rounding leaves stays in the source, and the explanation says so: ``exact_e4`` is
    surplus × basis points (the exact share in ten-thousandths of a cent) and
    ``remainder_e4`` what rounding down left of it, in the same ten-thousandths.
    """
    from comuna.ledger.selectors import account_change

    source = rule.source
    gained = account_change(source, start=start, end=end, exclude_reference=f"sharing:{rule.pk}:")
    surplus = max(gained, 0)
    lines: list[dict[str, object]] = []
    for share in rule.shares.select_related("destination"):
        amount, remainder = divmod(surplus * share.basis_points, 10000)
        lines.append(
            {
                "label": share.label,
                "destination": share.destination.code,
                "destination_name": share.destination.display_name,
                "basis_points": share.basis_points,
                "amount": amount,
                "exact_e4": surplus * share.basis_points,
                "remainder_e4": remainder,
                "kept_in": source.code,
                "how": f"{surplus} × {share.basis_points / 100:g}% = {amount}",
            }
        )
    return surplus, lines


def sharing_apply(
    *, rule: models.SharingRule, start: dt.date, end: dt.date, by: str, date: dt.date
) -> models.SharingRun:
    """Share out a period's surplus by the rule: one transfer per share, all or none,
    once per rule and period; the run keeps how every figure came about."""
    if end < start:
        raise Refusal(_("The period ends before it starts."), field="end")
    if (
        models.SharingRun.objects.of(rule.commune_id)
        .filter(rule=rule, start=start, end=end)
        .exists()
    ):
        raise Refusal(_("This rule was already applied to that period."))
    surplus, lines = sharing_preview(rule=rule, start=start, end=end)
    if surplus <= 0:
        raise Refusal(_("There is no surplus in that period to share."))
    transfers = [
        Transfer(
            debit=str(line["destination"]),
            credit=rule.source.code,
            amount=int(str(line["amount"])),
            unit=rule.source.unit,
            date=date,
            description=_("%(rule)s: %(label)s") % {"rule": rule.name, "label": line["label"]},
            author=by,
            reference=f"sharing:{rule.pk}:{start.isoformat()}",
            idempotency_key=f"sharing:{rule.pk}:{start.isoformat()}:{end.isoformat()}:{i}",
        )
        for i, line in enumerate(lines)
        if int(str(line["amount"])) > 0
    ]
    with transaction.atomic():
        entries = _apply(rule.commune, transfers, "auto")
        for line, entry in zip(
            [ln for ln in lines if int(str(ln["amount"])) > 0], entries, strict=True
        ):
            line["entry"] = entry.sequence
        return models.SharingRun.objects.create(
            rule=rule, start=start, end=end, surplus=surplus, explanation=lines, applied_by=by
        )
