"""Dates and times as people in Kazakhstan type them: ``28.11.2026`` and ``28.11.2026 10:00``.

The form fields here accept that convention and ISO (``2026-11-28``, ``2026-11-28 10:00``),
whatever the admin user's language; anything else, including a day that does not exist
(``31.02.2026``), is a form error in the user's language, never another value. The widgets are
Wagtail's date pickers showing that convention and told not to rewrite what was typed when
the field loses focus (the picker's ``validateOnBlur`` replaces text it cannot read with the
current time). The expected format is shown in the field's help text, not in a placeholder.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

#: How dates and times are shown in forms (and so in the admin's pickers).
DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
TIME_FORMAT = "%H:%M"
#: What the fields read: the Kazakhstan convention first, then ISO.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
]

_EXAMPLE = datetime.datetime(2026, 11, 28, 10, 0)
DATE_EXAMPLE = _EXAMPLE.strftime(DATE_FORMAT)
DATETIME_EXAMPLE = _EXAMPLE.strftime(DATETIME_FORMAT)

DATE_HINT = format_lazy(_("Format: {example}"), example=DATE_EXAMPLE)
DATETIME_HINT = format_lazy(_("Format: {example}"), example=DATETIME_EXAMPLE)
DATE_INVALID = format_lazy(_("Enter a date like {example}."), example=DATE_EXAMPLE)
DATETIME_INVALID = format_lazy(
    _("Enter a date and time like {example}."), example=DATETIME_EXAMPLE
)


def _with_hint(help_text, hint):
    return format_lazy("{} {}", help_text, hint) if help_text else hint


class DayInput(AdminDateInput):
    """Wagtail's date picker in ``dd.mm.yyyy`` that leaves typed text alone on blur."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or DATE_FORMAT)

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DayTimeInput(AdminDateTimeInput):
    """Wagtail's date-time picker in ``dd.mm.yyyy HH:MM`` that leaves typed text alone."""

    def __init__(self, attrs=None, format=None, time_format=None, **kwargs):
        super().__init__(
            attrs=attrs, format=format or DATETIME_FORMAT,
            time_format=time_format or TIME_FORMAT, **kwargs,
        )

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DayField(forms.DateField):
    """A date typed as ``28.11.2026`` or ``2026-11-28``."""

    widget = DayInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": DATE_INVALID}

    def __init__(self, *, input_formats=None, help_text="", **kwargs):
        super().__init__(
            input_formats=input_formats or DATE_INPUT_FORMATS,
            help_text=_with_hint(help_text, DATE_HINT),
            **kwargs,
        )


class DayTimeField(forms.DateTimeField):
    """A date and time typed as ``28.11.2026 10:00`` or ``2026-11-28 10:00``, read in the
    current time zone (a time that does not exist there or happens twice is refused).

    A date without a time is refused rather than taken as midnight.
    """

    widget = DayTimeInput
    default_error_messages = {"invalid": DATETIME_INVALID}

    def __init__(self, *, input_formats=None, help_text="", **kwargs):
        super().__init__(
            input_formats=input_formats or DATETIME_INPUT_FORMATS,
            help_text=_with_hint(help_text, DATETIME_HINT),
            **kwargs,
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value if timezone.is_aware(value) else self._aware(value)
        if isinstance(value, datetime.date):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = str(value).strip()
        for input_format in self.input_formats:
            try:
                parsed = datetime.datetime.strptime(text, input_format)
            except (ValueError, TypeError):
                continue
            return self._aware(parsed)
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def _aware(self, value):
        return forms.utils.from_current_timezone(value)


class DayRangeField(django_filters.fields.DateRangeField):
    """A "from – to" pair of :class:`DayField` s, for listing filters; the format is its hint."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(*args, **kwargs)
        self.fields = (DayField(required=False), DayField(required=False))
        for field in self.fields:
            field.help_text = ""


class DayRangeWidget(DateRangePickerWidget):
    """Wagtail's "from / to" pickers in ``dd.mm.yyyy``, each bound labelled, not only by its
    placeholder."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [
            DayInput(attrs={"placeholder": _("From"), "aria-label": _("From")}),
            DayInput(attrs={"placeholder": _("Until"), "aria-label": _("Until")}),
        ]


class DayRangeFilter(django_filters.DateFromToRangeFilter):
    """A listing filter on a period typed as ``dd.mm.yyyy`` (or ISO)."""

    field_class = DayRangeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DayRangeWidget)
        super().__init__(*args, **kwargs)


class DayBlock(blocks.DateBlock):
    """A StreamField date typed as ``28.11.2026`` (or ISO).

    It stores what :class:`~wagtail.blocks.DateBlock` stores, and migrations see a DateBlock:
    only the admin form differs, so changing a block to this one needs no migration.
    """

    canonical_module_path = "wagtail.blocks.DateBlock"

    @cached_property
    def field(self):
        options = dict(self.field_options)
        options.setdefault("widget", DayInput())
        return DayField(**options)
