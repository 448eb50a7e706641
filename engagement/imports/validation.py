"""Each row of a sheet checked as the event form checks an event, without a query per row.

A row becomes the field values of an event (:class:`CheckedRow`) or a list of
:class:`RowError`: row number, column and a translated reason. The model's own rules
(:meth:`engagement.models.Event.clean`: end after start, a reason for a cancellation, the
settlement inside the district, the breakdown not above the headcount, no headcount for a
future event, the plausibility bound) run on an unsaved event; the form's rules (organiser
scope, the confirmation of a large headcount) are repeated here with the form's wording.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from engagement import conf
from engagement.models import BREAKDOWN_FIELDS, CountKind, Event, EventFormat
from engagement.services.scope import get_scope

from .columns import COLUMNS_BY_KEY, HEADING_LANGUAGES
from .references import References
from .values import (
    CellError,
    name_key,
    normalise,
    read_venue_datetime,
    read_whole_number,
    read_yes_no,
)

EXTERNAL_ID_MAX = 80
#: ``source_key`` prefixes of imported events: by the file's own id, or by what identifies it.
BY_ID, BY_CONTENT = "import-id:", "import-key:"

#: The fields of an event an import writes (and compares, to tell unchanged from updated).
FIELDS = (
    "title", "project_id", "district_id", "settlement_id", "start", "end", "venue_address",
    "format", "participants", "count_kind", *BREAKDOWN_FIELDS, "cancelled",
    "cancellation_reason", "description",
)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # a column key, or "" for the row or file as a whole
    message: str
    value: str = ""


@dataclass
class CheckedRow:
    row: int
    key: str
    values: dict = field(default_factory=dict)


def _choices(enum):
    """``{spelling: value}`` of a TextChoices in every heading language, and its values."""
    from django.utils import translation

    found = {}
    for choice in enum:
        found[name_key(choice.value.replace("_", " "))] = choice.value
        for code in HEADING_LANGUAGES:
            with translation.override(code):
                found[name_key(str(choice.label))] = choice.value
    return found


def _paragraphs(text):
    """Plain text as the rich text of a description: escaped, one ``<p>`` per paragraph."""
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(
        "<p>{}</p>".format(escape(part).replace("\n", "<br/>")) for part in paragraphs
    )


class RowChecker:
    """Checks rows for one ``user`` (their scope) against the references loaded once."""

    def __init__(self, user):
        self.user = user
        self.scope = get_scope(user) if user is not None else None
        self.references = References()
        self.formats = _choices(EventFormat)
        self.count_kinds = _choices(CountKind)
        self.plausible_max = conf.plausible_participants_max()
        self.seen_keys = {}

    def check(self, number, cells):
        """A :class:`CheckedRow`, or the list of :class:`RowError` of the row."""
        errors = []
        values = {}

        def read(column, reader, *args):
            raw = cells.get(column)
            try:
                return reader(raw, *args)
            except CellError as error:
                errors.append(RowError(number, column, str(error.message), _shown(raw)))
                return None

        def required(column, value):
            if value in (None, "") and not any(error.column == column for error in errors):
                errors.append(RowError(number, column, str(_("This cell is required."))))
            return value

        external_id = read("external_id", normalise)
        values["title"] = required("title", read("title", normalise))
        project = required("project", read("project", self.references.project))
        district = required("district", read("district", self.references.district))
        settlement = read("settlement", self.references.settlement, district) if district else None
        start = read("start", _moment)
        required("start", start)
        end = read("end", _moment, True) if cells.get("end") not in (None, "") else None
        values["venue_address"] = read("venue_address", normalise) or ""
        values["description"] = _paragraphs(read("description", normalise, True) or "")
        values["format"] = read("format", self._choice, self.formats) or EventFormat.IN_PERSON
        values["count_kind"] = read("count_kind", self._choice, self.count_kinds) or ""
        for name in ("participants", *BREAKDOWN_FIELDS):
            values[name] = read(name, read_whole_number)
        values["cancelled"] = bool(read("cancelled", read_yes_no))
        values["cancellation_reason"] = read("cancellation_reason", normalise, True) or ""
        confirmed = read("confirm_large_headcount", read_yes_no)
        for name in ("title", "venue_address"):
            limit = Event._meta.get_field(name).max_length
            if values[name] and len(values[name]) > limit:
                errors.append(RowError(number, name, str(
                    _("At most %(max)s characters (this has %(count)s).")
                    % {"max": limit, "count": len(values[name])})))
        if external_id and len(external_id) > EXTERNAL_ID_MAX:
            errors.append(RowError(number, "external_id", str(
                _("At most %(max)s characters.") % {"max": EXTERNAL_ID_MAX})))
        if errors:
            return errors

        values["start"] = start[0]
        values["end"] = end[0] if end else start[0]
        if end is None and not start[1]:
            values["end"] = start[0].replace(hour=23, minute=59)
        values.update(project_id=project.pk, district_id=district.pk,
                      settlement_id=settlement.pk if settlement else None)
        if self.scope is not None and not self.scope.allows(project.pk, district.pk):
            return [RowError(number, "district", str(_(
                "You may only log events of your own projects and districts: %(project)s in "
                "this district is outside your scope."
            ) % {"project": self.references.project_names.get(project.pk, project.name)}))]
        errors = self._model_errors(number, values, project, district, settlement)
        participants = values["participants"]
        if (participants is not None and participants > self.plausible_max and not confirmed
                and not any(error.column == "participants" for error in errors)):
            errors.append(RowError(number, "participants", str(_(
                "More than %(max)s participants is unusual: check the number and write “yes” "
                "in the column «%(column)s» if it is right."
            ) % {"max": self.plausible_max,
                 "column": COLUMNS_BY_KEY["confirm_large_headcount"].heading})))
        if errors:
            return errors
        key = self._key(external_id, values)
        if key in self.seen_keys:
            return [RowError(number, "external_id" if external_id else "", str(_(
                "The same event as row %(row)s (same external ID, or same project, district, "
                "start and title)."
            ) % {"row": self.seen_keys[key]}))]
        self.seen_keys[key] = number
        return CheckedRow(number, key, values)

    def _choice(self, value, choices):
        text = normalise(value)
        if not text:
            return None
        try:
            return choices[name_key(text)]
        except KeyError:
            raise CellError(_("«%(value)s» is not one of the choices.") % {"value": text}) \
                from None

    def _model_errors(self, number, values, project, district, settlement):
        event = Event(**{name: value for name, value in values.items()
                         if not name.endswith("_id")})
        event.project, event.district, event.settlement = project, district, settlement
        try:
            event.clean()
        except ValidationError as error:
            return [
                RowError(number, _column_of(name), str(message))
                for name, messages in error.message_dict.items() for message in messages
            ]
        return []

    @staticmethod
    def _key(external_id, values):
        if external_id:
            return BY_ID + external_id
        identity = "|".join((
            str(values["project_id"]), str(values["district_id"]), values["start"].isoformat(),
            name_key(values["title"]),
        ))
        return BY_CONTENT + hashlib.sha256(identity.encode()).hexdigest()[:40]


def _moment(value, end_of_day=False):
    if value is None or value == "":
        return None
    return read_venue_datetime(value, end_of_day=end_of_day)


def _column_of(field_name):
    return field_name if field_name in COLUMNS_BY_KEY else ""


def _shown(raw):
    """The cell as the report quotes it: control characters made visible, cut short."""
    if raw is None:
        return ""
    text = str(raw)
    text = "".join(f"U+{ord(c):04X}" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text)
    return text[:80]
