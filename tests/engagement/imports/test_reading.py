"""Files as organisers send them: CSV (UTF-8, with or without BOM, ``,`` or ``;``) and XLSX,
headings in kk, ru or en; and files refused as a whole (encoding, size, rows, zip bombs)."""

import datetime
import io
import zipfile

import pytest

from engagement.imports.reading import FileRefused, read_file
from engagement.imports.service import check_file

from .helpers import HEADINGS, csv_bytes, good_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("kind", ["csv-comma", "csv-semicolon-bom", "xlsx"])
def test_a_good_file_in_each_language_and_format_checks_clean(language, kind):
    rows = good_rows()
    if kind == "csv-comma":
        name, data = "events.csv", csv_bytes(rows, language)
    elif kind == "csv-semicolon-bom":
        name, data = "events.csv", csv_bytes(rows, language, delimiter=";", bom=True)
    else:
        name, data = "events.xlsx", xlsx_bytes(rows, language)
    preview = check_file(name, data, user=None)
    assert preview.errors == [] and not preview.refused
    assert preview.rows_read == 3
    assert [outcome for _row, _title, outcome in preview.plan.outcomes] == ["create"] * 3
    first = preview.plan.create[0]
    assert first["participants"] == 1200 and first["count_kind"] == "registered"
    assert first["start"] == "2024-05-10T10:00:00+05:00"


def test_excel_date_cells_are_read_as_they_are():
    rows = good_rows()[:1]
    rows[0][5] = datetime.datetime(2024, 2, 20, 9, 30)  # before 1 March 2024: UTC+6
    rows[0][6] = datetime.datetime(2024, 2, 20, 11, 0)
    rows[0][7] = 1200  # a number cell
    preview = check_file("events.xlsx", xlsx_bytes(rows), user=None)
    assert preview.errors == []
    assert preview.plan.create[0]["start"] == "2024-02-20T09:30:00+06:00"
    assert preview.plan.create[0]["participants"] == 1200


def test_a_cp1251_file_is_refused_with_a_message_naming_the_encoding():
    data = csv_bytes(good_rows(), "ru").decode("utf-8").encode("cp1251", errors="replace")
    with pytest.raises(FileRefused, match="UTF-8"):
        read_file("events.csv", data)


def test_a_utf16_file_is_refused():
    data = "\n".join(",".join(row) for row in [HEADINGS["en"]]).encode("utf-16")
    with pytest.raises(FileRefused, match="UTF-16"):
        read_file("events.csv", data)


def test_an_old_excel_file_is_refused():
    with pytest.raises(FileRefused, match=r"\.xls"):
        read_file("events.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def test_an_oversized_file_is_refused_before_parsing(settings):
    settings.ENGAGEMENT_IMPORT_MAX_BYTES = 1000
    with pytest.raises(FileRefused, match="MB"):
        read_file("events.csv", b"x" * 1001)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_over_the_row_limit_is_refused(settings, kind):
    settings.ENGAGEMENT_IMPORT_MAX_ROWS = 5
    rows = good_rows() * 2
    data = csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)
    with pytest.raises(FileRefused, match="5"):
        read_file(f"events.{kind}", data)


def test_a_zip_bomb_is_refused_without_being_opened(settings, monkeypatch):
    settings.ENGAGEMENT_IMPORT_MAX_EXPANDED_BYTES = 10_000_000
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    data = output.getvalue()
    assert len(data) < 100_000  # 50 MB of XML in a few kilobytes
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(FileRefused, match="unpacks"):
        read_file("events.xlsx", data)


def test_a_damaged_workbook_is_refused():
    with pytest.raises(FileRefused, match="XLSX"):
        read_file("events.xlsx", b"PK\x03\x04 not really a zip")


def test_unknown_and_missing_headings_are_reported_for_the_heading_row():
    headings = ["Title", "Proekt", "Start"]
    preview = check_file("events.csv", csv_bytes([["a", "b", "c"]], headings=headings), None)
    messages = [(error.row, error.column, error.message) for error in preview.errors]
    assert (1, "", "Unknown column «Proekt»: use the headings of the template.") in messages
    assert (1, "project", "The column is missing.") in messages
    assert (1, "district", "The column is missing.") in messages
    assert all(row == 1 for row, _column, _message in messages)  # no row-by-row noise


def test_nul_bytes_in_a_cell_are_an_error_not_a_crash():
    rows = good_rows()
    rows[0][1] = "Отбасы\x00 күні"
    preview = check_file("events.csv", csv_bytes(rows), None)
    assert [(e.row, e.column) for e in preview.errors] == [(2, "title")]
    assert "U+0000" in preview.errors[0].message
    assert preview.plan is None


def test_blank_rows_are_skipped_and_numbers_are_spreadsheet_rows():
    rows = [good_rows()[0], [""] * 9, good_rows()[1]]
    rows[2][5] = "31.02.2024"
    preview = check_file("events.csv", csv_bytes(rows), None)
    assert preview.rows_read == 2
    assert [(e.row, e.column) for e in preview.errors] == [(4, "start")]
