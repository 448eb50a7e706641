"""Dashboard panels: Wagtail's workflow panels without the events outside the user's scope."""

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
