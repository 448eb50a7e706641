"""Filters of the admin statistics report: period, project, district, count kind, held or all.

Projects and districts are limited to the user's scope with the events listing's own choice
helpers (``engagement.filters``); a value outside the scope is an invalid choice, reported and
ignored. The filter set only validates: the report hands its values to the statistics service.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from engagement.dates import DayRangeFilter
from engagement.filters import LocalizedModelChoiceFilter, districts_for, projects_for
from engagement.models import CountKind, Event

from .service import StatsQuery


class StatisticsReportFilterSet(WagtailFilterSet):
    period = DayRangeFilter(label=_("Period"), method="keep")
    project = LocalizedModelChoiceFilter(
        label=_("Project"), queryset=projects_for, method="keep"
    )
    district = LocalizedModelChoiceFilter(
        label=_("District or city"), queryset=districts_for, method="keep"
    )
    count_kind = django_filters.ChoiceFilter(
        label=_("How participants were counted"), choices=CountKind.choices,
        empty_label=_("All"), widget=forms.RadioSelect, method="keep",
    )
    status = django_filters.ChoiceFilter(
        label=_("Events"), choices=[("all", _("all published events, planned included"))],
        empty_label=_("held events"), widget=forms.RadioSelect, method="keep",
    )

    class Meta:
        model = Event
        fields = []

    def keep(self, queryset, name, value):
        return queryset

    def query(self):
        """The :class:`StatsQuery` of the valid values (invalid ones are left out)."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        period = data.get("period")
        project, district = data.get("project"), data.get("district")
        return StatsQuery(
            projects=frozenset({project.pk}) if project else frozenset(),
            districts=frozenset({district.pk}) if district else frozenset(),
            first_day=period.start.date() if period and period.start else None,
            last_day=period.stop.date() if period and period.stop else None,
            count_kinds=frozenset({data["count_kind"]}) if data.get("count_kind") else frozenset(),
            held_only=data.get("status") != "all",
        )
