"""Every write of the brigades: one function each, in one transaction, checks beside it.

Locks are taken through ``comuna.brigades.locks`` in the order stated there: the brigade,
then the people. A shift is checked against every other shift of the same person (in any
brigade) after the person's row is locked, so two shifts written at once never overlap.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.brigades.locks import brigade_lock, people_lock
from comuna.brigades.models import (
    Brigade,
    BrigadeKind,
    BrigadeMember,
    SalaryMonth,
    Shift,
    ShiftSwap,
    SwapStatus,
)
from comuna.brigades.selectors import month_bounds, overlapping
from comuna.census.models import Council, Person, PersonStatus
from comuna.core.language import as_recorded
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.ledger.models import Account, AccountKind
from comuna.ledger.services import account_open, transfer_post
from comuna.users.models import User

NAME_MAX = 150
# How long one shift may last: a day and a night.
SHIFT_MAX = dt.timedelta(hours=24)


def _name_clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise Refusal(_("Name the brigade."), field="name")
    if len(name) > NAME_MAX:
        raise Refusal(_("The name is too long."), field="name")
    return name


def _fields_check(
    commune: Commune,
    *,
    name: str,
    kind: str,
    other_kind: str,
    council: Council | None,
    but: Brigade | None = None,
) -> tuple[str, str]:
    name = _name_clean(name)
    if kind not in BrigadeKind.values:
        raise Refusal(_("Choose the kind of brigade."), field="kind")
    other_kind = " ".join(other_kind.split())
    if kind == BrigadeKind.OTHER and not other_kind:
        raise Refusal(_("Say which kind of brigade or committee it is."), field="other_kind")
    if kind != BrigadeKind.OTHER:
        other_kind = ""
    if council is not None and council.commune_id != commune.pk:
        raise Refusal(_("Choose a council of the commune."), field="council")
    others = Brigade.objects.of(commune).filter(name__iexact=name)
    if but is not None:
        others = others.exclude(pk=but.pk)
    if others.exists():
        raise Refusal(_("There is already a brigade with that name."), field="name")
    return name, other_kind


@transaction.atomic
def brigade_create(
    *,
    commune: Commune,
    name: str,
    kind: str,
    other_kind: str = "",
    council: Council | None = None,
    funder: str = "",
    description: str = "",
) -> Brigade:
    """A new brigade or committee of the commune (or of one council)."""
    name, other_kind = _fields_check(
        commune, name=name, kind=kind, other_kind=other_kind, council=council
    )
    try:
        with transaction.atomic():
            return Brigade.objects.create(
                commune=commune,
                name=name,
                kind=kind,
                other_kind=other_kind,
                council=council,
                funder=" ".join(funder.split()),
                description=description.strip(),
            )
    except IntegrityError:
        raise Refusal(_("There is already a brigade with that name."), field="name") from None


@transaction.atomic
def brigade_update(
    *,
    brigade: Brigade,
    name: str,
    kind: str,
    other_kind: str = "",
    council: Council | None = None,
    funder: str = "",
    description: str = "",
    active: bool = True,
) -> Brigade:
    brigade = brigade_lock(brigade)
    name, other_kind = _fields_check(
        brigade.commune,
        name=name,
        kind=kind,
        other_kind=other_kind,
        council=council,
        but=brigade,
    )
    brigade.name, brigade.kind, brigade.other_kind = name, kind, other_kind
    brigade.council = council
    brigade.funder = " ".join(funder.split())
    brigade.description = description.strip()
    brigade.active = active
    try:
        with transaction.atomic():
            brigade.save(
                update_fields=[
                    "name",
                    "kind",
                    "other_kind",
                    "council",
                    "funder",
                    "description",
                    "active",
                ]
            )
    except IntegrityError:
        raise Refusal(_("There is already a brigade with that name."), field="name") from None
    return brigade


def _login_check(brigade: Brigade, login: User | None) -> None:
    if login is None:
        return
    if not login.memberships.filter(commune_id=brigade.commune_id).exists():
        raise Refusal(_("That login is not a member of the commune."), field="login")
    taken = BrigadeMember.objects.of(brigade.commune_id).filter(
        brigade=brigade, login=login, left_on__isnull=True
    )
    if taken.exists():
        raise Refusal(_("That login already belongs to a member of the brigade."), field="login")


@transaction.atomic
def member_add(
    *,
    brigade: Brigade,
    person: Person,
    joined_on: dt.date,
    skills: str = "",
    is_spokesperson: bool = False,
    login: User | None = None,
) -> BrigadeMember:
    """A person of the census joins the brigade; as its spokesperson if so chosen (there is
    one at a time: refused while another is)."""
    brigade = brigade_lock(brigade)
    if person.commune_id != brigade.commune_id or person.status != PersonStatus.ACTIVE:
        raise Refusal(_("That person is not living in the commune."), field="person")
    active = BrigadeMember.objects.of(brigade.commune_id).filter(
        brigade=brigade, left_on__isnull=True
    )
    if active.filter(person=person).exists():
        raise Refusal(
            _("%(person)s is already in this brigade.") % {"person": person.full_name},
            field="person",
            code="already_member",
        )
    if is_spokesperson and active.filter(is_spokesperson=True).exists():
        raise Refusal(
            _("The brigade already has a spokesperson: name the new one from the member list."),
            field="is_spokesperson",
            code="two_spokespeople",
        )
    _login_check(brigade, login)
    return BrigadeMember.objects.create(
        brigade=brigade,
        person=person,
        joined_on=joined_on,
        skills=" ".join(skills.split())[:300],
        is_spokesperson=is_spokesperson,
        login=login,
    )


@transaction.atomic
def member_update(*, member: BrigadeMember, skills: str, login: User | None) -> BrigadeMember:
    brigade_lock(member.brigade)
    if member.left_on is not None:
        raise Refusal(_("That person has left the brigade."))
    if login is not None and login.pk != member.login_id:
        _login_check(member.brigade, login)
    member.skills = " ".join(skills.split())[:300]
    member.login = login
    member.save(update_fields=["skills", "login"])
    return member


@transaction.atomic
def spokesperson_name(*, member: BrigadeMember) -> BrigadeMember:
    """Make ``member`` the brigade's one spokesperson, in place of whoever was."""
    brigade_lock(member.brigade)
    member.refresh_from_db()
    if member.left_on is not None:
        raise Refusal(_("That person has left the brigade."))
    BrigadeMember.objects.of(member.commune_id).filter(
        brigade_id=member.brigade_id, is_spokesperson=True, left_on__isnull=True
    ).exclude(pk=member.pk).update(is_spokesperson=False)
    member.is_spokesperson = True
    member.save(update_fields=["is_spokesperson"])
    return member


@transaction.atomic
def member_end(*, member: BrigadeMember, left_on: dt.date) -> BrigadeMember:
    """The person leaves the brigade on ``left_on``; their shifts after that day are removed."""
    brigade_lock(member.brigade)
    member.refresh_from_db()
    if member.left_on is not None:
        raise Refusal(_("That person has already left the brigade."))
    if left_on < member.joined_on:
        raise Refusal(_("They cannot leave before they joined."), field="left_on")
    member.left_on = left_on
    member.is_spokesperson = False
    member.save(update_fields=["left_on", "is_spokesperson"])
    end = dt.datetime.combine(
        left_on + dt.timedelta(days=1), dt.time(), tzinfo=timezone.get_current_timezone()
    )
    Shift.objects.of(member.commune_id).filter(member=member, starts_at__gte=end).delete()
    return member


def _overlap_refusal(shift: Shift) -> Refusal:
    return Refusal(
        _(
            "%(person)s is already on duty from %(start)s to %(end)s (%(brigade)s): "
            "a person cannot be in two shifts at once."
        )
        % {
            "person": shift.member.person.full_name,
            "start": timezone.localtime(shift.starts_at).strftime("%d/%m/%Y %H:%M"),
            "end": timezone.localtime(shift.ends_at).strftime("%d/%m/%Y %H:%M"),
            "brigade": shift.brigade.name,
        },
        field="starts_at",
        code="overlap",
        status=409,
    )


def _period_check(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise Refusal(_("The shift must end after it starts."), field="ends_at")
    if ends_at - starts_at > SHIFT_MAX:
        raise Refusal(_("A shift lasts 24 hours at most."), field="ends_at")


@transaction.atomic
def shift_add(
    *,
    brigade: Brigade,
    member: BrigadeMember,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    note: str = "",
) -> Shift:
    """A member on duty from ``starts_at`` to ``ends_at``. Refused if the same person has
    another shift then, in this brigade or any other: checked under the person's lock."""
    if member.brigade_id != brigade.pk:
        raise Refusal(_("Choose a member of the brigade."), field="member")
    _period_check(starts_at, ends_at)
    people_lock(member.commune_id, [member.person_id])
    member.refresh_from_db()
    if member.left_on is not None and member.left_on < timezone.localtime(starts_at).date():
        raise Refusal(_("That person has left the brigade."), field="member")
    clash = overlapping(member, starts_at, ends_at)
    if clash is not None:
        raise _overlap_refusal(clash)
    return Shift.objects.create(
        brigade=brigade,
        member=member,
        starts_at=starts_at,
        ends_at=ends_at,
        note=" ".join(note.split())[:200],
    )


@transaction.atomic
def shift_remove(*, shift: Shift) -> None:
    """Take a shift off the rota; the swaps asked for it are declined."""
    ShiftSwap.objects.of(shift.commune_id).filter(status=SwapStatus.ASKED).filter(
        Q(mine=shift) | Q(theirs=shift)
    ).update(status=SwapStatus.DECLINED, decided_at=timezone.now())
    shift.delete()


@transaction.atomic
def swap_ask(*, mine: Shift, theirs: Shift) -> ShiftSwap:
    """The holder of ``mine`` asks the holder of ``theirs`` (same brigade) to swap."""
    if mine.brigade_id != theirs.brigade_id:
        raise Refusal(_("Both shifts must be of the same brigade."), field="theirs")
    if mine.member.person_id == theirs.member.person_id:
        raise Refusal(_("Choose a shift of another member."), field="theirs")
    if theirs.starts_at <= timezone.now() or mine.starts_at <= timezone.now():
        raise Refusal(_("Only shifts still to come can be swapped."), field="theirs")
    try:
        with transaction.atomic():
            return ShiftSwap.objects.create(brigade=mine.brigade, mine=mine, theirs=theirs)
    except IntegrityError:
        raise Refusal(_("That swap has already been asked."), field="theirs") from None


@transaction.atomic
def swap_complete(*, swap: ShiftSwap, by: User) -> ShiftSwap:
    """The other member accepts, or the spokesperson approves (the caller checked which):
    both shifts change hands in this one transaction, each checked against its new holder's
    other shifts."""
    brigade_lock(swap.brigade)
    shifts = Shift.objects.of(swap.commune_id).select_related("member")
    mine = shifts.get(pk=swap.mine_id)
    theirs = shifts.get(pk=swap.theirs_id)
    people_lock(swap.commune_id, [mine.member.person_id, theirs.member.person_id])
    swap.refresh_from_db()
    if swap.status != SwapStatus.ASKED:
        raise Refusal(_("That swap has already been decided."), code="decided")
    giver, taker = mine.member, theirs.member
    for member, shift, other in ((taker, mine, theirs), (giver, theirs, mine)):
        if member.left_on is not None:
            raise Refusal(_("That person has left the brigade."))
        clash = (
            Shift.objects.of(member.commune_id)
            .filter(
                member__person_id=member.person_id,
                starts_at__lt=shift.ends_at,
                ends_at__gt=shift.starts_at,
            )
            .exclude(pk__in=[shift.pk, other.pk])
            .select_related("brigade", "member__person")
            .first()
        )
        if clash is not None:
            raise _overlap_refusal(clash)
    mine.member, theirs.member = taker, giver
    mine.save(update_fields=["member"])
    theirs.save(update_fields=["member"])
    swap.status = SwapStatus.DONE
    swap.decided_at = timezone.now()
    swap.decided_by = by
    swap.save(update_fields=["status", "decided_at", "decided_by"])
    return swap


@transaction.atomic
def swap_decline(*, swap: ShiftSwap, by: User) -> ShiftSwap:
    swap = ShiftSwap.objects.of(swap.commune_id).select_for_update().get(pk=swap.pk)
    if swap.status != SwapStatus.ASKED:
        raise Refusal(_("That swap has already been decided."), code="decided")
    swap.status = SwapStatus.DECLINED
    swap.decided_at = timezone.now()
    swap.decided_by = by
    swap.save(update_fields=["status", "decided_at", "decided_by"])
    return swap


EXPENSE_NAME = gettext_lazy("Salaries: %(brigade)s")


def _next_code(commune: Commune, group: str) -> str:
    taken = (
        Account.objects.of(commune).filter(code__startswith=group).values_list("code", flat=True)
    )
    numbers = [int(code[len(group) :]) for code in taken if code[len(group) :].isdigit()]
    return f"{group}{max(numbers, default=0) + 1:02d}"


def _salary_accounts(brigade: Brigade) -> tuple[str, str]:
    """The brigade's income and expense accounts, opened through the ledger the first time."""
    if not brigade.income_account:
        code = _next_code(brigade.commune, "4.3.")
        account_open(
            commune=brigade.commune,
            code=code,
            # The funder and the brigade by name: no phrase of either language in the chart.
            name=f"{brigade.funder}: {brigade.name}",
            kind=AccountKind.INCOME,
            unit="VES",
        )
        brigade.income_account = code
    if not brigade.expense_account:
        code = _next_code(brigade.commune, "5.3.")
        account_open(
            commune=brigade.commune,
            code=code,
            name=as_recorded(EXPENSE_NAME, brigade=brigade.name),
            kind=AccountKind.EXPENSE,
            unit="VES",
        )
        brigade.expense_account = code
    brigade.save(update_fields=["income_account", "expense_account"])
    return brigade.income_account, brigade.expense_account


@transaction.atomic
def salaries_post(
    *, brigade: Brigade, month: dt.date, amount: int, author: str, date: dt.date | None = None
) -> SalaryMonth:
    """Post a month's salaries that the funder paid the members: income from the funder and
    the same amount as an expense on salaries, once per brigade and month (``amount`` in
    céntimos)."""
    brigade = brigade_lock(brigade)
    month = month.replace(day=1)
    if not brigade.funder:
        raise Refusal(_("Say first who funds the brigade."), field="amount")
    if amount <= 0:
        raise Refusal(_("The amount must be more than zero."), field="amount")
    if SalaryMonth.objects.of(brigade.commune_id).filter(brigade=brigade, month=month).exists():
        raise Refusal(
            _("The salaries of %(month)s are already posted.") % {"month": f"{month:%m/%Y}"},
            field="month",
            code="already_posted",
            status=409,
        )
    start, end = month_bounds(month)
    people = (
        BrigadeMember.objects.of(brigade.commune_id)
        .filter(brigade=brigade, joined_on__lt=end.date())
        .exclude(left_on__lt=start.date())
        .count()
    )
    if people == 0:
        raise Refusal(_("The brigade had no members that month."), field="month")
    income, expense = _salary_accounts(brigade)
    entry = transfer_post(
        commune=brigade.commune,
        debit=expense,
        credit=income,
        amount=amount,
        unit="VES",
        date=date or min(end.date() - dt.timedelta(days=1), timezone.localdate()),
        # Names and the month only: no phrase of either language in the books' description.
        description=f"{brigade.funder} · {brigade.name} · {month:%m/%Y}",
        author=author,
        reference=f"brigade-{brigade.pk}-{month:%Y-%m}",
        idempotency_key=f"brigade-salaries-{brigade.uuid}-{month:%Y-%m}",
    )
    return SalaryMonth.objects.create(
        brigade=brigade, month=month, amount=amount, people=people, entry=entry
    )
