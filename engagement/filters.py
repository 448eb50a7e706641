"""Filters of the event listing (and so of its exports)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from engagement.dates import DayRangeFilter
from engagement.models import DISTRICT_KINDS, CountKind, Event, EventStatus, Place, Project
from engagement.models.i18n import default_language_code, localized_names
from engagement.services.scope import get_scope


class LocalizedModelChoiceField(django_filters.fields.ModelChoiceField):
    """Canonical projects or places, labelled in the admin user's language."""

    def label_from_instance(self, obj):
        if not hasattr(self, "_names"):
            self._names = localized_names(type(obj))
        return self._names.get(obj.pk, str(obj))


class LocalizedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = LocalizedModelChoiceField


def projects_for(request):
    projects = Project.objects.party().filter(locale__language_code=default_language_code())
    ids = get_scope(request.user).project_ids if request else None
    projects = projects if ids is None else projects.filter(pk__in=ids)
    return projects.in_localized_name_order()


def districts_for(request):
    districts = Place.objects.filter(
        locale__language_code=default_language_code(), kind__in=DISTRICT_KINDS
    )
    ids = get_scope(request.user).district_ids if request else None
    districts = districts if ids is None else districts.filter(pk__in=ids)
    return districts.in_localized_name_order()


class EventFilterSet(WagtailFilterSet):
    project = LocalizedModelChoiceFilter(label=_("Project"), queryset=projects_for)
    district = LocalizedModelChoiceFilter(label=_("District or city"), queryset=districts_for)
    start = DayRangeFilter(label=_("Date"), method="filter_start")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventStatus.choices, method="filter_status",
        empty_label=_("All"), widget=forms.RadioSelect,
    )
    count_kind = django_filters.ChoiceFilter(
        label=_("How participants were counted"), choices=CountKind.choices,
        empty_label=_("All"), widget=forms.RadioSelect,
    )

    class Meta:
        model = Event
        fields = ["project", "district", "start", "status", "count_kind"]

    def filter_start(self, queryset, name, value):
        # The range's bounds are midnights in the admin's time zone; the days they name are
        # taken as days in the region, whatever the admin's own time zone is.
        first_day = value.start.date() if value and value.start else None
        last_day = value.stop.date() if value and value.stop else None
        return queryset.starting_between(first_day, last_day)

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
