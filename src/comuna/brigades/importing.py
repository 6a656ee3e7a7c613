"""A brigade's members from a spreadsheet, all of them or none.

Columns (Spanish, or their English aliases): ``cedula`` (the person's national ID number, as
the census has it), ``habilidades`` (skills, optional), ``vocero`` (``si`` for the brigade's
spokesperson, optional), ``desde`` (joined on, optional: today). The brigade is the upload's
option ``brigade``. Through the one import pipeline (``comuna.core.imports``): every bad row
named by its number (an unknown ID, a person already in the brigade or twice in the file, two
spokespeople), nothing written if any row is bad, the same file never imported twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.brigades.models import Brigade, BrigadeMember
from comuna.brigades.services import member_add
from comuna.census.identity import InvalidNationalId, normalize_national_id
from comuna.census.models import Person, PersonStatus
from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.imports.importers import Progress
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column
from comuna.ledger.importing import parse_date

KIND = "brigade_members"
COLUMNS: tuple[Column, ...] = (
    Column(
        "cedula",
        aliases=("national_id", "id", "cédula"),
        help=gettext_lazy("The person's ID number, as the census has it (V-12.345.678)."),
    ),
    Column(
        "habilidades",
        aliases=("skills",),
        required=False,
        help=gettext_lazy("What they know how to do (plumbing, first aid…)."),
    ),
    Column(
        "vocero",
        aliases=("spokesperson",),
        required=False,
        help=gettext_lazy("“si” for the brigade's spokesperson (one at most); empty is no."),
    ),
    Column(
        "desde",
        aliases=("joined", "since"),
        required=False,
        help=gettext_lazy("The day they joined: yyyy-mm-dd or dd/mm/yyyy; empty is today."),
    ),
)
HEADER = [column.name for column in COLUMNS]
_YES = {"si", "sí", "s", "x", "yes", "y", "1", "true"}
_NO = {"", "no", "n", "0", "false"}


@dataclass(frozen=True, slots=True)
class MemberRow:
    person: Person
    skills: str
    is_spokesperson: bool
    joined_on: dt.date


@dataclass(frozen=True, slots=True)
class MembersSummary:
    rows: int = 0
    spokespeople: int = 0

    def record(self) -> dict[str, Any]:
        return {"rows": self.rows, "spokespeople": self.spokespeople}

    def sentence(self) -> str:
        return _("Added %(rows)s members to the brigade.") % {"rows": self.rows}


def brigade_of_job(job: Job) -> Brigade:
    raw = str(job.options.get("brigade", ""))
    brigade = (
        Brigade.objects.of(job.commune).filter(pk=int(raw)).first()
        if raw.isdigit() and len(raw) < 18
        else None
    )
    if brigade is None:
        raise Refusal(_("There is no such brigade in the commune."), code="brigade")
    return brigade


def _read(cells: dict[str, str], job: Job) -> MemberRow:
    raw = cells["cedula"].strip()
    try:
        national_id = normalize_national_id(raw)
    except InvalidNationalId:
        national_id = None
    if not national_id:
        raise Refusal(_("“%(value)s” is not an ID number.") % {"value": raw}, code="national_id")
    person = (
        Person.objects.of(job.commune)
        .filter(national_id=national_id, status=PersonStatus.ACTIVE)
        .first()
    )
    if person is None:
        raise Refusal(
            _("Nobody living in the commune has the ID number %(value)s.") % {"value": raw},
            code="unknown_person",
        )
    word = (cells.get("vocero", "") or "").strip().lower()
    if word not in _YES | _NO:
        raise Refusal(
            _("“%(value)s” in vocero: write si or leave it empty.") % {"value": word},
            code="spokesperson",
        )
    since = (cells.get("desde", "") or "").strip()
    try:
        joined_on = parse_date(since) if since else job.today
    except ValueError:
        raise Refusal(
            _("“%(value)s” is not a date (use 2025-03-31 or 31/03/2025).") % {"value": since},
            code="date",
        ) from None
    return MemberRow(
        person=person,
        skills=(cells.get("habilidades", "") or "").strip(),
        is_spokesperson=word in _YES,
        joined_on=joined_on,
    )


class MembersImporter(Importer[MemberRow, MembersSummary]):
    """A brigade's members for the pipeline: one member per row."""

    kind = KIND
    columns = COLUMNS

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> MemberRow:
        return _read(cells, job)

    def rows_apply(self, rows: Iterator[tuple[int, MemberRow]], job: Job) -> MembersSummary:
        brigade = brigade_of_job(job)
        active = BrigadeMember.objects.of(job.commune).filter(brigade=brigade, left_on__isnull=True)
        already = set(active.values_list("person_id", flat=True))
        has_spokesperson = active.filter(is_spokesperson=True).exists()
        seen: dict[int, int] = {}
        spoke_row: int | None = None
        good: list[tuple[int, MemberRow]] = []
        for number, row in rows:
            name = row.person.full_name
            if row.person.pk in already:
                job.refuse(
                    number,
                    _("%(person)s is already in this brigade.") % {"person": name},
                    code="already_member",
                )
                continue
            if row.person.pk in seen:
                job.refuse(
                    number,
                    _("%(person)s is also in row %(row)s.")
                    % {"person": name, "row": seen[row.person.pk]},
                    code="twice",
                )
                continue
            seen[row.person.pk] = number
            if row.is_spokesperson:
                if has_spokesperson:
                    job.refuse(
                        number,
                        _("The brigade already has a spokesperson."),
                        code="two_spokespeople",
                    )
                    continue
                if spoke_row is not None:
                    job.refuse(
                        number,
                        _("Two spokespeople: row %(row)s names one already.") % {"row": spoke_row},
                        code="two_spokespeople",
                    )
                    continue
                spoke_row = number
            good.append((number, row))
        count = spokes = 0
        if job.problems:
            return MembersSummary(rows=len(good), spokespeople=1 if spoke_row else 0)
        for number, row in good:
            try:
                member_add(
                    brigade=brigade,
                    person=row.person,
                    joined_on=row.joined_on,
                    skills=row.skills,
                    is_spokesperson=row.is_spokesperson,
                )
            except Refusal as refusal:
                job.refuse(number, refusal.message, code=refusal.code)
                continue
            count += 1
            spokes += int(row.is_spokesperson)
        return MembersSummary(rows=count, spokespeople=spokes)


MEMBERS = MembersImporter()


def members_import(
    *,
    commune: Commune,
    brigade: Brigade,
    content: bytes,
    filename: str,
    author: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome[MembersSummary]:
    """Add every row of the file to the brigade, or nothing
    (``comuna brigades members import BRIGADE_ID FILE``)."""
    return file_import(
        importer=MEMBERS,
        commune=commune,
        filename=filename,
        content=content,
        author=author,
        dry_run=dry_run,
        options={"brigade": str(brigade.pk)},
        progress=progress,
    )
