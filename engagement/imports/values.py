"""Cell values as organisers type them, read into Python values or refused with a reason.

Each ``read_*`` function returns the value or raises :class:`CellError` with a translated
reason. Text is normalised first (:func:`normalise`): NFC, trimmed, non-breaking and
zero-width spaces removed or made plain, so that a name copied from a web page matches.
"""

import datetime
import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagement import conf
from engagement.dates import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

# Spaces that look like a space (no-break, narrow no-break, figure, thin, ideographic ...).
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Characters that are invisible: zero-width space, joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_RUNS_OF_SPACE = re.compile(r"[ \t]+")
# Control characters (C0, DEL, C1) other than tab and line breaks: NUL among them. PostgreSQL
# refuses NUL in text, SQLite keeps it: both must see the same refusal before saving.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\r\n]")


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is the translated reason."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def normalise(value, multiline=False):
    """A cell as text: NFC, invisible characters removed, odd spaces made plain, trimmed.

    Raises :class:`CellError` for a control character (a NUL byte among them), and for a line
    break unless ``multiline``.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    control = _CONTROL.search(text)
    if control:
        raise CellError(_("The cell contains an invisible control character (%(code)s): "
                          "retype the value.") % {"code": f"U+{ord(control.group()):04X}"})
    if not multiline and _LINE_BREAK.search(text):
        raise CellError(_("The cell contains a line break: write the value on one line."))
    text = _INVISIBLE.sub("", _SPACES.sub(" ", unicodedata.normalize("NFC", text)))
    if multiline:
        return "\n".join(_RUNS_OF_SPACE.sub(" ", line).strip() for line in text.splitlines()
                         ).strip()
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def name_key(text):
    """How names are compared: case-folded, quotation marks and ё/е differences ignored."""
    text = text.casefold().replace("ё", "е")
    return re.sub(r"[«»\"“”„'’]", "", text).strip()


def heading_key(text):
    """How headings are compared: like names, also ignoring a trailing ``*`` and ``_``/space."""
    return name_key(normalise(str(text)).rstrip("*").replace("_", " ")).strip()


def _script(char):
    name = unicodedata.name(char, "")
    if name.startswith("LATIN"):
        return "Latin"
    if name.startswith("CYRILLIC"):
        return "Cyrillic"
    return None


def check_one_script(text):
    """Refuse a name that mixes Latin and Cyrillic letters (a Latin A in «Aлматы»).

    Such a name looks right and matches nothing; the reason names the letters of the smaller
    script and where they are.
    """
    letters = [(index, char, _script(char)) for index, char in enumerate(text, 1)]
    latin = [(index, char) for index, char, script in letters if script == "Latin"]
    cyrillic = [(index, char) for index, char, script in letters if script == "Cyrillic"]
    if not latin or not cyrillic:
        return
    latin_is_odd = len(latin) <= len(cyrillic)
    odd = (latin if latin_is_odd else cyrillic)[:3]
    if latin_is_odd:
        message = ngettext(
            "«%(name)s» mixes alphabets: %(letters)s is a Latin letter among Cyrillic ones. "
            "Type it again in Cyrillic.",
            "«%(name)s» mixes alphabets: %(letters)s are Latin letters among Cyrillic ones. "
            "Type it again in Cyrillic.",
            len(odd),
        )
    else:
        message = ngettext(
            "«%(name)s» mixes alphabets: %(letters)s is a Cyrillic letter among Latin ones. "
            "Type it again in Latin letters.",
            "«%(name)s» mixes alphabets: %(letters)s are Cyrillic letters among Latin ones. "
            "Type it again in Latin letters.",
            len(odd),
        )
    letters = ", ".join(
        str(_("“%(letter)s” (character %(position)s)") % {"letter": char, "position": index})
        for index, char in odd
    )
    raise CellError(message % {"name": text, "letters": letters})


def read_whole_number(value):
    """A headcount: ``1200``, ``1 200`` (any space as thousands separator) or a number cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Enter a whole number of people."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("Enter a whole number of people."))
        number = int(value)
    else:
        text = normalise(value).replace(" ", "")
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d+", text):
            raise CellError(_("Enter a whole number of people, like 1 200."))
        number = int(text)
    if number < 0:
        raise CellError(_("The number of people cannot be negative."))
    return number


YES = {"yes", "y", "true", "1", "иә", "ия", "да", "д", "+"}
NO = {"no", "n", "false", "0", "жоқ", "нет", "н", "-"}


def read_yes_no(value):
    """Yes or no in kk, ru or en (``иә``/``жоқ``, ``да``/``нет``, ``yes``/``no``), or a
    boolean cell; empty is no."""
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    text = name_key(normalise(value))
    if text in YES:
        return True
    if text in NO or not text:
        return False
    raise CellError(_("Write yes or no."))


def read_venue_datetime(value, end_of_day=False):
    """A date with an optional time at the venue (``ENGAGEMENT_EVENT_TIME_ZONE``).

    Returns ``(aware datetime, had a time)``. Accepts the formats of the event form
    (:mod:`engagement.dates`), a date alone, and the date cells of a spreadsheet. A date
    alone is midnight, or 23:59 with ``end_of_day``. A time that does not exist or happens
    twice at the venue is refused, as in the form.
    """
    zone = conf.event_time_zone()
    if isinstance(value, datetime.datetime):
        naive, has_time = value.replace(tzinfo=None), value.time() != datetime.time.min
    elif isinstance(value, datetime.date):
        naive, has_time = datetime.datetime.combine(value, datetime.time.min), False
    else:
        text = normalise(value)
        naive, has_time = _parse(text)
    if not has_time and end_of_day:
        naive = naive.replace(hour=23, minute=59)
    # The clocks' changes (Almaty's from +06 to +05 on 1 March 2024): the form's rule.
    if zone.utcoffset(naive.replace(fold=not naive.fold)) != zone.utcoffset(naive):
        raise CellError(_("This time does not exist at the venue or happens twice there; "
                          "give another."))
    return timezone.make_aware(naive, zone), has_time


# Written the right way round but naming a day no calendar has (31.02.2024, 2024-13-05).
_DATE_SHAPED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")


def _parse(text):
    text = text.replace(" в ", " ").replace("T", " ") if text else text
    for input_format in DATETIME_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text, input_format.replace("T", " ")), True
        except ValueError:
            continue
    for input_format in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text, input_format), False
        except ValueError:
            continue
    shaped = _DATE_SHAPED.match(text or "")
    if shaped:
        raise CellError(_("There is no such date: %(date)s. Check the day and the month.")
                        % {"date": shaped.group(0)})
    raise CellError(_("Enter a date like 05.03.2021 or 05.03.2021 10:00."))
