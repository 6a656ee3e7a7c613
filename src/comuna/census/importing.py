"""Census import: a spreadsheet becomes households and people, all of it or nothing.

The file has one row per person, with columns as communes write them (Spanish names, English
aliases, any case, accents or spacing)::

    consejo_comunal, hogar, direccion, nombres, apellidos, cedula, fecha_nacimiento, sexo

It goes through the one import pipeline (``comuna.core.imports``): :class:`CensusImporter`
reads each row, checks it against the rest of the file and against the census, and names
every problem by its row as a spreadsheet numbers it (the header is row 1). Only a file
without a single problem is written, in one transaction, and a file is imported once.

Rules decided here:

- Rows with the same council and household reference are one household. A reference that is
  new in its council creates the household, at the first address its rows give (every other
  row for it must give the same address or none), and its first person is its head, as the
  web form does for a household's first member.
- A reference that already exists in that council adds its rows to that household, whose
  address stays as it is: the rows must leave the address empty or write the same one
  (ignoring case, accents and spacing). A household that has left the commune takes no one.
- The council comes from the column, or from the ``council`` option when one is chosen; a row
  that names another council than the chosen one is an error. Every council must be one the
  importing actor may change (a spokesperson imports into their own council only; the command
  line acts as the commune's operator, who may write any council).
- Everything is read and written in one commune, the upload's; an ID number is checked
  against that commune's census only.
- A row whose cells are all empty is skipped; columns we do not know are ignored and listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import islice
from typing import Any

from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comuna.census import locks
from comuna.census.access import council_is_editable
from comuna.census.identity import (
    InvalidNationalId,
    clean_name,
    fold,
    normalize_national_id,
    person_search_text,
)
from comuna.census.models import (
    CensusEvent,
    Council,
    EventKind,
    Household,
    HouseholdStatus,
    Person,
)
from comuna.census.services import EARLIEST_BIRTH_DATE
from comuna.core.imports import Importer, Job, Outcome, file_import
from comuna.core.imports import Problem as ImportProblem
from comuna.core.imports.importers import Progress as ImportProgress
from comuna.core.models import Commune
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import Column as SheetColumn
from comuna.core.spreadsheets import Limits
from comuna.users.actors import Actor, actor_nobody

KIND = "census"
MAX_ROWS = 200_000
SAMPLE_SIZE = 10
_ID_QUERY_CHUNK = 500


class Column(StrEnum):
    """A column of the import file; the value is its name in the files communes write."""

    COUNCIL = "consejo_comunal"
    REFERENCE = "hogar"
    ADDRESS = "direccion"
    FIRST_NAMES = "nombres"
    LAST_NAMES = "apellidos"
    NATIONAL_ID = "cedula"
    BIRTH_DATE = "fecha_nacimiento"
    SEX = "sexo"


COLUMNS: tuple[Column, ...] = tuple(Column)
_REQUIRED = (
    Column.REFERENCE,
    Column.ADDRESS,
    Column.FIRST_NAMES,
    Column.LAST_NAMES,
    Column.BIRTH_DATE,
)

_ALIASES: dict[Column, tuple[str, ...]] = {
    Column.COUNCIL: ("consejo", "codigo_consejo", "council", "council_code"),
    Column.REFERENCE: (
        "referencia",
        "referencia_hogar",
        "codigo_hogar",
        "n_hogar",
        "nro_hogar",
        "numero_hogar",
        "household",
        "household_reference",
        "reference",
    ),
    Column.ADDRESS: ("domicilio", "address"),
    Column.FIRST_NAMES: ("nombre", "first_names", "first_name", "given_names"),
    Column.LAST_NAMES: ("apellido", "last_names", "last_name", "surnames"),
    Column.NATIONAL_ID: ("cedula_identidad", "ci", "c_i", "national_id", "id_number"),
    Column.BIRTH_DATE: (
        "fecha_nac",
        "f_nacimiento",
        "nacimiento",
        "birth_date",
        "birthdate",
        "date_birth",
    ),
    Column.SEX: ("genero", "sex", "gender"),
}
_HELP = {
    Column.COUNCIL: gettext_lazy("The council's code, e.g. CC01 (or choose the council above)."),
    Column.REFERENCE: gettext_lazy(
        "The household's reference in its council. Rows with the same reference are one "
        "household; a reference already in the census adds people to it."
    ),
    Column.ADDRESS: gettext_lazy(
        "The household's address: needed for a new household; for one already in the census "
        "leave it empty or write the same one."
    ),
    Column.FIRST_NAMES: gettext_lazy("First names."),
    Column.LAST_NAMES: gettext_lazy("Last names."),
    Column.NATIONAL_ID: gettext_lazy("ID number (optional), e.g. V-12.345.678."),
    Column.BIRTH_DATE: gettext_lazy("Birth date: dd/mm/yyyy or yyyy-mm-dd."),
    Column.SEX: gettext_lazy("F or M (optional)."),
}
SHEET_COLUMNS: tuple[SheetColumn, ...] = tuple(
    SheetColumn(
        column.value,
        aliases=_ALIASES[column],
        required=column in _REQUIRED or column is Column.COUNCIL,
        help=_HELP[column],
    )
    for column in COLUMNS
)

_SEXES = {
    "f": "F",
    "fem": "F",
    "femenino": "F",
    "female": "F",
    "mujer": "F",
    "woman": "F",
    "m": "M",
    "masc": "M",
    "masculino": "M",
    "male": "M",
    "hombre": "M",
    "man": "M",
}

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$")

# The longest value each text column may hold (the census's own columns).
_MAX_LENGTH = {
    Column.COUNCIL: Council._meta.get_field("code").max_length or 0,
    Column.REFERENCE: Household._meta.get_field("reference").max_length or 0,
    Column.ADDRESS: Household._meta.get_field("address").max_length or 0,
    Column.FIRST_NAMES: Person._meta.get_field("first_names").max_length or 0,
    Column.LAST_NAMES: Person._meta.get_field("last_names").max_length or 0,
}


class Problem(StrEnum):
    """Why a row (or the file) is refused, beside the reader's and the pipeline's own codes
    (``comuna.core.spreadsheets.SheetProblem``, ``no_rows``…)."""

    TOO_MANY_ROWS = "too_many_rows"
    UNKNOWN_COUNCIL = "unknown_council"
    COUNCIL_NOT_ALLOWED = "council_not_allowed"
    OTHER_COUNCIL = "other_council"
    MISSING_COUNCIL = "missing_council"
    MISSING_REFERENCE = "missing_reference"
    MISSING_ADDRESS = "missing_address"
    ADDRESS_MISMATCH = "address_mismatch"
    HOUSEHOLD_LEFT = "household_left"
    MISSING_FIRST_NAMES = "missing_first_names"
    MISSING_LAST_NAMES = "missing_last_names"
    TOO_LONG = "too_long"
    INVALID_ID = "invalid_id"
    REPEATED_ID = "repeated_id"
    ID_IN_CENSUS = "id_in_census"
    MISSING_BIRTH_DATE = "missing_birth_date"
    NOT_A_DATE = "not_a_date"
    IMPOSSIBLE_DATE = "impossible_date"
    FUTURE_DATE = "future_date"
    DATE_BEFORE_1900 = "date_before_1900"
    INVALID_SEX = "invalid_sex"
    REFUSED_BY_DATABASE = "refused_by_database"


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One person as the file gives them, checked and cleaned."""

    row: int
    council_code: str
    reference: str
    address: str
    first_names: str
    last_names: str
    national_id: str | None
    birth_date: dt.date
    sex: str


@dataclass(frozen=True, slots=True)
class CensusSummary:
    """What an import did, or would do: the counts, and the first people for the preview."""

    households_created: int = 0
    households_extended: int = 0
    people_created: int = 0
    sample: tuple[ImportRow, ...] = ()

    def record(self) -> dict[str, Any]:
        return {
            "people_created": self.people_created,
            "households_created": self.households_created,
            "households_extended": self.households_extended,
        }

    def sentence(self) -> str:
        return _(
            "Imported %(people)s people, in %(created)s new households and %(extended)s "
            "existing ones."
        ) % {
            "people": self.people_created,
            "created": self.households_created,
            "extended": self.households_extended,
        }


# --- Reading one row ----------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A row as far as it could be read; ``None`` fields failed and have an error."""

    row: int
    council_code: str | None = None
    reference: str | None = None
    address: str = ""
    first_names: str | None = None
    last_names: str | None = None
    national_id: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    errors: list[ImportProblem] = field(default_factory=list)

    def fail(self, code: Problem, message: str) -> None:
        self.errors.append(ImportProblem(self.row, message, code))

    def finished(self) -> ImportRow | None:
        if (
            self.errors
            or self.council_code is None
            or self.reference is None
            or self.first_names is None
            or self.last_names is None
            or self.birth_date is None
            or self.sex is None
        ):
            return None
        return ImportRow(
            row=self.row,
            council_code=self.council_code,
            reference=self.reference,
            address=self.address,
            first_names=self.first_names,
            last_names=self.last_names,
            national_id=self.national_id,
            birth_date=self.birth_date,
            sex=self.sex,
        )


def parse_birth_date(text: str, *, today: dt.date) -> tuple[dt.date | None, Problem | None]:
    """A date from a cell: dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd (a spreadsheet's date cells
    read as yyyy-mm-dd)."""
    text = text.strip()
    if not text:
        return None, Problem.MISSING_BIRTH_DATE
    day_first, year_first = _DAY_FIRST.match(text), _YEAR_FIRST.match(text)
    if day_first:
        d, m, y = (int(part) for part in day_first.groups())
    elif year_first:
        y, m, d = (int(part) for part in year_first.groups())
    else:
        return None, Problem.NOT_A_DATE
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None, Problem.IMPOSSIBLE_DATE
    if day > today:
        return None, Problem.FUTURE_DATE
    if day < EARLIEST_BIRTH_DATE:
        return None, Problem.DATE_BEFORE_1900
    return day, None


def _date_message(problem: Problem, shown: str) -> str:
    messages = {
        Problem.MISSING_BIRTH_DATE: _("The birth date is missing."),
        Problem.NOT_A_DATE: _("“%(value)s” is not a date: write it as dd/mm/yyyy."),
        Problem.IMPOSSIBLE_DATE: _("“%(value)s” is not a real date."),
        Problem.FUTURE_DATE: _("The birth date is in the future."),
        Problem.DATE_BEFORE_1900: _("The birth date is before 1900."),
    }
    return messages[problem] % {"value": shown}


def _check_length(draft: _Draft, column: Column, value: str) -> bool:
    limit = _MAX_LENGTH[column]
    if len(value) <= limit:
        return True
    draft.fail(
        Problem.TOO_LONG,
        _("The value in column “%(column)s” is longer than %(limit)s characters.")
        % {"column": column.value, "limit": limit},
    )
    return False


def _read_row(
    number: int, cells: dict[str, str], *, council_code: str | None, today: dt.date
) -> _Draft:
    def cell(column: Column) -> str:
        return clean_name(cells[column.value])

    draft = _Draft(row=number)

    council = cell(Column.COUNCIL).upper()
    if council_code is not None and council and council != council_code:
        draft.fail(
            Problem.OTHER_COUNCIL,
            _("This row is for council %(row_council)s, but the file goes into %(council)s.")
            % {"row_council": council, "council": council_code},
        )
    elif not council and council_code is None:
        draft.fail(Problem.MISSING_COUNCIL, _("The council code is missing."))
    elif _check_length(draft, Column.COUNCIL, council or council_code or ""):
        draft.council_code = council or council_code

    reference = cell(Column.REFERENCE)
    if not reference:
        draft.fail(Problem.MISSING_REFERENCE, _("The household reference is missing."))
    elif _check_length(draft, Column.REFERENCE, reference):
        draft.reference = reference

    address = cell(Column.ADDRESS)
    if _check_length(draft, Column.ADDRESS, address):
        draft.address = address

    first_names = cell(Column.FIRST_NAMES)
    if not first_names:
        draft.fail(Problem.MISSING_FIRST_NAMES, _("The first names are missing."))
    elif _check_length(draft, Column.FIRST_NAMES, first_names):
        draft.first_names = first_names
    last_names = cell(Column.LAST_NAMES)
    if not last_names:
        draft.fail(Problem.MISSING_LAST_NAMES, _("The last names are missing."))
    elif _check_length(draft, Column.LAST_NAMES, last_names):
        draft.last_names = last_names

    raw_id = cell(Column.NATIONAL_ID)
    try:
        draft.national_id = normalize_national_id(raw_id)
    except InvalidNationalId:
        draft.fail(
            Problem.INVALID_ID,
            _("“%(value)s” is not an ID number (V or E and up to nine digits).")
            % {"value": raw_id},
        )

    birth_cell = cell(Column.BIRTH_DATE)
    draft.birth_date, date_problem = parse_birth_date(birth_cell, today=today)
    if date_problem is not None:
        draft.fail(date_problem, _date_message(date_problem, birth_cell))

    sex = cell(Column.SEX)
    draft.sex = _SEXES.get(fold(sex).rstrip("."), None) if sex else ""
    if draft.sex is None:
        draft.fail(
            Problem.INVALID_SEX, _("Write F or M for the sex, not “%(value)s”.") % {"value": sex}
        )
    return draft


# --- Checking the rows against each other and against the census ------------------------


def _same_address(a: str, b: str) -> bool:
    return fold(clean_name(a)) == fold(clean_name(b))


@dataclass(slots=True)
class _Plan:
    """What the file will write once every row is good."""

    councils: dict[str, Council] = field(default_factory=dict)
    existing: dict[tuple[str, str], Household] = field(default_factory=dict)
    new_addresses: dict[tuple[str, str], str] = field(default_factory=dict)


def _check_councils(drafts: list[_Draft], plan: _Plan, *, commune: Commune, actor: Actor) -> None:
    codes = {d.council_code for d in drafts if d.council_code}
    if codes:
        plan.councils = {c.code: c for c in Council.objects.of(commune).filter(code__in=codes)}
    allowed = {code: council_is_editable(actor, council) for code, council in plan.councils.items()}
    for draft in drafts:
        code = draft.council_code
        if code is None:
            continue
        if code not in plan.councils:
            draft.fail(
                Problem.UNKNOWN_COUNCIL,
                _("There is no council %(code)s in this commune.") % {"code": code},
            )
            draft.council_code = None
        elif not allowed[code]:
            draft.fail(
                Problem.COUNCIL_NOT_ALLOWED,
                _("You may not change the census of council %(code)s.") % {"code": code},
            )
            draft.council_code = None


def _check_households(drafts: list[_Draft], plan: _Plan, *, commune: Commune, lock: bool) -> None:
    households: QuerySet[Household] = (
        Household.objects.of(commune)
        .filter(council__in=plan.councils.values())
        .select_related("council")
    )
    if lock:
        households = locks.households_lock(households)
    by_key = {(h.council.code, h.reference): h for h in households}
    first_row: dict[tuple[str, str], int] = {}
    for draft in drafts:
        if draft.council_code is None or draft.reference is None:
            continue
        key = (draft.council_code, draft.reference)
        label = f"{key[0]}-{key[1]}"
        household = by_key.get(key)
        if household is not None:
            plan.existing[key] = household
            if household.status != HouseholdStatus.ACTIVE:
                draft.fail(
                    Problem.HOUSEHOLD_LEFT,
                    _("Household %(household)s has left the commune.") % {"household": label},
                )
            elif draft.address and not _same_address(draft.address, household.address):
                draft.fail(
                    Problem.ADDRESS_MISMATCH,
                    _(
                        "Household %(household)s is already in the census at “%(address)s”: "
                        "leave the address empty or write that one."
                    )
                    % {"household": label, "address": household.address},
                )
            continue
        first_row.setdefault(key, draft.row)
        known = plan.new_addresses.get(key)
        if known is None:
            if draft.address:
                plan.new_addresses[key] = draft.address
        elif draft.address and not _same_address(draft.address, known):
            draft.fail(
                Problem.ADDRESS_MISMATCH,
                _("Household %(household)s has another address on an earlier row (“%(address)s”).")
                % {"household": label, "address": known},
            )
    by_row = {draft.row: draft for draft in drafts}
    for key, row in first_row.items():
        if key not in plan.new_addresses:
            by_row[row].fail(
                Problem.MISSING_ADDRESS,
                _("Household %(household)s is new and no row gives its address.")
                % {"household": f"{key[0]}-{key[1]}"},
            )


def _chunks(values: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_national_ids(drafts: list[_Draft], *, commune: Commune) -> None:
    """An ID may appear once in the file and not yet in this commune's census (another
    commune may hold it: the federation, not the import, reconciles those)."""
    seen: dict[str, int] = {}
    for draft in drafts:
        if draft.national_id is None:
            continue
        earlier = seen.setdefault(draft.national_id, draft.row)
        if earlier != draft.row:
            draft.fail(
                Problem.REPEATED_ID,
                _("ID number %(value)s is repeated: it is also on row %(row)s.")
                % {"value": draft.national_id, "row": earlier},
            )
    in_census: set[str] = set()
    for chunk in _chunks(sorted(seen), _ID_QUERY_CHUNK):
        in_census.update(
            value
            for value in Person.objects.of(commune)
            .filter(national_id__in=chunk)
            .values_list("national_id", flat=True)
            if value is not None
        )
    for draft in drafts:
        if draft.national_id in in_census and seen[draft.national_id] == draft.row:
            draft.fail(
                Problem.ID_IN_CENSUS,
                _("ID number %(value)s is already in the census.") % {"value": draft.national_id},
            )


# --- Writing ------------------------------------------------------------------------------


def _write(
    rows: list[ImportRow], plan: _Plan, *, commune: Commune, actor: Actor, filename: str
) -> tuple[int, int]:
    """Households, people and one event per household touched, in bulk. Returns the counts."""
    today = timezone.localdate()
    new_households: dict[tuple[str, str], Household] = {}
    for row in rows:
        key = (row.council_code, row.reference)
        if key not in plan.existing and key not in new_households:
            new_households[key] = Household(
                commune=commune,
                council=plan.councils[row.council_code],
                reference=row.reference,
                address=plan.new_addresses[key],
            )
    Household.objects.bulk_create(new_households.values())
    if any(household.pk is None for household in new_households.values()):
        # A database that cannot return ids from a bulk insert: read them back.
        for household in (
            Household.objects.of(commune)
            .filter(council__in=plan.councils.values())
            .filter(reference__in={key[1] for key in new_households})
            .select_related("council")
        ):
            key = (household.council.code, household.reference)
            if key in new_households:
                new_households[key] = household
    households = {**plan.existing, **new_households}
    people: list[Person] = []
    extended: set[tuple[str, str]] = set()
    for row in rows:
        key = (row.council_code, row.reference)
        is_head = key in new_households and key not in extended
        extended.add(key)
        people.append(
            Person(
                commune=commune,
                household=households[key],
                first_names=row.first_names,
                last_names=row.last_names,
                national_id=row.national_id,
                birth_date=row.birth_date,
                sex=row.sex,
                is_head=is_head,
                search_text=person_search_text(row.first_names, row.last_names, row.national_id),
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)
    CensusEvent.objects.bulk_create(
        [
            CensusEvent(
                commune=commune,
                kind=EventKind.IMPORTED,
                occurred_on=today,
                household=households[key],
                recorded_by=actor.user,
                note=filename[:300],
            )
            for key in extended
        ],
        batch_size=2000,
    )
    return len(new_households), len(extended - set(new_households))


# --- The importer -------------------------------------------------------------------------


def _normalized_council_code(council_code: str | None) -> str | None:
    code = (council_code or "").strip().upper()
    return code or None


class CensusImporter(Importer[_Draft, CensusSummary]):
    """The census's import for the pipeline. Option ``council``: the council every row goes
    into (then the file needs no council column)."""

    kind = KIND
    columns = SHEET_COLUMNS
    # The rows are counted while the file is read, so a file of millions is refused at the
    # row past the limit; the census's longest text column is far below the cell limit.
    limits = Limits(rows=MAX_ROWS)

    def columns_for(self, job: Job) -> tuple[SheetColumn, ...]:
        if _normalized_council_code(job.options.get("council")) is None:
            return self.columns
        return tuple(
            replace(column, required=False) if column.name == Column.COUNCIL else column
            for column in self.columns
        )

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> _Draft:
        council_code = _normalized_council_code(job.options.get("council"))
        return _read_row(number, cells, council_code=council_code, today=job.today)

    def rows_apply(self, rows: Iterator[tuple[int, _Draft]], job: Job) -> CensusSummary:
        """Every row is checked before anything is written, so the census is read whole.

        Checks and writes run in one transaction (SQLite takes its write lock at the start,
        so no one changes the census between them; on PostgreSQL a confirmation locks the
        households and the database's unique constraints catch the rest, which then rejects
        the whole file).
        """
        code = _normalized_council_code(job.options.get("council"))
        if code is not None and not Council.objects.of(job.commune).filter(code=code).exists():
            raise Refusal(
                _("There is no council %(code)s in this commune.") % {"code": code},
                code=Problem.UNKNOWN_COUNCIL,
            )
        drafts = [draft for _number, draft in islice(rows, MAX_ROWS + 1)]
        job.stage(_("Checking the rows against the census"))
        if len(drafts) > MAX_ROWS:
            raise Refusal(
                _("The file has more than %(limit)s rows; split it into several files.")
                % {"limit": MAX_ROWS},
                code=Problem.TOO_MANY_ROWS,
            )
        plan = _Plan()
        actor = job.actor if isinstance(job.actor, Actor) else actor_nobody(job.commune)
        _check_councils(drafts, plan, commune=job.commune, actor=actor)
        _check_households(drafts, plan, commune=job.commune, lock=job.confirming)
        _check_national_ids(drafts, commune=job.commune)
        job.problems.extend(error for draft in drafts for error in draft.errors)
        people = [row for draft in drafts if (row := draft.finished()) is not None]
        keys = {(row.council_code, row.reference) for row in people}
        extended = len(keys & set(plan.existing))
        if job.writes:
            job.stage(_("Saving"))
            try:
                _write(people, plan, commune=job.commune, actor=actor, filename=job.filename)
            except IntegrityError:
                raise Refusal(
                    _(
                        "The census changed while the file was being imported (someone "
                        "registered one of its households or ID numbers). Nothing was "
                        "imported; try again."
                    ),
                    code=Problem.REFUSED_BY_DATABASE,
                ) from None
        return CensusSummary(
            households_created=len(keys) - extended,
            households_extended=extended,
            people_created=len(people),
            sample=tuple(people[:SAMPLE_SIZE]),
        )


CENSUS = CensusImporter()


def census_import(
    *,
    commune: Commune,
    actor: Actor,
    content: bytes,
    filename: str,
    council_code: str | None,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
) -> Outcome[CensusSummary]:
    """Import a census file into ``commune``, all of it or nothing, into the councils
    ``actor`` may change there (the command line passes ``actor_operator``).

    ``dry_run`` checks the file and writes nothing. Never raises for anything in the file:
    every problem is in ``outcome.problems`` and then the census is exactly as it was.
    """
    code = _normalized_council_code(council_code)
    return file_import(
        importer=CENSUS,
        commune=commune,
        filename=filename,
        content=content,
        by=actor.user,
        actor=actor,
        options={"council": code} if code else {},
        dry_run=dry_run,
        progress=progress,
    )
