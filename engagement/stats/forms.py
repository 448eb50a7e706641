"""GET filters of the statistics page and the open-data endpoints.

Projects and districts are named by slug (the same in every language) and may be repeated
(``?project=a&project=b``); ``year`` is a four-digit year. HTML pages show the invalid values
in a notice and ignore them; the JSON endpoints answer 400 with the same messages.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.models import CountKind, EventStatus

from .service import StatsQuery

FIRST_YEAR, LAST_YEAR = 2000, 2100


class SlugSelect(forms.Select):
    """A single-choice select whose value is read as a list, so that a parameter may repeat."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [value for value in values if value not in (None, "")]


class SlugsField(forms.MultipleChoiceField):
    """Slugs, checked by the form against what exists and what the user's scope allows."""

    widget = SlugSelect

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class StatisticsFilterForm(forms.Form):
    """Project, district and year: the filters of the public statistics page."""

    project = SlugsField(label=_("Project"), required=False)
    district = SlugsField(label=_("District or city"), required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year as four digits, e.g. 2021.")},
    )

    def __init__(self, data=None, *, catalogue, scope=None, years=(), **kwargs):
        super().__init__(data, **kwargs)
        self.catalogue = catalogue
        self.scope = scope
        project_ids = None if scope is None else scope.project_ids
        district_ids = None if scope is None else scope.district_ids
        self.projects = {
            entry.slug: entry for entry in catalogue.projects.values()
            if project_ids is None or entry.pk in project_ids
        }
        self.districts = {
            entry.slug: entry for entry in catalogue.districts.values()
            if district_ids is None or entry.pk in district_ids
        }
        self.fields["project"].choices = [("", _("All projects"))] + [
            (slug, entry.name) for slug, entry in self.projects.items()
        ]
        self.fields["district"].choices = [("", _("All districts"))] + [
            (slug, entry.name) for slug, entry in self.districts.items()
        ]
        self.fields["year"].widget = forms.Select(
            choices=[("", _("All years"))] + [(year, str(year)) for year in years]
        )

    # Refusals name the value and say why; slugs outside an organiser's scope are told apart
    # from slugs that do not exist.
    def _clean_slugs(self, name, allowed, known, unknown_message, outside_message):
        values = self.cleaned_data.get(name) or []
        errors = []
        for value in values:
            if value in allowed:
                continue
            if value in known:
                errors.append(outside_message % {"value": value})
            else:
                errors.append(unknown_message % {"value": value})
        if errors:
            raise forms.ValidationError(errors)
        return [allowed[value].pk for value in values]

    def clean_project(self):
        known = {entry.slug for entry in self.catalogue.projects.values()}
        return self._clean_slugs(
            "project", self.projects, known,
            _("There is no project “%(value)s”."),
            _("The project “%(value)s” is outside your scope."),
        )

    def clean_district(self):
        known = {entry.slug for entry in self.catalogue.districts.values()}
        return self._clean_slugs(
            "district", self.districts, known,
            _("There is no district or city “%(value)s”."),
            _("The district or city “%(value)s” is outside your scope."),
        )

    @property
    def valid_data(self):
        """The values that passed validation (invalid ones are left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def query(self, **options):
        """The :class:`StatsQuery` of the valid values; ``options`` set its other fields."""
        data = self.valid_data
        year = data.get("year")
        period = {}
        if year:
            period = {
                "first_day": datetime.date(year, 1, 1), "last_day": datetime.date(year, 12, 31)
            }
        return StatsQuery(
            projects=frozenset(data.get("project") or ()),
            districts=frozenset(data.get("district") or ()),
            **period,
            **options,
        )

    def error_list(self):
        """``[(field label, message)]`` of every refused value."""
        return [
            (self.fields[name].label if name in self.fields else name, message)
            for name, messages in self.errors.items()
            for message in messages
        ]

    def error_dict(self):
        """``{parameter: [message]}``, for JSON."""
        return {name: [str(message) for message in messages]
                for name, messages in self.errors.items()}

    def is_filtered(self):
        data = self.valid_data
        return any(data.get(name) for name in ("project", "district", "year"))


class StatisticsDataForm(StatisticsFilterForm):
    """The page's filters, plus how the participants were counted and held or all events."""

    count_kind = forms.MultipleChoiceField(
        label=_("How participants were counted"), required=False, choices=CountKind.choices,
        widget=forms.SelectMultiple,
        error_messages={"invalid_choice": _("Unknown count kind “%(value)s”.")},
    )
    status = forms.ChoiceField(
        label=_("Events"), required=False,
        choices=[("held", _("held events")), ("all", _("all published events"))],
        error_messages={"invalid_choice": _("Unknown status “%(value)s”: use held or all.")},
    )

    def query(self, **options):
        data = self.valid_data
        options.setdefault("count_kinds", frozenset(data.get("count_kind") or ()))
        options.setdefault("held_only", data.get("status") != "all")
        return super().query(**options)


class EventDataForm(StatisticsFilterForm):
    """Filters and pagination of the open-data list of events."""

    count_kind = StatisticsDataForm.base_fields["count_kind"]
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=EventStatus.choices,
        error_messages={"invalid_choice": _(
            "Unknown status “%(value)s”: use planned, held or cancelled."
        )},
    )
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1,
        error_messages={"invalid": _("Enter a page number.")},
    )

    def __init__(self, *args, max_page_size=1000, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_size"] = forms.IntegerField(
            label=_("Page size"), required=False, min_value=1, max_value=max_page_size,
            error_messages={"invalid": _("Enter a whole number of events per page.")},
        )
