"""Safe spreadsheet exports for admin listings.

Wagtail's ``SpreadsheetExportMixin`` writes what it is given. Exports of content typed by many
people, opened in Excel or LibreOffice by people who did not type it, need more on top:

* CSV: a text cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return,
  which some programs skip before reading a formula) is prefixed with an apostrophe, so that no
  spreadsheet program runs it as a formula; numbers are left alone and stay numbers. The file
  starts with a UTF-8 byte-order mark: without it Excel on Windows reads Kazakh as mojibake.
* XLSX: text is written as text (a string cell, ``data_type`` ``"s"``), which no spreadsheet
  runs, so it keeps its exact value, without an apostrophe. The sheet has a translated name, a
  bold, frozen heading row with an autofilter and column widths that fit the data.
* an XLSX file holds at most 1,048,576 rows: a larger export is refused with a message instead
  of producing a file that Excel truncates or refuses to open.
* the file is named after the listing, the day and the filters that made it
  (``events-2026-12-01-youth.xlsx``), never after a person.
"""

import csv
import datetime
import re
from itertools import islice

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter

#: Characters that make a spreadsheet program read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Excel's limit is 1,048,576 rows; one of them is the heading.
XLSX_MAX_ROWS = 1_048_575

#: The byte-order mark that tells Excel a CSV file is UTF-8.
BOM = "\ufeff"

#: Shown next to the download buttons of every export.
FORMULA_POLICY = gettext_lazy(
    "In CSV, text that starts with = + - @ gets a leading ' so that spreadsheets do not run it "
    "as a formula; XLSX keeps text as text."
)

#: Column widths (in characters) are measured on this many rows, then kept between these bounds.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6, 50

_UNSAFE_IN_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9_.-]+")


def neutralise(value):
    """Return ``value`` unchanged unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def in_language(chunks, language):
    """Produce ``chunks`` with ``language`` active while each one is made.

    A streamed CSV is written after the view has returned, when the admin user's language is
    no longer active: headings and choice labels would come out in the site's default language.
    """
    iterator = iter(chunks)
    while True:
        with translation.override(language):
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def with_bom(chunks):
    yield BOM
    yield from chunks


def sheet_title(title):
    """A valid worksheet name: no ``\\ / * ? : [ ]``, at most 31 characters."""
    title = _UNSAFE_IN_SHEET_TITLE.sub(" ", force_str(title)).strip()
    return title[:31] or "Sheet1"


def filename_part(value):
    """A filter value as a piece of a file name: a slug, a code or a date, in ASCII."""
    if isinstance(value, Model):
        value = getattr(value, "slug", None) or value.pk
    elif isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    elif isinstance(value, slice):  # a date range
        return "-".join(filter(None, (filename_part(value.start), filename_part(value.stop))))
    return _UNSAFE_IN_FILENAME.sub("-", force_str(value)).strip("-.")[:40]


def _display_width(value):
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in force_str(value).splitlines()), default=0)


class SafeSpreadsheetExportMixin:
    """Mixin for Wagtail index views with ``list_export``: safe, readable CSV and XLSX files.

    Set ``export_sheet_title`` (translatable) for the name of the XLSX sheet and
    ``export_filename_filters`` for the filters whose values go into the file name.
    """

    #: The XLSX sheet's name, in the admin user's language.
    export_sheet_title = gettext_lazy("Export")
    #: Filters whose values are named in the file name; never a filter that names a person.
    export_filename_filters = ()

    # --- file name --------------------------------------------------------------------------

    def get_filename(self):
        parts = [self.export_filename, timezone.localdate().isoformat()]
        filters = getattr(self, "filters", None)
        if filters is not None and filters.form.is_valid():
            for name in self.export_filename_filters:
                value = filters.form.cleaned_data.get(name)
                if value not in (None, "", [], ()):
                    part = filename_part(value)
                    if part:
                        parts.append(part)
        return "-".join(parts)

    # --- CSV --------------------------------------------------------------------------------

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        response.streaming_content = in_language(
            with_bom(response.streaming_content), translation.get_language()
        )
        return response

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def get_heading(self, queryset, field):
        return force_str(super().get_heading(queryset, field))

    def stream_csv(self, queryset):
        # As Wagtail's, except that the heading row is guarded like the cells.
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: neutralise(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    # --- XLSX -------------------------------------------------------------------------------

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            yield cell

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=sheet_title(self.export_sheet_title))
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        date_format = ExcelDateFormatter().get()

        items = iter(queryset)
        sample = [self.to_row_dict(item) for item in islice(items, WIDTH_SAMPLE_ROWS)]
        for index, field in enumerate(self.list_export, start=1):
            widest = max(
                [len(headings[index - 1]) + 2,
                 *(_display_width(row[field]) + 1 for row in sample)]
            )
            worksheet.column_dimensions[get_column_letter(index)].width = min(
                max(widest, MIN_WIDTH), MAX_WIDTH
            )
        worksheet.freeze_panes = "A2"

        bold = Font(bold=True)
        heading_cells = []
        for heading in headings:
            cell = WriteOnlyCell(worksheet, heading)
            cell.data_type = "s"
            cell.font = bold
            heading_cells.append(cell)
        worksheet.append(heading_cells)

        rows = 0
        for row_dict in (*sample, *(self.to_row_dict(item) for item in items)):
            worksheet.append(self.generate_xlsx_row(worksheet, row_dict, date_format=date_format))
            rows += 1
        last_column = get_column_letter(max(len(self.list_export), 1))
        worksheet.auto_filter.ref = f"A1:{last_column}{rows + 1}"
        workbook.save(output)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if spreadsheet_format == self.FORMAT_XLSX:
            # Reports export lists, whose count() is not a row count.
            count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
            if count > XLSX_MAX_ROWS:
                messages.error(
                    self.request,
                    _("An XLSX file holds at most %(max)s rows and this listing has %(count)s. "
                      "Narrow it down with the filters, or download CSV instead.")
                    % {"max": number_format(XLSX_MAX_ROWS, force_grouping=True),
                       "count": number_format(count, force_grouping=True)},
                )
                params = self.request.GET.copy()
                params.pop("export", None)
                return redirect(f"{self.request.path}?{params.urlencode()}")
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["export_formula_policy"] = FORMULA_POLICY
        return context
