"""GET filters of the calendar: ``?project=<slug>&district=<slug>&month=2026-12``.

Projects and districts are named by slug (the same in every language) and may repeat;
``year`` is ``YYYY``, ``month`` is ``YYYY-MM`` (Almaty years and months) and ``day``
``YYYY-MM-DD``; ``status=held`` keeps only the events the statistics count (published, not
cancelled, started), so that a figure of the statistics page and the list it links to agree.
The same parameters work on the list, the month view (which takes its month from the path) and
the iCal feed, so any page (the statistics page, say) can link to a filtered list of events.
An invalid value is named in a notice and ignored; the valid ones still apply.
"""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from engagement.stats.counting import local_midnight, next_month
from engagement.stats.forms import FIRST_YEAR, LAST_YEAR, SlugsField

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: ``?status=held``: the events the statistics count.
HELD = "held"


def parse_month(value):
    """``"2026-12"`` → ``date(2026, 12, 1)``; ``ValueError`` for anything else."""
    match = MONTH.match(value or "")
    if not match:
        raise ValueError(value)
    return datetime.date(int(match[1]), int(match[2]), 1)


class CalendarFilterForm(forms.Form):
    """Project, district, year, month, held or all (and a day, from the month view's day
    links)."""

    project = SlugsField(label=_("Project"), required=False)
    district = SlugsField(label=_("District or city"), required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year as four digits, e.g. 2021.")},
    )
    month = forms.CharField(label=_("Month"), required=False)
    status = forms.ChoiceField(
        label=_("Events"), required=False,
        choices=[("", _("All events")), (HELD, _("Held, as the statistics count them"))],
        error_messages={"invalid_choice": _("There is no such choice: “%(value)s”.")},
    )
    day = forms.DateField(
        label=_("Day"), required=False, input_formats=["%Y-%m-%d"],
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Enter a day as YYYY-MM-DD, e.g. 2026-12-05.")},
    )

    def __init__(self, data=None, *, catalogue, months=(), **kwargs):
        super().__init__(data, **kwargs)
        self.catalogue = catalogue
        self.projects = {entry.slug: entry for entry in catalogue.projects.values()}
        self.districts = {entry.slug: entry for entry in catalogue.districts.values()}
        self.fields["project"].choices = [("", _("All projects"))] + [
            (slug, entry.name) for slug, entry in self.projects.items()
        ]
        self.fields["district"].choices = [("", _("All districts"))] + [
            (slug, entry.name) for slug, entry in self.districts.items()
        ]
        self.fields["year"].widget = forms.Select(
            choices=[("", _("All years"))] + [
                (year, str(year)) for year in sorted({month.year for month in months},
                                                     reverse=True)
            ]
        )
        self.fields["month"].widget = forms.Select(
            choices=[("", _("All months"))] + [
                (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT"))
                for month in months
            ]
        )

    def select_fields(self, hide_month=False):
        """``[(bound field, [(value, label, selected)])]`` of the visible selects
        (``hide_month``: without the year and the month, which the month view's path gives).

        The template writes the options itself: Django renders each option of a select through
        a template of its own, which for a few hundred months and places cost more than the
        whole rest of the page.
        """
        fields = []
        for name in ("project", "district", "year", "month", "status"):
            if name in ("year", "month") and hide_month:
                continue
            bound = self[name]
            value = bound.value()
            chosen = {str(item) for item in value} if isinstance(value, list) else {
                str(value or "")}
            fields.append((bound, [
                (choice, label, str(choice) in chosen)
                for choice, label in bound.field.widget.choices
            ]))
        return fields

    def _clean_slugs(self, name, allowed, message):
        values = self.cleaned_data.get(name) or []
        unknown = [value for value in values if value not in allowed]
        if unknown:
            raise forms.ValidationError([message % {"value": value} for value in unknown])
        return [allowed[value] for value in values]

    def clean_project(self):
        return self._clean_slugs("project", self.projects, _("There is no project “%(value)s”."))

    def clean_district(self):
        return self._clean_slugs(
            "district", self.districts, _("There is no district or city “%(value)s”.")
        )

    def clean_month(self):
        value = self.cleaned_data.get("month")
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a month as YYYY-MM, e.g. 2026-12.")
            ) from None

    @property
    def valid_data(self):
        """The values that passed validation (invalid ones are left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def error_list(self):
        """``[(field label, message)]`` of every refused value."""
        return [
            (self.fields[name].label if name in self.fields else name, message)
            for name, messages in self.errors.items()
            for message in messages
        ]

    def is_filtered(self):
        return any(self.valid_data.get(name)
                   for name in ("project", "district", "year", "month", "day", "status"))

    @property
    def held_only(self):
        return self.valid_data.get("status") == HELD

    def apply(self, queryset, month=None, use_day=True):
        """``queryset`` narrowed to the valid filters; ``month`` (a date) overrides the form's
        month and year.

        ``use_day=False`` ignores ``day`` (the month view and the feeds show whole months).
        """
        data = self.valid_data
        if data.get("status") == HELD:
            # As the statistics count (engagement.stats.counting): not cancelled, started.
            queryset = queryset.filter(cancelled=False, start__lte=timezone.now())
        if data.get("project"):
            queryset = queryset.filter(project_id__in=[entry.pk for entry in data["project"]])
        if data.get("district"):
            queryset = queryset.filter(district_id__in=[entry.pk for entry in data["district"]])
        month = month or data.get("month")
        day = data.get("day") if use_day else None
        if day and (month is None or (day.year, day.month) == (month.year, month.month)):
            first, last = day, day + datetime.timedelta(days=1)
        elif month:
            first, last = month, next_month(month)
        elif data.get("year"):
            first, last = datetime.date(data["year"], 1, 1), datetime.date(data["year"] + 1, 1, 1)
        else:
            return queryset
        return queryset.filter(start__gte=local_midnight(first), start__lt=local_midnight(last))

    def params(self, *, month=True, day=True):
        """The valid filters as ``[(name, value)]``, for links that keep them."""
        data = self.valid_data
        params = [("project", entry.slug) for entry in data.get("project") or ()]
        params += [("district", entry.slug) for entry in data.get("district") or ()]
        if month and data.get("year"):
            params.append(("year", str(data["year"])))
        if month and data.get("month"):
            params.append(("month", data["month"].strftime("%Y-%m")))
        if day and data.get("day"):
            params.append(("day", data["day"].isoformat()))
        if data.get("status"):
            params.append(("status", data["status"]))
        return params

    def query_string(self, **options):
        params = self.params(**options)
        return f"?{urlencode(params)}" if params else ""
