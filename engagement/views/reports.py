"""The admin report of events and participants per project × district, with exports."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from engagement.collation import sort_key
from engagement.exports import SafeSpreadsheetExportMixin
from engagement.models import Event
from engagement.services.scope import get_scope
from engagement.stats import get_statistics, presentation
from engagement.stats.catalogue import Catalogue
from engagement.stats.filters import StatisticsReportFilterSet

from . import open_data

GROUP_COLUMNS = ("youth", "veterans", "families", "disabilities", "other")


@dataclass(frozen=True)
class ReportRow:
    """One project in one district (attributes are the export's columns)."""

    project: str
    district: str
    events: int
    participants: int
    youth: int
    veterans: int
    families: int
    disabilities: int
    other: int
    not_broken_down: int

    @classmethod
    def of(cls, project, district, figures):
        return cls(project, district, figures.events, figures.participants,
                   *figures.breakdown, figures.not_broken_down)


def _number_column(name, label):
    return Column(
        name, label=label, classname="w-text-right",
        accessor=lambda row: presentation.number(getattr(row, name)),
    )


class StatisticsReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Events and participants")
    header_icon = "table"
    index_url_name = "engagement_statistics_report"
    index_results_url_name = "engagement_statistics_report_results"
    results_template_name = "engagement/admin/statistics_report_results.html"
    filterset_class = StatisticsReportFilterSet
    any_permission_required = ["add", "change", "publish"]
    paginate_by = None
    export_filename = "events-and-participants"
    export_sheet_title = _("Events and participants")
    export_filename_filters = ("project", "district", "period", "status")
    list_export = [
        "project", "district", "events", "participants", *GROUP_COLUMNS, "not_broken_down",
    ]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Event)

    @cached_property
    def export_headings(self):
        return {
            "project": _("Project"),
            "district": _("District or city"),
            "events": _("Events"),
            "participants": _("Participants"),
            **dict(zip(GROUP_COLUMNS, presentation.BREAKDOWN_LABELS, strict=True)),
            "not_broken_down": presentation.NOT_BROKEN_DOWN_LABEL,
        }

    @cached_property
    def columns(self):
        return [
            Column("project", label=_("Project")),
            Column("district", label=_("District or city")),
            *(_number_column(name, self.export_headings[name]) for name in self.list_export[2:]),
        ]

    @cached_property
    def scope(self):
        scope = get_scope(self.request.user)
        return None if scope.unrestricted else scope

    @cached_property
    def statistics(self):
        return get_statistics(self.filters.query(), scope=self.scope)

    def get_queryset(self):
        catalogue = Catalogue()
        rows = [
            ReportRow.of(catalogue.project(project_id).name, catalogue.place(district_id).name,
                         figures)
            for (project_id, district_id), figures in self.statistics.by_project_district.items()
        ]
        language = translation.get_language()
        return sorted(rows, key=lambda row: (sort_key(row.project, language),
                                             sort_key(row.district, language)))

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["total"] = self.statistics.total
        context["refused"] = [
            (self.filters.form.fields[name].label, message)
            for name, messages in self.filters.form.errors.items() for message in messages
        ]
        context["definition"] = presentation.PARTICIPANTS_DEFINITION
        return context


@require_GET
def scoped_statistics_json(request):
    """The open-data statistics document, limited to the user's scope (admin only).

    A project or district outside the scope is a 400 that says so, like an unknown one.
    """
    if not policy_registry.get_by_type(Event).user_has_any_permission(
        request.user, ["add", "change", "publish"]
    ):
        raise PermissionDenied
    scope = get_scope(request.user)
    form, statistics, catalogue = open_data.statistics_data(
        request, scope=None if scope.unrestricted else scope
    )
    if statistics is None:
        return open_data.refused(form)
    response = open_data.json_response(
        open_data.statistics_document(statistics, catalogue, open_data.filters_of(form))
    )
    patch_cache_control(response, private=True, no_cache=True)
    return response


class StatisticsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Event).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


def report_menu_item():
    """``register_reports_menu_item`` hook."""
    return StatisticsReportMenuItem(
        _("Events and participants"), reverse("engagement_statistics_report"),
        name="engagement-statistics", icon_name="table", order=1200,
    )


def admin_urlpatterns():
    """``register_admin_urls`` hook: the report, its results fragment and the scoped JSON."""
    return [
        path("engagement/statistics/", StatisticsReportView.as_view(),
             name="engagement_statistics_report"),
        path("engagement/statistics/results/",
             StatisticsReportView.as_view(results_only=True),
             name="engagement_statistics_report_results"),
        path("engagement/statistics.json", scoped_statistics_json,
             name="engagement_statistics_json"),
    ]
