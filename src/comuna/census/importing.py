"""Census import: a spreadsheet becomes households and people, all of it or nothing.

The file has one row per person, with columns as communes write them (Spanish names, English
aliases, any case, accents or spacing)::

    consejo_comunal, hogar, direccion, nombres, apellidos, cedula, fecha_nacimiento, sexo

``census_import`` reads every row, checks it against the rest of the file and against the
census, and collects every problem, each named by its row as a spreadsheet numbers it (the
header is row 1). Only a file without a single problem is written, in one transaction.

Rules decided here:

- Rows with the same council and household reference are one household. A reference that is
  new in its council creates the household, at the first address its rows give (every other
  row for it must give the same address or none), and its first person is its head, as the
  web form does for a household's first member.
- A reference that already exists in that council adds its rows to that household, whose
  address stays as it is: the rows must leave the address empty or write the same one
  (ignoring case, accents and spacing). A household that has left the commune takes no one.
- The council comes from the column, or from ``council_code`` when one is chosen; a row that
  names another council than the chosen one is an error. With ``by`` given, every council
  must be one that user may change (a spokesperson imports into their own council only).
- A row whose cells are all empty is skipped; columns we do not know are ignored and listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    CensusImport,
    Council,
    EventKind,
    Household,
    HouseholdStatus,
    Person,
)
from comuna.census.services import EARLIEST_BIRTH_DATE, CensusError
from comuna.census.spreadsheets import Cell, UnreadableFile, UnreadableKind, read_table
from comuna.core.selectors import commune_current
from comuna.users.models import User

MAX_ROWS = 200_000
SAMPLE_SIZE = 10
_HEADER_SEARCH_ROWS = 10
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

# Header spellings, compared after ``_header_key`` (lower case, no accents, "de"/"of" dropped).
_ALIASES: dict[str, Column] = {
    alias: column
    for column, aliases in {
        Column.COUNCIL: ["consejo_comunal", "consejo", "codigo_consejo", "council", "council_code"],
        Column.REFERENCE: [
            "hogar",
            "referencia",
            "referencia_hogar",
            "codigo_hogar",
            "n_hogar",
            "nro_hogar",
            "numero_hogar",
            "household",
            "household_reference",
            "reference",
        ],
        Column.ADDRESS: ["direccion", "domicilio", "address"],
        Column.FIRST_NAMES: ["nombres", "nombre", "first_names", "first_name", "given_names"],
        Column.LAST_NAMES: ["apellidos", "apellido", "last_names", "last_name", "surnames"],
        Column.NATIONAL_ID: [
            "cedula",
            "cedula_identidad",
            "ci",
            "c_i",
            "national_id",
            "id_number",
        ],
        Column.BIRTH_DATE: [
            "fecha_nacimiento",
            "fecha_nac",
            "f_nacimiento",
            "nacimiento",
            "birth_date",
            "birthdate",
            "date_birth",
        ],
        Column.SEX: ["sexo", "genero", "sex", "gender"],
    }.items()
    for alias in aliases
}
_HEADER_FILLERS = {"de", "del", "la", "el", "of", "the"}

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
    """Why a file or a row is refused. Each comes with a message in the user's language."""

    EMPTY_FILE = "empty_file"
    NOT_A_TABLE = "not_a_table"
    DAMAGED_FILE = "damaged_file"
    TOO_MANY_ROWS = "too_many_rows"
    NO_ROWS = "no_rows"
    MISSING_COLUMN = "missing_column"
    REPEATED_COLUMN = "repeated_column"
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
class RowError:
    """One problem: ``row`` as the spreadsheet shows it, or None for the whole file."""

    row: int | None
    code: Problem
    message: str


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


@dataclass(slots=True)
class ImportResult:
    """What an import did, or would do (``dry_run``), or why it did nothing (``errors``)."""

    households_created: int = 0
    households_extended: int = 0
    people_created: int = 0
    errors: list[RowError] = field(default_factory=list)
    sample: list[ImportRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return _(
            "Imported %(people)s people, in %(created)s new households and %(extended)s "
            "existing ones."
        ) % {
            "people": self.people_created,
            "created": self.households_created,
            "extended": self.households_extended,
        }


class _Rejected(Exception):
    """The file as a whole cannot be read; carries the one error that says why."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


# --- Reading the header ------------------------------------------------------------------


def _header_key(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    return "_".join(word for word in words if word not in _HEADER_FILLERS)


def _cell_text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else clean_name(cell)


def _map_header(number: int, cells: Sequence[Cell]) -> tuple[dict[Column, int], list[str]]:
    """Which position holds each known column, and the headers we ignore."""
    positions: dict[Column, int] = {}
    ignored: list[str] = []
    for position, cell in enumerate(cells):
        text = _cell_text(cell)
        column = _ALIASES.get(_header_key(text))
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column in positions:
            raise _Rejected(
                RowError(
                    number,
                    Problem.REPEATED_COLUMN,
                    _("The column “%(column)s” appears twice in the header.") % {"column": text},
                )
            )
        positions[column] = position
    return positions, ignored


def _find_header(table: Sequence[tuple[int, Sequence[Cell]]]) -> int:
    """The header is the first row naming three known columns; a title above it is skipped.

    When no row in the first ten does, the first row is taken, and the error names what it
    lacks.
    """
    for index, (_number, cells) in enumerate(table[:_HEADER_SEARCH_ROWS]):
        names = {_ALIASES.get(_header_key(_cell_text(cell))) for cell in cells}
        if len(names - {None}) >= 3:
            return index
    return 0


def _missing_columns(positions: dict[Column, int], *, council_chosen: bool) -> list[Column]:
    required = list(_REQUIRED) if council_chosen else [Column.COUNCIL, *_REQUIRED]
    return [column for column in required if column not in positions]


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
    errors: list[RowError] = field(default_factory=list)

    def fail(self, code: Problem, message: str) -> None:
        self.errors.append(RowError(self.row, code, message))

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


def parse_birth_date(cell: Cell, *, today: dt.date) -> tuple[dt.date | None, Problem | None]:
    """A date from a cell: a spreadsheet date, dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd."""
    if isinstance(cell, dt.date):
        day = cell
    else:
        text = cell.strip()
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
    number: int,
    cells: Sequence[Cell],
    positions: dict[Column, int],
    *,
    council_code: str | None,
    today: dt.date,
) -> _Draft:
    def cell(column: Column) -> Cell:
        position = positions.get(column)
        if position is None or position >= len(cells):
            return ""
        return cells[position]

    draft = _Draft(row=number)

    council = _cell_text(cell(Column.COUNCIL)).upper()
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

    reference = _cell_text(cell(Column.REFERENCE))
    if not reference:
        draft.fail(Problem.MISSING_REFERENCE, _("The household reference is missing."))
    elif _check_length(draft, Column.REFERENCE, reference):
        draft.reference = reference

    address = _cell_text(cell(Column.ADDRESS))
    if _check_length(draft, Column.ADDRESS, address):
        draft.address = address

    first_names = _cell_text(cell(Column.FIRST_NAMES))
    if not first_names:
        draft.fail(Problem.MISSING_FIRST_NAMES, _("The first names are missing."))
    elif _check_length(draft, Column.FIRST_NAMES, first_names):
        draft.first_names = first_names
    last_names = _cell_text(cell(Column.LAST_NAMES))
    if not last_names:
        draft.fail(Problem.MISSING_LAST_NAMES, _("The last names are missing."))
    elif _check_length(draft, Column.LAST_NAMES, last_names):
        draft.last_names = last_names

    raw_id = _cell_text(cell(Column.NATIONAL_ID))
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
        draft.fail(date_problem, _date_message(date_problem, _cell_text(birth_cell)))

    sex = _cell_text(cell(Column.SEX))
    draft.sex = _SEXES.get(fold(sex).rstrip("."), None) if sex else ""
    if draft.sex is None:
        draft.fail(
            Problem.INVALID_SEX, _("Write F or M for the sex, not “%(value)s”.") % {"value": sex}
        )
    return draft


def _is_blank(cells: Sequence[Cell]) -> bool:
    return all(not isinstance(c, dt.date) and not c.strip() for c in cells)


def _read_file(
    content: bytes, filename: str, council_code: str | None, today: dt.date
) -> tuple[list[_Draft], list[str]]:
    """Every non-empty data row, read on its own; raises ``_Rejected`` for the whole file."""
    try:
        table = read_table(content, filename)
    except UnreadableFile as unreadable:
        raise _Rejected(_unreadable_error(unreadable.kind)) from None
    table = [(number, cells) for number, cells in table if not _is_blank(cells)]
    if not table:
        raise _Rejected(RowError(None, Problem.EMPTY_FILE, _("The file is empty.")))
    if len(table) > MAX_ROWS + 1:
        raise _Rejected(
            RowError(
                None,
                Problem.TOO_MANY_ROWS,
                _("The file has more than %(limit)s rows; split it into several files.")
                % {"limit": MAX_ROWS},
            )
        )
    header_index = _find_header(table)
    (header_row, header), data = table[header_index], table[header_index + 1 :]
    positions, ignored = _map_header(header_row, header)
    missing = _missing_columns(positions, council_chosen=council_code is not None)
    if missing:
        raise _Rejected(
            RowError(
                header_row,
                Problem.MISSING_COLUMN,
                _("The header has no column %(columns)s. The columns are: %(all)s.")
                % {
                    "columns": ", ".join(column.value for column in missing),
                    "all": ", ".join(column.value for column in COLUMNS),
                },
            )
        )
    known = set(positions.values())
    drafts = [
        _read_row(number, cells, positions, council_code=council_code, today=today)
        for number, cells in data
        if not _is_blank([c for i, c in enumerate(cells) if i in known])
    ]
    if not drafts:
        raise _Rejected(
            RowError(None, Problem.NO_ROWS, _("The file has a header but no rows to import."))
        )
    return drafts, ignored


def _unreadable_error(kind: UnreadableKind) -> RowError:
    if kind is UnreadableKind.EMPTY:
        return RowError(None, Problem.EMPTY_FILE, _("The file is empty."))
    if kind is UnreadableKind.NOT_A_TABLE:
        return RowError(
            None,
            Problem.NOT_A_TABLE,
            _("This is not a CSV or XLSX file. Save the spreadsheet as CSV or XLSX and try again."),
        )
    return RowError(
        None,
        Problem.DAMAGED_FILE,
        _("The file could not be read: it may be damaged. Save it again as CSV or XLSX."),
    )


# --- Checking the rows against each other and against the census ------------------------


def _same_address(a: str, b: str) -> bool:
    return fold(clean_name(a)) == fold(clean_name(b))


@dataclass(slots=True)
class _Plan:
    """What the file will write once every row is good."""

    councils: dict[str, Council] = field(default_factory=dict)
    existing: dict[tuple[str, str], Household] = field(default_factory=dict)
    new_addresses: dict[tuple[str, str], str] = field(default_factory=dict)


def _check_councils(drafts: list[_Draft], plan: _Plan, by: User | None) -> None:
    commune = commune_current()
    codes = {d.council_code for d in drafts if d.council_code}
    if commune is not None and codes:
        plan.councils = {c.code: c for c in Council.objects.filter(commune=commune, code__in=codes)}
    allowed = {
        code: by is None or council_is_editable(by, council)
        for code, council in plan.councils.items()
    }
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


def _check_households(drafts: list[_Draft], plan: _Plan, *, lock: bool) -> None:
    households = Household.objects.filter(council__in=plan.councils.values()).select_related(
        "council"
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


def _check_national_ids(drafts: list[_Draft]) -> None:
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
            for value in Person.objects.filter(national_id__in=chunk).values_list(
                "national_id", flat=True
            )
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
    rows: list[ImportRow], plan: _Plan, *, by: User | None, filename: str
) -> tuple[int, int]:
    """Households, people and one event per household touched, in bulk. Returns the counts."""
    today = timezone.localdate()
    new_households: dict[tuple[str, str], Household] = {}
    for row in rows:
        key = (row.council_code, row.reference)
        if key not in plan.existing and key not in new_households:
            new_households[key] = Household(
                council=plan.councils[row.council_code],
                reference=row.reference,
                address=plan.new_addresses[key],
            )
    Household.objects.bulk_create(new_households.values())
    if any(household.pk is None for household in new_households.values()):
        # A database that cannot return ids from a bulk insert: read them back.
        for household in Household.objects.filter(
            council__in=plan.councils.values(), reference__in={k[1] for k in new_households}
        ).select_related("council"):
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
                kind=EventKind.IMPORTED,
                occurred_on=today,
                household=households[key],
                recorded_by=by,
                note=filename[:300],
            )
            for key in extended
        ],
        batch_size=2000,
    )
    return len(new_households), len(extended - set(new_households))


# --- The service --------------------------------------------------------------------------


def _normalized_council_code(council_code: str | None) -> str | None:
    code = (council_code or "").strip().upper()
    return code or None


def census_import(
    *,
    content: bytes,
    filename: str,
    council_code: str | None,
    by: User | None,
    dry_run: bool = False,
) -> ImportResult:
    """Import a census file, all of it or nothing; ``dry_run`` checks it and writes nothing.

    Never raises for anything in the file: every problem is in ``result.errors`` and then the
    census is exactly as it was. ``by=None`` is the command line, which may write any council.
    Checks and writes run in one transaction (SQLite takes its write lock at the start, so no
    one changes the census between them; on PostgreSQL the households are locked and the
    database's unique constraints catch the rest, which then rejects the whole file).
    """
    code = _normalized_council_code(council_code)
    result = ImportResult()
    try:
        drafts, result.ignored_columns = _read_file(content, filename, code, timezone.localdate())
    except _Rejected as rejected:
        result.errors = [rejected.error]
        return result
    try:
        with transaction.atomic():
            if (
                code is not None
                and not Council.objects.filter(commune=commune_current(), code=code).exists()
            ):
                result.errors = [
                    RowError(
                        None,
                        Problem.UNKNOWN_COUNCIL,
                        _("There is no council %(code)s in this commune.") % {"code": code},
                    )
                ]
                return result
            plan = _Plan()
            _check_councils(drafts, plan, by)
            _check_households(drafts, plan, lock=not dry_run)
            _check_national_ids(drafts)
            result.errors = sorted(
                (error for draft in drafts for error in draft.errors),
                key=lambda error: error.row or 0,
            )
            rows = [row for draft in drafts if (row := draft.finished()) is not None]
            result.sample = rows[:SAMPLE_SIZE]
            keys = {(row.council_code, row.reference) for row in rows}
            result.people_created = len(rows)
            result.households_extended = len(keys & set(plan.existing))
            result.households_created = len(keys) - result.households_extended
            if result.errors or dry_run:
                return result
            _write(rows, plan, by=by, filename=filename)
            result.applied = True
    except IntegrityError:
        return ImportResult(
            errors=[
                RowError(
                    None,
                    Problem.REFUSED_BY_DATABASE,
                    _(
                        "The census changed while the file was being imported (someone "
                        "registered one of its households or ID numbers). Nothing was "
                        "imported; try again."
                    ),
                )
            ]
        )
    return result


@transaction.atomic
def census_import_upload(
    *, by: User, filename: str, content: bytes, council: Council | None
) -> CensusImport:
    """Keep an uploaded file until it is previewed and confirmed. The caller checks access."""
    if council is not None and not council_is_editable(by, council):
        raise CensusError(
            _("You may not change the census of council %(code)s.") % {"code": council.code}
        )
    return CensusImport.objects.create(
        uploaded_by=by, filename=filename[:200], content=content, council=council
    )


def census_import_check(*, upload: CensusImport) -> ImportResult:
    """The preview: what confirming ``upload`` would do now, or every problem it has."""
    return census_import(
        content=bytes(upload.content),
        filename=upload.filename,
        council_code=upload.council.code if upload.council else None,
        by=upload.uploaded_by,
        dry_run=True,
    )


@transaction.atomic
def census_import_confirm(*, upload: CensusImport, by: User) -> ImportResult:
    """Apply an uploaded file once: a second confirmation (a double click) raises.

    The upload row is locked and ``applied_at`` set in the same transaction as the people, so
    two confirmations at once cannot both import.
    """
    upload = locks.census_import_lock(upload)
    if upload.applied_at is not None:
        raise CensusError(_("This file has already been imported."))
    if upload.uploaded_by_id != by.pk:
        raise CensusError(_("Only the person who uploaded this file may import it."))
    result = census_import(
        content=bytes(upload.content),
        filename=upload.filename,
        council_code=upload.council.code if upload.council else None,
        by=by,
    )
    if result.applied:
        upload.applied_at = timezone.now()
        upload.people_created = result.people_created
        upload.households_created = result.households_created
        upload.save(update_fields=["applied_at", "people_created", "households_created"])
    return result
