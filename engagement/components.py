"""Dashboard panels: Wagtail's workflow panels without the events outside the user's scope, and
the statistics panel."""

from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from engagement.models import Event
from engagement.services.scope import get_scope


def _hidden(user, obj):
    return isinstance(obj, Event) and not get_scope(user).contains(obj)


class ScopedUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["workflow_states"] = [
            state for state in context["workflow_states"]
            if not _hidden(user, state.content_object)
        ]
        return context


class ScopedWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["states"] = [
            state for state in context["states"] if not _hidden(user, state["obj"])
        ]
        return context


SCOPED_PANELS = {
    UserObjectsInWorkflowModerationPanel: ScopedUserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel: ScopedWorkflowObjectsToModeratePanel,
}


def scope_homepage_panels(request, panels):
    """``construct_homepage_panels`` hook: swap Wagtail's workflow panels for scoped ones."""
    for index, panel in enumerate(panels):
        scoped = SCOPED_PANELS.get(type(panel))
        if scoped is not None:
            panels[index] = scoped()


class StatisticsPanel(Component):
    """Headline totals on the dashboard: events held and their participants, all time and this
    year, within the user's scope (organisers see their own projects and districts only)."""

    name = "engagement_statistics"
    order = 50
    template_name = "engagement/admin/statistics_panel.html"

    def get_context_data(self, parent_context):
        import datetime

        from django.urls import reverse
        from django.utils import timezone

        from engagement import conf
        from engagement.stats import StatsQuery, get_statistics, presentation

        user = parent_context["request"].user
        scope = get_scope(user)
        scope = None if scope.unrestricted else scope
        year = timezone.localtime(timezone.now(), conf.event_time_zone()).year
        return {
            "total": get_statistics(StatsQuery(), scope=scope).total,
            "this_year": get_statistics(
                StatsQuery(first_day=datetime.date(year, 1, 1),
                           last_day=datetime.date(year, 12, 31)),
                scope=scope,
            ).total,
            "year": year,
            "limited": scope is not None,
            "report_url": reverse("engagement_statistics_report"),
            "definition": presentation.PARTICIPANTS_DEFINITION,
        }


def add_statistics_panel(request, panels):
    """``construct_homepage_panels`` hook: the statistics panel for users who work on events."""
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Event)
    if policy.user_has_any_permission(request.user, ["add", "change", "publish"]):
        panels.append(StatisticsPanel())
