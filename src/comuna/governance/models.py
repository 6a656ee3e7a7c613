"""Self-government: organs and seats, the statute's rules, meetings, votes and decisions.

The composition of the organs and the rules of their meetings are data, because every
commune's statute is different. Every change goes through ``governance.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comuna.core.models import CommunalModel
from comuna.engines.governance_rules import (
    FIRST_CALL_PERCENT,
    RECALL_PETITION_PERCENT,
    SATURDAY,
    SECOND_CALL_PERCENT,
    Majority,
)


class OrganKind(models.TextChoices):
    ASSEMBLY = "assembly", _("Citizens' assembly")
    PARLIAMENT = "parliament", _("Communal parliament")
    EXECUTIVE = "executive", _("Executive council")
    ECONOMIC = "economic", _("Economic council")
    COMPTROLLER = "comptroller", _("Comptroller council")
    PLANNING = "planning", _("Planning council")
    ADMINISTRATION = "administration", _("Administration council")
    COMMITTEE = "committee", _("Committee")
    BRIGADE = "brigade", _("Brigade")


class Organ(CommunalModel):
    """A body of the commune or of one council. Its composition is data: statutes differ.

    A citizens' assembly has no seats: its members are the residents of its council (or of the
    whole commune) old enough to take part. Every other organ is made of its seats.
    """

    council = models.ForeignKey(
        "census.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organs",
        verbose_name=_("council"),
        help_text=_("Empty for an organ of the whole commune."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganKind.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organs")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="organ_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_assembly(self) -> bool:
        return self.kind == OrganKind.ASSEMBLY


class Seat(CommunalModel):
    """A seat in an organ, with its current holder and substitute for a term.

    The seat holds who serves now; ``SeatTerm`` keeps every term, past and present.
    """

    commune_via = ("organ",)

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="seats")
    title = models.CharField(_("seat"), max_length=150)
    council = models.ForeignKey(
        "census.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("represents council"),
    )
    holder = models.ForeignKey(
        "census.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats_held",
        verbose_name=_("holder"),
    )
    substitute = models.ForeignKey(
        "census.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats_substituted",
        verbose_name=_("substitute"),
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["organ", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "title"], name="seat_title_unique"),
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gt=F("term_start")),
                name="seat_term_ordered",
            ),
            models.CheckConstraint(
                condition=Q(holder__isnull=True) | ~Q(holder=F("substitute")),
                name="seat_substitute_differs",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:seat", args=[self.pk])


class TermEnd(models.TextChoices):
    COMPLETED = "completed", _("Term completed")
    RECALLED = "recalled", _("Recalled")
    RESIGNED = "resigned", _("Resigned")
    REPLACED = "replaced", _("Replaced")


class SeatTerm(CommunalModel):
    """One term in a seat: who held it and who stood in, from when to when, and why it ended.

    The history of a seat is its terms; at most one is current (``ended_on`` empty).
    """

    commune_via = ("seat",)

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="terms")
    holder = models.ForeignKey(
        "census.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    substitute = models.ForeignKey(
        "census.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    started_on = models.DateField(_("took office"))
    ended_on = models.DateField(_("left office"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=12, choices=TermEnd.choices, blank=True
    )
    decision = models.ForeignKey(
        "Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="seat_terms"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["seat", "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat"], condition=Q(ended_on__isnull=True), name="seat_term_one_current"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False, ended_on__gte=F("started_on")) & ~Q(end_reason=""),
                name="seat_term_end_explained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} {self.started_on}"


MAJORITY_CHOICES = [
    (Majority.SIMPLE.value, _("Simple majority (more for than against)")),
    (Majority.ABSOLUTE.value, _("Absolute majority (more than half of those present)")),
    (Majority.TWO_THIRDS.value, _("Two thirds of those present")),
]


class SeatQuorum(models.TextChoices):
    MAJORITY = "seat_majority", _("A majority of its seats")
    TWO_THIRDS = "seat_two_thirds", _("Two thirds of its seats")


class DecisionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary decision")
    ACCOUNTS = "accounts", _("Approval of accounts")
    ELECTION = "election", _("Election of a spokesperson")
    RECALL = "recall", _("Recall of a spokesperson")
    PLAN = "plan", _("Plan or budget")
    STATUTE = "statute", _("Change to the statute")


WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEK_CHOICES = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth"))]


class Statute(CommunalModel):
    """The rules of the commune's meetings, as its statute writes them.

    A commune without a row here follows the defaults (see docs/governance.md): 30% of the
    residents aged 15 and over at first call and 20% at second call for a citizens'
    assembly, a majority of the seats for the other organs, a recall petition signed by 10%.
    """

    commune = models.OneToOneField("core.Commune", on_delete=models.PROTECT, related_name="statute")
    first_call_quorum_percent = models.DecimalField(
        _("Assembly quorum at first call (%)"),
        max_digits=5,
        decimal_places=2,
        default=FIRST_CALL_PERCENT,
    )
    second_call_quorum_percent = models.DecimalField(
        _("Assembly quorum at second call (%)"),
        max_digits=5,
        decimal_places=2,
        default=SECOND_CALL_PERCENT,
    )
    assembly_minimum_age = models.PositiveSmallIntegerField(
        _("Minimum age to take part in an assembly"), default=15
    )
    seat_quorum = models.CharField(
        _("Quorum of the parliament and the councils"),
        max_length=20,
        choices=SeatQuorum.choices,
        default=SeatQuorum.MAJORITY,
    )
    recall_petition_percent = models.DecimalField(
        _("Signatures a recall petition needs (% of the electorate)"),
        max_digits=5,
        decimal_places=2,
        default=RECALL_PETITION_PERCENT,
    )
    term_years = models.PositiveSmallIntegerField(_("Years in a spokesperson's term"), default=2)
    parliament_weekday = models.PositiveSmallIntegerField(
        _("The parliament meets on"), choices=WEEKDAY_CHOICES, default=SATURDAY
    )
    parliament_week = models.PositiveSmallIntegerField(
        _("of the month, the"), choices=WEEK_CHOICES, default=1
    )
    majority_ordinary = models.CharField(
        _("Ordinary decisions"), max_length=12, choices=MAJORITY_CHOICES, default="simple"
    )
    majority_accounts = models.CharField(
        _("Approval of accounts"), max_length=12, choices=MAJORITY_CHOICES, default="simple"
    )
    majority_election = models.CharField(
        _("Election of a spokesperson"), max_length=12, choices=MAJORITY_CHOICES, default="simple"
    )
    majority_recall = models.CharField(
        _("Recall of a spokesperson"), max_length=12, choices=MAJORITY_CHOICES, default="absolute"
    )
    majority_plan = models.CharField(
        _("Plan or budget"), max_length=12, choices=MAJORITY_CHOICES, default="absolute"
    )
    majority_statute = models.CharField(
        _("Change to the statute"), max_length=12, choices=MAJORITY_CHOICES, default="two_thirds"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("statute")
        verbose_name_plural = _("statutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(second_call_quorum_percent__gt=0)
                & Q(second_call_quorum_percent__lte=F("first_call_quorum_percent"))
                & Q(first_call_quorum_percent__lte=100),
                name="statute_quorum_shares",
                violation_error_message=_(
                    "The quorum shares must be more than 0%% and at most 100%%, and the "
                    "second call's no higher than the first's."
                ),
            ),
            models.CheckConstraint(
                condition=Q(recall_petition_percent__gt=0) & Q(recall_petition_percent__lte=100),
                name="statute_recall_share",
                violation_error_message=_(
                    "The recall petition's share must be more than 0%% and at most 100%%."
                ),
            ),
            models.CheckConstraint(
                condition=Q(assembly_minimum_age__gte=12) & Q(assembly_minimum_age__lte=21),
                name="statute_minimum_age",
                violation_error_message=_("The minimum age must be between 12 and 21."),
            ),
            models.CheckConstraint(
                condition=Q(term_years__gte=1) & Q(term_years__lte=10),
                name="statute_term_years",
                violation_error_message=_("A term lasts 1 to 10 years."),
            ),
            models.CheckConstraint(
                condition=Q(parliament_weekday__lte=6)
                & Q(parliament_week__gte=1)
                & Q(parliament_week__lte=4),
                name="statute_parliament_day",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Statute of %(commune)s") % {"commune": self.commune})

    def majority_for(self, kind: str) -> Majority:
        return Majority(getattr(self, f"majority_{DecisionKind(kind).value}"))


class MeetingStatus(models.TextChoices):
    CONVENED = "convened", _("Convened")
    OPEN = "open", _("In session")
    CLOSED = "closed", _("Closed")


class Meeting(CommunalModel):
    """A meeting of one organ: convened for a day, opened, held at first or second call,
    closed. At closing the attendance and quorum are written down for the minutes."""

    commune_via = ("organ",)

    organ = models.ForeignKey(Organ, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    first_call_time = models.TimeField(_("first call"))
    second_call_time = models.TimeField(_("second call"), null=True, blank=True)
    call = models.PositiveSmallIntegerField(_("call"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.CONVENED
    )
    # Whom the quorum is counted over, fixed when the meeting opens: the electorate of an
    # assembly (residents of age on the day) or the number of seats of any other organ.
    quorum_base = models.PositiveIntegerField(null=True, blank=True)
    attendance_count = models.PositiveIntegerField(null=True, blank=True)
    quorum_required = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(_("notes for the minutes"), blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "organ__name"]
        constraints = [
            # Also what makes generating the parliament's calendar twice harmless.
            models.UniqueConstraint(fields=["organ", "date"], name="meeting_one_per_day"),
            models.CheckConstraint(
                condition=Q(call__in=(1, 2)), name="meeting_call_first_or_second"
            ),
            models.CheckConstraint(
                condition=Q(second_call_time__isnull=True)
                | Q(second_call_time__gt=F("first_call_time")),
                name="meeting_second_call_later",
            ),
            models.CheckConstraint(
                condition=Q(status="convened", opened_at__isnull=True, closed_at__isnull=True)
                | Q(status="open", opened_at__isnull=False, quorum_base__isnull=False)
                & Q(closed_at__isnull=True)
                | Q(
                    status="closed",
                    closed_at__isnull=False,
                    quorum_base__isnull=False,
                    attendance_count__isnull=False,
                    quorum_required__isnull=False,
                ),
                name="meeting_status_consistent",
            ),
        ]
        indexes = [models.Index(fields=["date"], name="meeting_date")]

    def __str__(self) -> str:
        return f"{self.organ} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.pk])

    @property
    def quorum_reached_at_close(self) -> bool | None:
        if self.attendance_count is None or self.quorum_required is None:
            return None
        return self.attendance_count >= self.quorum_required


class AgendaItem(CommunalModel):
    commune_via = ("meeting",)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("item"), max_length=200)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class AttendanceMethod(models.TextChoices):
    SEARCH = "search", _("Search")
    CARD = "card", _("Household card")
    SHEET = "sheet", _("Attendance sheet")


class Attendance(CommunalModel):
    """One person present at a meeting; for an organ with seats, also the seat they fill."""

    commune_via = ("meeting",)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey("census.Person", on_delete=models.PROTECT, related_name="+")
    seat = models.ForeignKey(
        Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    method = models.CharField(max_length=10, choices=AttendanceMethod.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "id"]
        constraints = [
            # Two phones registering the same neighbour, or a double tap, make one row.
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
            models.UniqueConstraint(
                fields=["meeting", "seat"],
                condition=Q(seat__isnull=False),
                name="attendance_seat_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.person_id}"


class VoteMethod(models.TextChoices):
    HANDS = "hands", _("Show of hands")
    BALLOT = "ballot", _("Secret paper ballot")
    ROLL_CALL = "roll_call", _("Roll call")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Not voted yet")
    CARRIED = "carried", _("Carried")
    REJECTED = "rejected", _("Rejected")


class Proposal(CommunalModel):
    """A motion put to a meeting's vote. The majority it needs is fixed when it is put, from
    the statute, so the minutes say which rule applied."""

    commune_via = ("meeting",)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="proposals")
    position = models.PositiveSmallIntegerField(_("number"))
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    title = models.CharField(_("proposal"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DecisionKind.choices, default=DecisionKind.ORDINARY
    )
    method = models.CharField(
        _("vote"), max_length=10, choices=VoteMethod.choices, default=VoteMethod.HANDS
    )
    majority = models.CharField(_("majority needed"), max_length=12, choices=MAJORITY_CHOICES)
    responsible_organ = models.ForeignKey(
        Organ,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible organ"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # What the proposal is about, by kind: a seat and candidates (election), a petition
    # (recall), a closed statement of the books (accounts).
    seat = models.ForeignKey(
        Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    candidate = models.ForeignKey(
        "census.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    candidate_substitute = models.ForeignKey(
        "census.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    petition = models.ForeignKey(
        "RecallPetition", on_delete=models.PROTECT, null=True, blank=True, related_name="votes"
    )
    statement_label = models.CharField(_("statement"), max_length=120, blank=True)
    ledger_head = models.CharField(_("ledger head"), max_length=128, blank=True)
    ledger_entry_count = models.PositiveIntegerField(_("ledger entries"), null=True, blank=True)
    # The closed statement of the books whose head and count these are, when the books are
    # kept in this installation; adopting the proposal records the approval there.
    ledger_statement = models.ForeignKey(
        "ledger.Statement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("statement of the books"),
    )
    status = models.CharField(
        _("result"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    votes_abstaining = models.PositiveIntegerField(_("abstaining"), null=True, blank=True)
    blank_ballots = models.PositiveIntegerField(_("blank or spoiled"), null=True, blank=True)
    # Those present when the vote was taken (people, or seats in a roll call).
    present_at_vote = models.PositiveIntegerField(null=True, blank=True)
    # Paper ballots are counted in rounds: a disagreement between the clerks starts a recount.
    tally_round = models.PositiveSmallIntegerField(default=1)
    voted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="proposal_position"),
            models.CheckConstraint(
                condition=Q(status="pending", votes_for__isnull=True, voted_at__isnull=True)
                | ~Q(status="pending")
                & Q(
                    votes_for__isnull=False,
                    votes_against__isnull=False,
                    votes_abstaining__isnull=False,
                    present_at_vote__isnull=False,
                    voted_at__isnull=False,
                ),
                name="proposal_counted_when_voted",
            ),
            models.CheckConstraint(
                condition=~Q(kind="election")
                | Q(seat__isnull=False, candidate__isnull=False)
                & (Q(candidate_substitute__isnull=True) | ~Q(candidate=F("candidate_substitute"))),
                name="proposal_election_names_candidates",
            ),
            models.CheckConstraint(
                condition=~Q(kind="recall") | Q(petition__isnull=False),
                name="proposal_recall_names_petition",
            ),
            models.CheckConstraint(
                condition=~Q(kind="accounts")
                | Q(ledger_entry_count__isnull=False) & ~Q(ledger_head=""),
                name="proposal_accounts_name_ledger",
            ),
            models.CheckConstraint(condition=Q(tally_round__gte=1), name="proposal_tally_round"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_counted(self) -> bool:
        return self.status != ProposalStatus.PENDING


class BallotTally(CommunalModel):
    """One clerk's count of a paper ballot, in one round. Two clerks count each round
    separately; the result counts only when the two counts of a round agree."""

    commune_via = ("proposal",)

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="tallies")
    round = models.PositiveSmallIntegerField(default=1)
    slot = models.PositiveSmallIntegerField()
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    votes_abstaining = models.PositiveIntegerField(_("abstaining"), default=0)
    blank_ballots = models.PositiveIntegerField(_("blank or spoiled"), default=0)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ballot count")
        verbose_name_plural = _("ballot counts")
        ordering = ["proposal", "round", "slot"]
        constraints = [
            models.CheckConstraint(condition=Q(slot__in=(1, 2)), name="ballot_tally_two_slots"),
            models.UniqueConstraint(
                fields=["proposal", "round", "slot"], name="ballot_tally_slot_once"
            ),
            models.UniqueConstraint(
                fields=["proposal", "round", "clerk"], name="ballot_tally_clerk_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} #{self.round}.{self.slot}"


class RollCallChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstains")


class RollCallVote(CommunalModel):
    """Each seat's vote in a roll call, cast by whoever fills the seat at the meeting."""

    commune_via = ("proposal",)

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="roll_call")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("census.Person", on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(max_length=8, choices=RollCallChoice.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("roll-call vote")
        verbose_name_plural = _("roll-call votes")
        ordering = ["proposal", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "seat"], name="roll_call_one_per_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.seat_id} {self.vote}"


class DecisionStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")
    CANCELLED = "cancelled", _("Cancelled")


class Decision(CommunalModel):
    """What a meeting decided (a carried proposal), followed until it is done.

    When it approves accounts it keeps the ledger's chain head and entry count of the statement
    it approved, as printed in the minutes, so anyone can later check that nothing approved
    was changed.
    """

    commune_via = ("proposal",)

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="decision")
    title = models.CharField(_("decision"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=DecisionKind.choices)
    decided_on = models.DateField(_("decided on"))
    responsible_organ = models.ForeignKey(
        Organ,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("responsible organ"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.PENDING
    )
    status_on = models.DateField(_("status since"))
    statement_label = models.CharField(_("statement"), max_length=120, blank=True)
    ledger_head = models.CharField(_("ledger head"), max_length=128, blank=True)
    ledger_entry_count = models.PositiveIntegerField(_("ledger entries"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ledger_head="", ledger_entry_count__isnull=True)
                | ~Q(ledger_head="") & Q(ledger_entry_count__isnull=False),
                name="decision_ledger_head_and_count",
            ),
            models.CheckConstraint(
                condition=~Q(kind="accounts") | ~Q(ledger_head=""),
                name="decision_accounts_carry_ledger_head",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="decision_status_due")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:decision", args=[self.pk])


class DecisionUpdate(CommunalModel):
    """One step in a decision's follow-up: its new status and what happened."""

    commune_via = ("decision",)

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(_("status"), max_length=12, choices=DecisionStatus.choices)
    note = models.CharField(_("what happened"), max_length=500, blank=True)
    on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision update")
        verbose_name_plural = _("decision updates")
        ordering = ["decision", "-on", "-id"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.status} {self.on}"


class DecisionSpending(CommunalModel):
    """A ledger entry spent on carrying out a decision: the link between the two books."""

    commune_via = ("decision",)

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="spending")
    entry_reference = models.CharField(_("ledger entry"), max_length=64)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("currency or unit"), max_length=12)
    spent_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("spending on a decision")
        verbose_name_plural = _("spending on decisions")
        ordering = ["decision", "spent_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "entry_reference"], name="decision_spending_entry_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="decision_spending_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.entry_reference}"


class PetitionStatus(models.TextChoices):
    COLLECTING = "collecting", _("Collecting signatures")
    VOTE_DUE = "vote_due", _("Enough signatures: a recall vote is due")
    RECALLED = "recalled", _("Recalled")
    CONFIRMED = "confirmed", _("Confirmed in office")


OPEN_PETITION = Q(status__in=(PetitionStatus.COLLECTING, PetitionStatus.VOTE_DUE))


class RecallPetition(CommunalModel):
    """A petition to recall a seat's holder. With enough signatures of the electorate it
    calls for a recall vote in the assembly; the vote's outcome closes it."""

    commune_via = ("seat",)

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="recall_petitions")
    holder = models.ForeignKey("census.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    opened_on = models.DateField(_("opened on"))
    electorate = models.PositiveIntegerField()
    signatures_needed = models.PositiveIntegerField()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PetitionStatus.choices,
        default=PetitionStatus.COLLECTING,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("recall petition")
        verbose_name_plural = _("recall petitions")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat"], condition=OPEN_PETITION, name="recall_petition_one_open_per_seat"
            ),
            models.CheckConstraint(
                condition=OPEN_PETITION & Q(closed_on__isnull=True)
                | ~OPEN_PETITION & Q(closed_on__isnull=False),
                name="recall_petition_closed_dated",
            ),
            models.CheckConstraint(
                condition=Q(signatures_needed__gte=1), name="recall_petition_needs_signatures"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} {self.opened_on}"

    def get_absolute_url(self) -> str:
        return reverse("governance:petition", args=[self.pk])


class RecallSignature(CommunalModel):
    commune_via = ("petition",)

    petition = models.ForeignKey(
        RecallPetition, on_delete=models.PROTECT, related_name="signatures"
    )
    person = models.ForeignKey("census.Person", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recall signature")
        verbose_name_plural = _("recall signatures")
        constraints = [
            models.UniqueConstraint(fields=["petition", "person"], name="recall_signature_once"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.person_id}"
