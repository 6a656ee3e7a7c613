"""The one spreadsheet reader and the one import pipeline that every import goes through.

The reader needs no database. The pipeline is driven here by a small importer of communes
(core's own table), which writes its rows even in a preview, as the ledger's does: so these
tests show that the pipeline, not the importer's good manners, keeps a preview and a bad file
from changing anything.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from comuna.core.imports import (
    Importer,
    Job,
    file_import,
    importer_register,
    upload_confirm,
    upload_create,
    upload_preview,
)
from comuna.core.imports import services as pipeline
from comuna.core.imports.access import upload_for_user
from comuna.core.models import Commune, Upload
from comuna.core.refusals import Refusal
from comuna.core.spreadsheets import (
    Column,
    SheetProblem,
    csv_cell_read,
    header_key,
    sheet_read,
    write_xlsx,
)
from comuna.users.models import Role, User
from tests import factories

COLUMNS = [
    Column("codigo", aliases=("code",)),
    Column("nombre", aliases=("name",)),
    Column("municipio", aliases=("municipality",), required=False),
]


def read(content: bytes, filename: str = "a.csv") -> list[tuple[int, dict[str, str]]]:
    with translation.override("en"):
        return list(sheet_read(content, COLUMNS, filename=filename))


def refusal_of(content: bytes, filename: str = "a.csv") -> Refusal:
    with translation.override("en"), pytest.raises(Refusal) as raised:
        list(sheet_read(content, COLUMNS, filename=filename))
    return raised.value


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ROWS = [
    (2, {"codigo": "el-panal", "nombre": "Comuna El Panal", "municipio": "Libertador"}),
    (3, {"codigo": "la-ceiba", "nombre": "Comuna “La Ceiba” – Año 2", "municipio": ""}),
]
TEXT = (
    "codigo;nombre;municipio\n"
    "el-panal;Comuna El Panal;Libertador\n"
    "la-ceiba;Comuna “La Ceiba” – Año 2;\n"
)


# --- The reader ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_it_reads_the_encodings_communes_save_in(encoding: str) -> None:
    assert read(TEXT.encode(encoding)) == ROWS


def test_it_reads_latin1_as_windows_writes_it() -> None:
    text = "codigo,nombre\nsan-jose,José Ángel Muñoz\n"
    assert read(text.encode("latin-1")) == [
        (2, {"codigo": "san-jose", "nombre": "José Ángel Muñoz", "municipio": ""})
    ]


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_it_finds_the_separator_from_the_header(separator: str) -> None:
    text = TEXT.replace(";", separator)
    assert read(text.encode()) == ROWS


def test_a_title_line_above_the_header_neither_hides_it_nor_decides_the_separator() -> None:
    text = "Comunas del estado, 2025\n\n" + TEXT
    assert [number for number, _row in read(text.encode())] == [4, 5]


def test_headers_are_matched_whatever_their_case_accents_spaces_or_language() -> None:
    text = " CÓDIGO ;Name;Municipio de la comuna\nx;y;z\n"
    rows = list(
        sheet_read(
            text.encode(),
            [Column("codigo"), Column("nombre", aliases=("name",)), Column("municipio_comuna")],
        )
    )
    assert rows == [(2, {"codigo": "x", "nombre": "y", "municipio_comuna": "z"})]
    assert header_key("Fecha de Nacimiento") == header_key("fecha_nacimiento") == "fecha_nacimiento"
    assert header_key("C.I.") == "c_i"


def test_it_reads_an_xlsx_with_dates_numbers_and_a_title_row() -> None:
    content = xlsx(
        [
            ["Comunas"],
            [],
            ["Código", "Nombre", "Municipio"],
            [12.0, dt.date(2025, 3, 1), None],
            [None, None, None],
            ["x", dt.datetime(2025, 3, 2, 10, 30), 1.5],  # noqa: DTZ001 - a naive cell value
        ]
    )
    sheet = sheet_read(content, COLUMNS, filename="comunas.xlsx")
    assert sheet.header_row == 3
    assert list(sheet) == [
        (4, {"codigo": "12", "nombre": "2025-03-01", "municipio": ""}),
        (6, {"codigo": "x", "nombre": "2025-03-02", "municipio": "1.5"}),
    ]


def test_a_quoted_line_break_stays_in_its_row() -> None:
    rows = read(b'codigo,nombre\n"calle 1\ncasa 2",x\nlast,y\n')
    assert [number for number, _row in rows] == [2, 3]
    assert rows[0][1]["codigo"] == "calle 1\ncasa 2"


def test_short_rows_read_as_empty_cells_blank_rows_are_skipped_and_unknown_columns_listed() -> None:
    sheet = sheet_read(b"codigo,nombre,telefono\nx\n,,\n , \ny,z,0412\n", COLUMNS)
    assert sheet.ignored_columns == ["telefono"]
    assert list(sheet) == [
        (2, {"codigo": "x", "nombre": "", "municipio": ""}),
        (5, {"codigo": "y", "nombre": "z", "municipio": ""}),
    ]


@pytest.mark.parametrize("content", [b"", b"  \r\n", b"\n ;; \n", b"\n\n\n\n\n\n\n\n\n\n\n\n,\n"])
def test_an_empty_file_is_refused(content: bytes) -> None:
    refusal = refusal_of(content)
    assert refusal.code == SheetProblem.EMPTY
    assert refusal.message == "The file is empty."


def word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.png"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "censo.xls"),
        (b"PK\x03\x04 not really a zip", "censo.xlsx"),
        (word_document(), "carta.docx"),
        (b"codigo,nombre\n", "planilla.ods"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_clearly(content: bytes, filename: str) -> None:
    refusal = refusal_of(content, filename)
    assert refusal.code == SheetProblem.NOT_A_TABLE
    assert refusal.message.startswith("This is not a CSV or XLSX file.")


def test_a_missing_required_column_is_named_and_an_optional_one_is_not() -> None:
    refusal = refusal_of(b"nombre,municipio,otra\nx,y,z\n")
    assert refusal.code == SheetProblem.MISSING_COLUMN
    assert refusal.message == (
        "The header has no column codigo. The columns are: codigo, nombre, municipio."
    )


def test_a_column_given_twice_is_refused() -> None:
    refusal = refusal_of(b"codigo,nombre,Code\nx,y,z\n")
    assert refusal.code == SheetProblem.REPEATED_COLUMN
    assert "“Code”" in refusal.message


def test_it_streams_the_rows_and_refuses_where_the_file_breaks() -> None:
    huge = "x" * (csv.field_size_limit() + 1)
    rows = iter(sheet_read(f"codigo,nombre\na,b\n{huge},c\n".encode(), COLUMNS))
    assert next(rows) == (2, {"codigo": "a", "nombre": "b", "municipio": ""})
    with translation.override("en"), pytest.raises(Refusal) as raised:
        next(rows)
    assert raised.value.code == "cell_too_long"
    assert raised.value.message.startswith("Row 3 has a cell longer than 10,000 characters")


def test_a_refusal_follows_the_readers_language() -> None:
    with translation.override("es"), pytest.raises(Refusal) as raised:
        sheet_read(b"", COLUMNS)
    assert raised.value.message == "El archivo está vacío."


# Text a commune's spreadsheet holds: Spanish letters, separators, quotes, line breaks.
SPANISH = "abcxyzABCXYZ0189 .,;:-_'\"/()\táéíóúñüÁÉÍÓÚÑÜ\n"
# A file saved as UTF-8 may hold anything; one saved as Latin-1 only what Latin-1 writes.
ANYTHING = SPANISH + "€“”¿¡ºªçÇ漢字🙂"
TABLE_EXAMPLES = settings(max_examples=150, deadline=None)


@st.composite
def tables(draw: st.DrawFn, alphabet: str) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(min_value=2, max_value=5))
    header = [f"columna_{n}" for n in range(width)]
    cells = st.text(alphabet=alphabet, max_size=12)
    body = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=8))
    return header, body


def expected(header: list[str], body: list[list[str]]) -> list[tuple[int, dict[str, str]]]:
    return [
        (number, dict(zip(header, row, strict=True)))
        for number, row in enumerate(body, start=2)
        if "".join(row).strip()
    ]


@TABLE_EXAMPLES
@given(
    data=st.data(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
    separator=st.sampled_from([",", ";", "\t"]),
)
def test_any_table_written_as_csv_reads_back_the_same(
    data: st.DataObject, encoding: str, separator: str
) -> None:
    wide = encoding.startswith("utf")
    header, body = data.draw(tables(ANYTHING if wide else SPANISH))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(header)
    writer.writerows(body)
    content = buffer.getvalue().encode(encoding)
    columns = [Column(name) for name in header]
    # A quote before a formula's first character is what a CSV writer that follows OWASP
    # (ours among them) adds; the reader takes it back off.
    read_as = [[csv_cell_read(cell) for cell in row] for row in body]
    assert list(sheet_read(content, columns)) == expected(header, read_as)


@settings(TABLE_EXAMPLES, max_examples=40)
@given(table=tables(ANYTHING.replace("\n", "")))
def test_any_table_written_as_xlsx_reads_back_the_same(
    table: tuple[list[str], list[list[str]]],
) -> None:
    header, body = table
    content = write_xlsx(header, body, title="hoja")
    columns = [Column(name) for name in header]
    assert list(sheet_read(content, columns, filename="a.xlsx")) == expected(header, body)


# --- The pipeline -------------------------------------------------------------------------

CODE = re.compile(r"[a-z0-9-]{1,40}")


@dataclass(frozen=True)
class CommunesSummary:
    created: int

    def record(self) -> dict[str, Any]:
        return {"created": self.created}

    def sentence(self) -> str:
        return f"Created {self.created} communes."


class CommuneImporter(Importer[tuple[str, str], CommunesSummary]):
    """Communes from a file: rows with a bad code are named; a code already taken is named
    against the database; the rows are written every time (the pipeline must undo them)."""

    kind = "test-communes"
    columns = (Column("codigo"), Column("nombre"))

    def row_read(self, number: int, cells: dict[str, str], job: Job) -> tuple[str, str]:
        code, name = cells["codigo"].strip(), cells["nombre"].strip()
        if not CODE.fullmatch(code):
            raise Refusal(f"“{code}” is not a code.", code="bad_code")
        if not name:
            raise Refusal("The name is missing.", code="no_name")
        return code, name

    def rows_apply(self, rows: Iterator[tuple[int, tuple[str, str]]], job: Job) -> CommunesSummary:
        read = list(rows)
        taken = set(
            Commune.objects.filter(code__in=[code for _n, (code, _name) in read]).values_list(
                "code", flat=True
            )
        )
        for number, (code, _name) in read:
            if code in taken:
                job.refuse(number, f"{code} is taken.", code="taken")
        Commune.objects.bulk_create(
            Commune(code=code, name=name) for _n, (code, name) in read if code not in taken
        )
        return CommunesSummary(created=len(read))


COMMUNES = CommuneImporter()
importer_register(COMMUNES)
KIND = COMMUNES.kind

GOOD = b"codigo;nombre\nel-panal;El Panal\nla-ceiba;La Ceiba\n"
BAD = b"codigo;nombre\nel-panal;El Panal\nNo Vale;X\nla-ceiba;\nlos-mangos;Los Mangos\n"


@pytest.fixture
def home(db: None) -> Commune:
    return factories.make_commune(code="home", name="Home")


@pytest.fixture
def clerk(db: None) -> User:
    return factories.make_user("secretaria", Role.ADMIN)


def codes() -> list[str]:
    return sorted(Commune.objects.exclude(code="home").values_list("code", flat=True))


def store(commune: Commune, by: User, content: bytes = GOOD, name: str = "c.csv") -> Upload:
    return upload_create(kind=KIND, commune=commune, by=by, filename=name, content=content)


def test_a_preview_names_every_bad_row_with_its_number_and_changes_nothing(
    home: Commune, clerk: User
) -> None:
    outcome = upload_preview(upload=store(home, clerk, BAD))
    assert [(p.row, p.code, p.message) for p in outcome.problems] == [
        (3, "bad_code", "“No Vale” is not a code."),
        (4, "no_name", "The name is missing."),
    ]
    assert not outcome.applied
    assert codes() == []


def test_a_preview_of_a_good_file_says_what_it_would_do_and_changes_nothing(
    home: Commune, clerk: User
) -> None:
    upload = store(home, clerk)
    outcome = upload_preview(upload=upload)
    assert outcome.ok and outcome.summary == CommunesSummary(created=2)
    assert codes() == []
    upload.refresh_from_db()
    assert upload.applied_at is None and upload.summary == {}


def test_a_confirmation_applies_the_whole_file_once_and_records_it(
    home: Commune, clerk: User
) -> None:
    upload = store(home, clerk)
    outcome = upload_confirm(upload=upload, by=clerk)
    assert outcome.applied and outcome.ok
    assert codes() == ["el-panal", "la-ceiba"]
    upload.refresh_from_db()
    assert upload.applied_at is not None
    assert upload.summary == {"created": 2}
    assert (upload.kind, upload.commune, upload.uploaded_by) == (KIND, home, clerk)
    assert upload.digest == hashlib.sha256(GOOD).hexdigest()


def test_a_file_with_one_bad_row_writes_nothing_at_all(home: Commune, clerk: User) -> None:
    upload = store(home, clerk, BAD)
    outcome = upload_confirm(upload=upload, by=clerk)
    assert not outcome.applied and len(outcome.problems) == 2
    assert codes() == []
    upload.refresh_from_db()
    assert upload.applied_at is None


def test_a_confirmation_checks_again_what_changed_since_the_preview(
    home: Commune, clerk: User
) -> None:
    upload = store(home, clerk)
    assert upload_preview(upload=upload).ok
    factories.make_commune(code="la-ceiba", name="Registered meanwhile")
    outcome = upload_confirm(upload=upload, by=clerk)
    assert [(p.row, p.code) for p in outcome.problems] == [(3, "taken")]
    assert codes() == ["la-ceiba"]
    upload.refresh_from_db()
    assert upload.applied_at is None


def test_a_second_confirmation_is_refused_clearly_and_changes_nothing(
    home: Commune, clerk: User
) -> None:
    upload = store(home, clerk)
    upload_confirm(upload=upload, by=clerk)
    Commune.objects.filter(code="el-panal").update(name="Renamed since")
    with translation.override("en"), pytest.raises(Refusal) as raised:
        upload_confirm(upload=upload, by=clerk)  # a double click, or the back button
    assert raised.value.message == "This file has already been imported."
    assert codes() == ["el-panal", "la-ceiba"]
    assert Commune.objects.get(code="el-panal").name == "Renamed since"


def test_the_same_file_uploaded_again_is_refused_in_its_preview_and_its_confirmation(
    home: Commune, clerk: User
) -> None:
    upload_confirm(upload=store(home, clerk), by=clerk)
    again = store(home, clerk, name="otra-vez.csv")
    with translation.override("en"):
        preview = upload_preview(upload=again)
        confirmed = upload_confirm(upload=again, by=clerk)
    for outcome in (preview, confirmed):
        assert [(p.row, p.code, p.message) for p in outcome.problems] == [
            (None, "already_imported", "This file has already been imported.")
        ]
    assert Upload.objects.filter(applied_at__isnull=False).count() == 1


def test_the_constraint_refuses_a_file_whose_twin_was_confirmed_at_the_same_moment(
    home: Commune, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two confirmations of one file in two uploads, both past the check before either
    committed: the database's constraint turns the second away, with everything it wrote."""
    first, second = store(home, clerk), store(home, clerk, name="twin.csv")
    upload_confirm(upload=first, by=clerk)
    Commune.objects.all().exclude(code="home").delete()
    monkeypatch.setattr(pipeline, "_applied_before", lambda upload: False)
    with translation.override("en"):
        outcome = upload_confirm(upload=second, by=clerk)
    assert [p.message for p in outcome.problems] == ["This file has already been imported."]
    assert codes() == []
    second.refresh_from_db()
    assert second.applied_at is None


def test_a_file_is_applied_at_most_once_per_commune_and_kind(home: Commune, clerk: User) -> None:
    first = store(home, clerk)
    Upload.objects.filter(pk=first.pk).update(applied_at=first.created_at)
    store(home, clerk)  # kept for a preview: allowed
    other_kind = store(home, clerk)
    Upload.objects.filter(pk=other_kind.pk).update(kind="census", applied_at=first.created_at)
    elsewhere = store(factories.make_commune(), clerk)
    Upload.objects.filter(pk=elsewhere.pk).update(applied_at=first.created_at)
    twin = store(home, clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Upload.objects.filter(pk=twin.pk).update(applied_at=first.created_at)


def test_only_whoever_uploaded_a_file_sees_or_confirms_it(home: Commune, clerk: User) -> None:
    upload = store(home, clerk)
    other = factories.make_user("tesorero", Role.COMPTROLLER)
    assert upload_for_user(clerk, kind=KIND, commune=home, pk=upload.pk) == upload
    for user, kind in ((other, KIND), (clerk, "census")):
        with pytest.raises(Http404):
            upload_for_user(user, kind=kind, commune=home, pk=upload.pk)
    with pytest.raises(Refusal):
        upload_confirm(upload=upload, by=other)
    assert codes() == []


def test_a_refusal_inside_the_transaction_undoes_what_the_importer_wrote(
    home: Commune, clerk: User
) -> None:
    outcome = upload_confirm(upload=store(home, clerk, GOOD + b"el-panal;Otra vez\n"), by=clerk)
    assert [p.code for p in outcome.problems] == ["refused_by_database"]
    assert codes() == []


def test_a_header_without_rows_imports_nothing(home: Commune, clerk: User) -> None:
    outcome = upload_confirm(upload=store(home, clerk, b"codigo;nombre\n;\n"), by=clerk)
    assert [p.code for p in outcome.problems] == ["no_rows"]


def test_the_command_line_records_the_file_only_with_its_rows(home: Commune) -> None:
    def run(content: bytes, *, dry_run: bool = False) -> Any:
        return file_import(
            importer=COMMUNES,
            commune=home,
            filename="c.csv",
            content=content,
            author="import",
            dry_run=dry_run,
        )

    assert run(GOOD, dry_run=True).ok
    assert not run(BAD).ok
    assert codes() == [] and not Upload.objects.exists()
    outcome = run(GOOD)
    assert outcome.applied and codes() == ["el-panal", "la-ceiba"]
    upload = Upload.objects.get()
    assert upload.uploaded_by is None and bytes(upload.content) == GOOD
    assert [p.code for p in run(GOOD).problems] == ["already_imported"]


def test_an_upload_is_read_once_its_preview_and_confirmation_never_read_the_file_again(
    home: Commune, clerk: User
) -> None:
    upload = store(home, clerk)
    assert upload.table is not None and upload.refusal == {}
    # Were the file read again, this would be "the file is empty".
    Upload.objects.filter(pk=upload.pk).update(content=b"")
    first = upload_preview(upload=upload_for_user(clerk, kind=KIND, commune=home, pk=upload.pk))
    again = upload_preview(upload=upload_for_user(clerk, kind=KIND, commune=home, pk=upload.pk))
    assert first.ok and again.ok and first.summary == again.summary == CommunesSummary(created=2)
    assert upload_confirm(upload=upload, by=clerk).applied
    assert codes() == ["el-panal", "la-ceiba"]


def test_a_file_refused_as_a_whole_keeps_its_refusal_and_is_not_read_again(
    home: Commune, clerk: User
) -> None:
    bomb = b"codigo;nombre\n" + b"x" * 200_000 + b";y\n"
    with translation.override("es"):
        upload = store(home, clerk, bomb)
    assert upload.table is None and upload.refusal["code"] == "cell_too_long"
    Upload.objects.filter(pk=upload.pk).update(content=GOOD)
    outcome = upload_preview(upload=upload_for_user(clerk, kind=KIND, commune=home, pk=upload.pk))
    assert [(p.row, p.code) for p in outcome.problems] == [(None, "cell_too_long")]
    assert outcome.problems[0].message.startswith("La fila 2 tiene una celda de más de")
    assert not upload_confirm(upload=upload, by=clerk).applied
    assert codes() == []
