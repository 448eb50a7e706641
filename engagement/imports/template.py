"""The downloadable template: the columns in the reader's language with an example row, and a
second sheet with every column's headings and meaning in kk, ru and en."""

import io

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .columns import COLUMNS, HEADING_LANGUAGES


def template_workbook():
    """The template as XLSX bytes (headings of the active language on the first sheet)."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    events = workbook.active
    events.title = str(_("Events"))[:31]
    events.append([str(column.heading) for column in COLUMNS])
    events.append([column.example for column in COLUMNS])
    for cell in events[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, 1):
        letter = openpyxl.utils.get_column_letter(index)
        events.column_dimensions[letter].width = max(14, len(str(column.heading)) + 2)
    events.freeze_panes = "A2"
    # Examples are text: a spreadsheet program must not turn "10.05.2024 10:00" into a number.
    for cell in events[2]:
        cell.number_format = "@"

    help_sheet = workbook.create_sheet(str(_("Columns"))[:31])
    header = []
    for code in HEADING_LANGUAGES:
        header += [f"{code}: {_('heading')}", f"{code}: {_('meaning')}"]
    help_sheet.append(header)
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        row = []
        for code in HEADING_LANGUAGES:
            with translation.override(code):
                row += [str(column.heading), str(column.meaning)]
        help_sheet.append(row)
    for index in range(1, len(header) + 1):
        width = 28 if index % 2 else 70
        help_sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
