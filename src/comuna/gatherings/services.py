"""Every write of the calendar and the gatherings, each in one transaction, refused with a
``Refusal`` that changes nothing.

``by`` is the login acting (``None``: the system, as the demo); the organisers' writes check
that it is an officer of the level concerned, or of one above (``access.is_organiser``).
Votes are counted with the governance rules (``engines.governance_rules``): a vote needs a
quorum of more than half of the delegates registered present in the room; an amendment
carries by a simple majority of the votes cast, the declaration by an absolute majority of
the delegates present.

Row locks, in this order: the gathering, then its amendment (``_gathering_lock``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.engines.governance_rules import (
    Majority,
    Outcome,
    Quorum,
    QuorumBasis,
    QuorumRule,
    Tally,
    outcome,
    quorum,
)
from comuna.federation.models import Unit
from comuna.gatherings import access
from comuna.gatherings.declaration import paragraphs_split
from comuna.gatherings.models import (
    Action,
    ActionOrganisation,
    Amendment,
    Delegate,
    Gathering,
    Organisation,
    Paragraph,
    Participation,
    Session,
    Speaker,
    Vote,
)
from comuna.users.actors import Actor
from comuna.users.models import User

# The quorum of a gathering: more than half of the delegates registered, in the room.
QUORUM_RULE = QuorumRule(QuorumBasis.SEAT_MAJORITY)
AMENDMENT_MAJORITY = Majority.SIMPLE
DECLARATION_MAJORITY = Majority.ABSOLUTE
MAX_PEOPLE = 1_000_000
MAX_HOURS = Decimal("10000000")
MAX_DAYS = 366


def _organiser_check(by: User | None, unit: Unit) -> None:
    if by is None:
        return
    if not access.is_organiser(Actor(commune=None, user=by), unit.pk):
        raise Refusal(
            _("Only the federation's officers of %(unit)s, or of a level above, do this.")
            % {"unit": unit.name},
            code="forbidden",
            status=403,
        )


def _clean(text: str) -> str:
    return " ".join(text.split())


def _dates_check(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise Refusal(_("The end cannot come before the start."), field="ends_on")
    if (ends_on - starts_on).days > MAX_DAYS:
        raise Refusal(_("It cannot last more than a year."), field="ends_on")


# ---------------------------------------------------------------- organisations and actions


@transaction.atomic
def organisation_create(*, name: str, kind: str, by: User | None) -> Organisation:
    """An officer (of any level) adds an organisation the communes work with."""
    if by is not None and not access.is_officer(Actor(commune=None, user=by)):
        raise Refusal(_("Only the federation's officers do this."), code="forbidden", status=403)
    name = _clean(name)
    if not name:
        raise Refusal(_("Name the organisation."), field="name")
    if kind not in Organisation.Kind.values:
        raise Refusal(_("Choose what kind of organisation it is."), field="kind")
    if Organisation.objects.filter(name__iexact=name).exists():
        raise Refusal(
            _("There is already an organisation called %(name)s.") % {"name": name},
            field="name",
            code="duplicate",
            status=409,
        )
    return Organisation.objects.create(name=name, kind=kind)


@transaction.atomic
def action_call(
    *,
    kind: str,
    title: str,
    description: str,
    starts_on: dt.date,
    ends_on: dt.date,
    unit: Unit,
    organisations: Iterable[Organisation] = (),
    by: User | None,
) -> Action:
    """Put an action on the calendar, called to the communes of ``unit``."""
    _organiser_check(by, unit)
    title = _clean(title)
    if not title:
        raise Refusal(_("Give the action a title."), field="title")
    if kind not in Action.Kind.values:
        raise Refusal(_("Choose what kind of action it is."), field="kind")
    _dates_check(starts_on, ends_on)
    action = Action.objects.create(
        kind=kind,
        title=title,
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        unit=unit,
    )
    ActionOrganisation.objects.bulk_create(
        ActionOrganisation(action=action, organisation=o) for o in dict.fromkeys(organisations)
    )
    return action


@transaction.atomic
def participation_report(
    *,
    commune: Commune,
    action: Action,
    people: int,
    hours: Decimal,
    note: str = "",
    by: User | None,
) -> Participation:
    """The commune's one report of its part in ``action``: made once, then corrected."""
    if not access.commune_is_called(commune, action):
        raise Refusal(
            _("This action was not called to your commune's communal city, state or nation."),
            code="not_called",
            status=403,
        )
    if action.starts_on > timezone.localdate():
        raise Refusal(
            _("The action has not begun: report what was done once it starts."),
            code="not_begun",
        )
    if not 0 <= people <= MAX_PEOPLE:
        raise Refusal(_("Count the people who took part (0 or more)."), field="people")
    if not Decimal(0) <= hours <= MAX_HOURS:
        raise Refusal(_("Count the hours worked (0 or more)."), field="hours")
    if people == 0 and hours > 0:
        raise Refusal(_("Hours were worked, so someone took part."), field="people")
    note = _clean(note)[:500]
    found = Participation.objects.of(commune).select_for_update().filter(action=action).first()
    if found is None:
        try:
            with transaction.atomic():
                return Participation.objects.create(
                    commune=commune,
                    action=action,
                    people=people,
                    hours=hours,
                    note=note,
                    reported_by=by,
                )
        except IntegrityError:
            # Two reports at the same moment: the other was saved first; correct it.
            found = Participation.objects.of(commune).select_for_update().get(action=action)
    found.people, found.hours, found.note, found.reported_by = people, hours, note, by
    found.save(update_fields=["people", "hours", "note", "reported_by", "reported_at"])
    return found


# ---------------------------------------------------------------- gatherings


@transaction.atomic
def gathering_convene(
    *,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    place: str,
    unit: Unit,
    draft: str,
    by: User | None,
) -> Gathering:
    """Convene a gathering with its draft declaration (paragraphs separated by a blank line)."""
    _organiser_check(by, unit)
    name, place = _clean(name), _clean(place)
    if not name:
        raise Refusal(_("Name the gathering."), field="name")
    if not place:
        raise Refusal(_("Say where the gathering meets."), field="place")
    _dates_check(starts_on, ends_on)
    paragraphs = paragraphs_split(draft)
    if not paragraphs:
        raise Refusal(
            _("Write the draft declaration: paragraphs separated by a blank line."),
            field="draft",
        )
    if len(paragraphs) > 200 or any(len(p) > 4000 for p in paragraphs):
        raise Refusal(
            _("A draft holds at most 200 paragraphs of 4000 characters each."), field="draft"
        )
    gathering = Gathering.objects.create(
        name=name, starts_on=starts_on, ends_on=ends_on, place=place, unit=unit
    )
    Paragraph.objects.bulk_create(
        Paragraph(gathering=gathering, number=k, text=text)
        for k, text in enumerate(paragraphs, start=1)
    )
    return gathering


def _gathering_lock(gathering: Gathering) -> Gathering:
    """Locks the gathering's row: its votes, amendments and count go one at a time."""
    return Gathering.objects.select_for_update().select_related("unit").get(pk=gathering.pk)


def _open_check(gathering: Gathering) -> None:
    if gathering.status != Gathering.Status.OPEN:
        raise Refusal(
            _("The declaration has been voted: the gathering's debate is closed."),
            code="closed",
            status=409,
        )


@transaction.atomic
def delegate_register(
    *,
    gathering: Gathering,
    organisation: Organisation,
    name: str,
    commune: Commune | None = None,
    national_id: str = "",
    by: User | None,
) -> Delegate:
    """Register a delegate of ``organisation``; the same person is registered once."""
    gathering = _gathering_lock(gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    name = _clean(name)
    national_id = "".join(national_id.split()).upper()
    if not name:
        raise Refusal(_("Write the delegate's name."), field="name")
    if national_id and gathering.delegates.filter(national_id=national_id).exists():
        raise Refusal(
            _("A delegate with the national ID %(id)s is already registered.")
            % {"id": national_id},
            field="national_id",
            code="duplicate",
            status=409,
        )
    twin = gathering.delegates.filter(organisation=organisation, name__iexact=name).first()
    if twin is not None:
        raise Refusal(
            _("%(name)s is already registered as a delegate of %(organisation)s.")
            % {"name": twin.name, "organisation": organisation.name},
            field="name",
            code="duplicate",
            status=409,
        )
    return Delegate.objects.create(
        gathering=gathering,
        organisation=organisation,
        name=name,
        commune=commune,
        national_id=national_id,
    )


@transaction.atomic
def delegate_presence_set(*, delegate: Delegate, present: bool, by: User | None) -> Delegate:
    """Mark a delegate in the room (accredited at the door) or gone."""
    gathering = _gathering_lock(delegate.gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    delegate.present = present
    delegate.save(update_fields=["present"])
    return delegate


@transaction.atomic
def delegate_withdraw(*, delegate: Delegate, by: User | None) -> None:
    """Take back a delegate registered by mistake (or who will not come), while the debate is
    open. One who has voted or asked for the floor stays on the record: mark them gone."""
    gathering = _gathering_lock(delegate.gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
    if delegate.votes.exists() or Speaker.objects.filter(delegate=delegate).exists():
        raise Refusal(
            _(
                "%(name)s has voted or asked for the floor, and stays on the record: mark them "
                "gone instead."
            )
            % {"name": delegate.name},
            code="on_record",
            status=409,
        )
    delegate.delete()


@transaction.atomic
def session_open(
    *, gathering: Gathering, title: str, starts_at: dt.datetime, agenda: str, by: User | None
) -> Session:
    gathering = _gathering_lock(gathering)
    _organiser_check(by, gathering.unit)
    title = _clean(title)
    if not title:
        raise Refusal(_("Give the session a title."), field="title")
    return Session.objects.create(
        gathering=gathering, title=title, starts_at=starts_at, agenda=agenda.strip()
    )


def _session_lock(session: Session) -> Session:
    _gathering_lock(session.gathering)
    return Session.objects.select_related("gathering__unit").get(pk=session.pk)


@transaction.atomic
def speaker_ask(*, session: Session, delegate: Delegate, by: User | None) -> Speaker:
    """A delegate asks for the floor: last on the list."""
    session = _session_lock(session)
    _organiser_check(by, session.gathering.unit)
    if delegate.gathering_id != session.gathering_id:
        raise Refusal(_("That person is not a delegate at this gathering."), field="delegate")
    if session.speakers.filter(delegate=delegate).exclude(status=Speaker.Status.DONE).exists():
        raise Refusal(
            _("%(name)s is already on the speakers' list.") % {"name": delegate.name},
            field="delegate",
            code="duplicate",
            status=409,
        )
    last = session.speakers.aggregate(last=Max("position"))["last"] or 0
    return Speaker.objects.create(session=session, delegate=delegate, position=last + 1)


@transaction.atomic
def speaker_next(*, session: Session, by: User | None) -> Speaker:
    """The chair gives the floor to the first waiting, in order (whoever spoke is done)."""
    session = _session_lock(session)
    _organiser_check(by, session.gathering.unit)
    now = timezone.now()
    speaking = session.speakers.filter(status=Speaker.Status.SPEAKING).first()
    if speaking is not None:
        speaking.status, speaking.done_at = Speaker.Status.DONE, now
        speaking.save(update_fields=["status", "done_at"])
    following = session.speakers.filter(status=Speaker.Status.WAITING).order_by("position").first()
    if following is None:
        raise Refusal(_("Nobody is waiting for the floor."), code="empty", status=409)
    following.status, following.given_at = Speaker.Status.SPEAKING, now
    following.save(update_fields=["status", "given_at"])
    return following


@transaction.atomic
def speaker_done(*, session: Session, by: User | None) -> Speaker:
    """Whoever has the floor has finished."""
    session = _session_lock(session)
    _organiser_check(by, session.gathering.unit)
    speaking = session.speakers.filter(status=Speaker.Status.SPEAKING).first()
    if speaking is None:
        raise Refusal(_("Nobody has the floor."), code="empty", status=409)
    speaking.status, speaking.done_at = Speaker.Status.DONE, timezone.now()
    speaking.save(update_fields=["status", "done_at"])
    return speaking


# ---------------------------------------------------------------- amendments and votes


@transaction.atomic
def amendment_propose(
    *,
    gathering: Gathering,
    paragraph_number: int,
    kind: str,
    text: str,
    organisation: Organisation,
    by: User | None,
) -> Amendment:
    """An organisation with delegates at the gathering proposes a change to one paragraph."""
    gathering = _gathering_lock(gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    paragraph = gathering.paragraphs.filter(number=paragraph_number).first()
    if paragraph is None:
        raise Refusal(
            _("The draft has no paragraph %(number)s: it has %(count)s.")
            % {"number": paragraph_number, "count": gathering.paragraphs.count()},
            field="paragraph",
        )
    if kind not in Amendment.Kind.values:
        raise Refusal(_("Choose what the amendment changes."), field="kind")
    text = text.strip()
    if kind == Amendment.Kind.DELETE:
        text = ""
    elif not text:
        raise Refusal(_("Write the text the amendment proposes."), field="text")
    if not gathering.delegates.filter(organisation=organisation).exists():
        raise Refusal(
            _("%(organisation)s has no delegate registered at this gathering.")
            % {"organisation": organisation.name},
            field="organisation",
        )
    number = (gathering.amendments.aggregate(last=Max("number"))["last"] or 0) + 1
    return Amendment.objects.create(
        gathering=gathering,
        number=number,
        paragraph=paragraph,
        kind=kind,
        text=text,
        organisation=organisation,
    )


def _withdrawn_check(amendment: Amendment) -> None:
    if amendment.status == Amendment.Status.WITHDRAWN:
        raise Refusal(
            _("Amendment %(number)s was withdrawn: there is nothing to vote.")
            % {"number": amendment.number},
            code="withdrawn",
            status=409,
        )


@transaction.atomic
def amendment_withdraw(*, amendment: Amendment, by: User | None) -> Amendment:
    """The proposing organisation takes its amendment back before anyone has voted on it."""
    gathering = _gathering_lock(amendment.gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != Amendment.Status.PROPOSED:
        raise Refusal(
            _("Amendment %(number)s is %(status)s: it can no longer be withdrawn.")
            % {"number": amendment.number, "status": amendment.get_status_display()},
            code="not_proposed",
            status=409,
        )
    if amendment.votes.exists():
        raise Refusal(
            _("Amendment %(number)s is being voted: it can no longer be withdrawn.")
            % {"number": amendment.number},
            code="voting",
            status=409,
        )
    amendment.status = Amendment.Status.WITHDRAWN
    amendment.save(update_fields=["status"])
    return amendment


@transaction.atomic
def vote_cast(
    *,
    gathering: Gathering,
    delegate: Delegate,
    choice: str,
    amendment: Amendment | None = None,
    by: User | None,
) -> Vote:
    """Record a delegate's vote on ``amendment`` or, with none, on the declaration."""
    gathering = _gathering_lock(gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    if delegate.gathering_id != gathering.pk or (
        amendment is not None and amendment.gathering_id != gathering.pk
    ):
        raise Refusal(_("That delegate or amendment is not of this gathering."))
    if choice not in Vote.Choice.values:
        raise Refusal(_("Choose for, against or abstains."), field="choice")
    if not Delegate.objects.filter(pk=delegate.pk, present=True).exists():
        raise Refusal(
            _("%(name)s is not marked present: only delegates in the room vote.")
            % {"name": delegate.name},
            code="absent",
        )
    if amendment is not None:
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        _withdrawn_check(amendment)
        if amendment.status != Amendment.Status.PROPOSED:
            raise Refusal(
                _("Amendment %(number)s has been counted already.") % {"number": amendment.number},
                code="counted",
                status=409,
            )
    elif gathering.amendments.filter(status=Amendment.Status.PROPOSED).exists():
        raise Refusal(_("Vote every amendment before the declaration."), code="amendments_pending")
    if gathering.votes.filter(delegate=delegate, amendment=amendment).exists():
        raise Refusal(
            _("%(name)s has already voted on this.") % {"name": delegate.name},
            code="already_voted",
            status=409,
        )
    try:
        with transaction.atomic():
            return Vote.objects.create(
                gathering=gathering, amendment=amendment, delegate=delegate, choice=choice
            )
    except IntegrityError:
        raise Refusal(
            _("%(name)s has already voted on this.") % {"name": delegate.name},
            code="already_voted",
            status=409,
        ) from None


def gathering_quorum(gathering: Gathering) -> Quorum:
    """More than half of the delegates registered, present in the room."""
    delegates = gathering.delegates.all()
    return quorum(
        QUORUM_RULE,
        call=1,
        base=delegates.count(),
        present=delegates.filter(present=True).count(),
    )


def tally_of(gathering: Gathering, amendment: Amendment | None) -> Tally:
    votes = gathering.votes.filter(amendment=amendment)
    return Tally(
        yes=votes.filter(choice=Vote.Choice.YES).count(),
        no=votes.filter(choice=Vote.Choice.NO).count(),
        abstaining=votes.filter(choice=Vote.Choice.ABSTAIN).count(),
    )


def _quorum_check(gathering: Gathering) -> Quorum:
    found = gathering_quorum(gathering)
    if found.base == 0 or not found.reached:
        raise Refusal(
            _(
                "No quorum: %(present)s delegates present, %(required)s needed (more than half "
                "of the %(base)s registered). Without quorum nothing is voted."
            )
            % {"present": found.present, "required": found.required, "base": found.base},
            code="no_quorum",
        )
    return found


@transaction.atomic
def amendment_count(*, amendment: Amendment, by: User | None) -> Outcome:
    """Count an amendment's votes: carried by a simple majority of the votes cast."""
    gathering = _gathering_lock(amendment.gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    _withdrawn_check(amendment)
    if amendment.status != Amendment.Status.PROPOSED:
        raise Refusal(
            _("Amendment %(number)s has been counted already.") % {"number": amendment.number},
            code="counted",
            status=409,
        )
    present = _quorum_check(gathering)
    tally = tally_of(gathering, amendment)
    result = outcome(AMENDMENT_MAJORITY, tally)
    amendment.status = Amendment.Status.CARRIED if result.carried else Amendment.Status.REJECTED
    amendment.present = present.present
    amendment.votes_yes, amendment.votes_no = tally.yes, tally.no
    amendment.votes_abstaining = tally.abstaining
    amendment.voted_at = timezone.now()
    amendment.save(
        update_fields=[
            "status",
            "present",
            "votes_yes",
            "votes_no",
            "votes_abstaining",
            "voted_at",
        ]
    )
    return result


@transaction.atomic
def declaration_count(*, gathering: Gathering, by: User | None) -> Outcome:
    """Count the final vote: the declaration, with its carried amendments, is adopted by an
    absolute majority of the delegates present."""
    gathering = _gathering_lock(gathering)
    _organiser_check(by, gathering.unit)
    _open_check(gathering)
    if gathering.amendments.filter(status=Amendment.Status.PROPOSED).exists():
        raise Refusal(_("Vote every amendment before the declaration."), code="amendments_pending")
    present = _quorum_check(gathering)
    tally = tally_of(gathering, None)
    # A delegate marked gone after voting still voted: the base is never below the votes.
    result = outcome(DECLARATION_MAJORITY, tally, present=max(present.present, tally.cast))
    gathering.status = Gathering.Status.ADOPTED if result.carried else Gathering.Status.REJECTED
    gathering.registered, gathering.present = present.base, present.present
    gathering.votes_yes, gathering.votes_no = tally.yes, tally.no
    gathering.votes_abstaining = tally.abstaining
    gathering.voted_at = timezone.now()
    gathering.save(
        update_fields=[
            "status",
            "registered",
            "present",
            "votes_yes",
            "votes_no",
            "votes_abstaining",
            "voted_at",
        ]
    )
    return result
