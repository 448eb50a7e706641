"""Reading an uploaded spreadsheet into rows of cells, within limits, before any checking.

CSV must be UTF-8 (a byte-order mark is allowed; ``,``, ``;`` or tab separated): cp1251 and
other single-byte code pages cannot hold Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і), so a file
that does not decode is refused rather than guessed at. XLSX is read with openpyxl in
read-only mode, after the zip's declared sizes have been checked (a few kilobytes can declare
gigabytes of XML). Limits are settings (see :mod:`engagement.conf`).
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from engagement import conf

from .columns import COLUMNS_BY_KEY, heading_lookup
from .values import CellError, heading_key, normalise


class FileRefused(Exception):
    """The file as a whole cannot be imported; ``message`` is the translated reason."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Sheet:
    """The heading row read into column keys and the data rows as ``(number, {key: cell})``.

    Row numbers are those a spreadsheet program shows (the heading row is 1).
    """

    columns: list
    rows: list
    #: ``(row number, column key or "", reason)`` of cells that could not even be read.
    errors: list


def read_file(name, data):
    """A :class:`Sheet` of the file ``name`` whose bytes are ``data``.

    Raises:
        FileRefused: too big, too many rows, not UTF-8, not a spreadsheet, a zip bomb, or no
            heading row.
    """
    max_bytes = conf.import_max_bytes()
    if len(data) > max_bytes:
        raise FileRefused(_("The file is %(size)s MB; at most %(max)s MB can be imported at "
                            "once. Split it into several files.") % {
            "size": _megabytes(len(data)), "max": _megabytes(max_bytes)})
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileRefused(_("This is an old Excel file (.xls). Save it as .xlsx or as "
                            "“CSV UTF-8” and upload it again."))
    else:
        table = _csv_rows(data)
    return _sheet(table)


def _megabytes(size):
    return f"{size / 1_000_000:.3g}"


def _too_many_rows():
    return FileRefused(_("The file has more than %(max)s rows; split it into several files.")
                       % {"max": conf.import_max_rows()})


def _csv_rows(data):
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FileRefused(_("The file is in UTF-16. Save it as “CSV UTF-8” and upload it "
                            "again."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(_(
            "The file is not in UTF-8 (a byte at position %(position)s cannot be read). Save "
            "it as “CSV UTF-8” and upload it again: older encodings such as Windows-1251 "
            "cannot hold Kazakh letters."
        ) % {"position": error.start + 1}) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    limit = conf.import_max_rows() + 1  # and the heading row
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > limit:
                raise _too_many_rows()
    except csv.Error as error:
        raise FileRefused(_("The file is not a readable CSV table (%(error)s).") % {
            "error": error}) from error
    return rows


def _xlsx_rows(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRefused(_("The file is not a readable XLSX workbook.")) from error
    # The sizes the archive declares; zipfile will not inflate an entry beyond its declared
    # size, so the declaration bounds what openpyxl can be made to read.
    expanded = sum(info.file_size for info in infos)
    if expanded > conf.import_max_expanded_bytes() or len(infos) > 10_000:
        raise FileRefused(_("The workbook unpacks to %(size)s MB, more than a table of events "
                            "can need; it was not opened.") % {"size": _megabytes(expanded)})
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise FileRefused(_("The file is not a readable XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        limit = conf.import_max_rows() + 1
        declared = sheet.max_row if sheet.max_row else 0
        if declared and declared > limit * 2:
            raise _too_many_rows()
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > limit and any(cell not in (None, "") for cell in row):
                raise _too_many_rows()
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(_("The file is not a readable XLSX workbook.")) from error
    finally:
        workbook.close()
    return rows


def _blank(row):
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _sheet(table):
    first = 0
    while first < len(table) and _blank(table[first]):
        first += 1
    table = table[first:]
    if not table:
        raise FileRefused(_("The file is empty."))
    lookup = heading_lookup()
    columns, errors = [], []
    for cell in table[0]:
        try:
            heading = normalise(cell)
        except CellError as error:
            errors.append((1, "", error.message))
            columns.append(None)
            continue
        if not heading:
            columns.append(None)
            continue
        key = lookup.get(heading_key(heading))
        if key is None:
            errors.append((1, "", _("Unknown column «%(heading)s»: use the headings of the "
                                    "template.") % {"heading": heading}))
        elif key in columns:
            errors.append((1, key, _("The column «%(heading)s» appears twice.") % {
                "heading": heading}))
            key = None
        columns.append(key)
    missing = [key for key, column in COLUMNS_BY_KEY.items()
               if column.required and key not in columns]
    if missing and not errors:
        raise FileRefused(_("The first row must hold the column headings; missing: "
                            "%(columns)s. Download the template to see them.") % {
            "columns": ", ".join(f"«{COLUMNS_BY_KEY[key].heading}»" for key in missing)})
    for key in missing:
        errors.append((1, key, _("The column is missing.")))
    rows = []
    for number, row in enumerate(table[1:], 2):
        if _blank(row):
            continue
        cells = {}
        for key, cell in zip(columns, row, strict=False):
            if key is not None:
                cells[key] = cell
        if len(row) > len(columns) and not _blank(row[len(columns):]):
            errors.append((number, "", _("The row has values beyond the last heading.")))
        rows.append((number, cells))
    if len(rows) > conf.import_max_rows():
        raise _too_many_rows()
    return Sheet(columns=[key for key in columns if key], rows=rows, errors=errors)
