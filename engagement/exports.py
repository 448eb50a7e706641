"""Safe spreadsheet exports for admin listings.

Wagtail's ``SpreadsheetExportMixin`` writes what it is given. Exports of content typed by many
people need two guards on top:

* a text cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return, which
  some programs skip before reading a formula) is prefixed with an apostrophe, so that no
  spreadsheet program runs it as a formula; numbers are left alone and stay numbers;
* an XLSX file holds at most 1,048,576 rows: a larger export is refused with a message instead
  of producing a file that Excel truncates or refuses to open.
"""

from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.formats import number_format
from django.utils.translation import gettext as _

#: Characters that make a spreadsheet program read a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Excel's limit is 1,048,576 rows; one of them is the heading.
XLSX_MAX_ROWS = 1_048_575


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


class SafeSpreadsheetExportMixin:
    """Mixin for Wagtail index views with ``list_export``: formula guard and XLSX row limit."""

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response.streaming_content = in_language(
            response.streaming_content, translation.get_language()
        )
        return response

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value)

    def get_heading(self, queryset, field):
        return neutralise(force_str(super().get_heading(queryset, field)))

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
