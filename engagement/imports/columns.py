"""The columns of an events spreadsheet: their keys, headings in each language, meanings.

A file's heading row may use the headings of any of the site's languages (kk, ru, en) or the
column keys themselves, in any order and any letter case; unknown headings are an error (a
misspelt heading would otherwise drop a whole column silently).
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .values import heading_key

#: The languages whose headings are accepted and shown in the template.
HEADING_LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Column:
    key: str
    heading: Promise
    meaning: Promise
    example: str
    required: bool = False

    def headings(self):
        """``{language: heading}`` in each of :data:`HEADING_LANGUAGES`."""
        found = {}
        for code in HEADING_LANGUAGES:
            with translation.override(code):
                found[code] = str(self.heading)
        return found


COLUMNS = (
    Column("external_id", pgettext_lazy("import column", "External ID"),
           _("Optional. Your own identifier of the event; importing the file again updates the "
             "event with this identifier instead of adding another."), "TLG-2024-017"),
    Column("title", pgettext_lazy("import column", "Title"),
           _("Required. The name of the event."), "Ардагерлермен кездесу", required=True),
    Column("project", pgettext_lazy("import column", "Project"),
           _("Required. The party project, named in any language."), "Бақытты отбасы",
           required=True),
    Column("district", pgettext_lazy("import column", "District or city"),
           _("Required. The district or city of regional significance, named in any language "
             "or by its KATO code."), "Талғар ауданы", required=True),
    Column("settlement", pgettext_lazy("import column", "Settlement"),
           _("Optional. A rural district or settlement inside the district, by name or KATO "
             "code."), ""),
    Column("start", pgettext_lazy("import column", "Start"),
           _("Required. Date and optional time at the venue: 05.03.2021 10:00 or 2021-03-05 "
             "10:00; a date cell of Excel is read as it is."), "10.05.2024 10:00",
           required=True),
    Column("end", pgettext_lazy("import column", "End"),
           _("Optional. Like the start; a date without a time means the end of that day, an "
             "empty cell the start's time."), "10.05.2024 12:00"),
    Column("venue_address", pgettext_lazy("import column", "Venue address"),
           _("Optional. Where the event takes place."), "Талғар, Абай көшесі, 1"),
    Column("format", pgettext_lazy("import column", "Format"),
           _("Optional. In person, online or hybrid (in any language); in person if empty."),
           "in person"),
    Column("participants", pgettext_lazy("import column", "Participants"),
           _("Optional. How many people took part, a whole number (1 200 or 1200); only for an "
             "event that has taken place."), "120"),
    Column("count_kind", pgettext_lazy("import column", "How participants were counted"),
           _("Needed with participants: estimated, registered or verified (in any language)."),
           "registered"),
    Column("participants_youth", pgettext_lazy("import column", "Of whom young people"),
           _("Optional. Part of the participants; the groups together may not exceed them."),
           "40"),
    Column("participants_veterans", pgettext_lazy("import column", "Of whom veterans"),
           _("Optional. Part of the participants."), "30"),
    Column("participants_families", pgettext_lazy("import column", "Of whom families"),
           _("Optional. Part of the participants."), ""),
    Column("participants_disabilities",
           pgettext_lazy("import column", "Of whom people with disabilities"),
           _("Optional. Part of the participants."), ""),
    Column("participants_other", pgettext_lazy("import column", "Of whom others"),
           _("Optional. Part of the participants."), ""),
    Column("confirm_large_headcount", pgettext_lazy("import column", "Large headcount confirmed"),
           _("Write “yes” when more participants than the usual limit took part and the "
             "number is right."), ""),
    Column("cancelled", pgettext_lazy("import column", "Cancelled"),
           _("Optional. Yes if the event was cancelled; then give the reason."), "no"),
    Column("cancellation_reason", pgettext_lazy("import column", "Reason for cancellation"),
           _("Needed for a cancelled event."), ""),
    Column("description", pgettext_lazy("import column", "Description"),
           _("Optional. Plain text; an empty line starts a new paragraph."), ""),
)

COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def heading_lookup():
    """``{normalised heading: column key}`` for every accepted heading."""
    lookup = {}
    for column in COLUMNS:
        lookup[heading_key(column.key)] = column.key
        for heading in column.headings().values():
            lookup[heading_key(heading)] = column.key
    return lookup


def label(key):
    """The heading of column ``key`` in the active language."""
    return str(COLUMNS_BY_KEY[key].heading)
