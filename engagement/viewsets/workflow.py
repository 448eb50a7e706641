"""Withdrawing an event from moderation: the organiser's name for Wagtail's "Cancel workflow".

Wagtail lets the user who submitted an object (and its reviewers) cancel its workflow; the
object goes back to draft and the audit log records ``wagtail.workflow.cancel`` with the user.
For events that action is called "Withdraw from moderation" and explained in the form: while
the event awaits moderation, those who may withdraw it read what withdrawing does; once it is
withdrawn, everyone who opens it (the moderators too) reads who withdrew it and when.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.admin.utils import get_user_display_name
from wagtail.models import WorkflowState
from wagtail.snippets.action_menu import CancelWorkflowMenuItem

from engagement import conf
from engagement.models import Event, EventLogEntry

CANCEL_ACTION = "wagtail.workflow.cancel"


class WithdrawMenuItem(CancelWorkflowMenuItem):
    """Wagtail's "Cancel workflow" (the same ``action-cancel-workflow``), named for events."""

    label = _("Withdraw from moderation")
    icon_name = "arrow-left"


def use_withdraw_menu_item(menu_items, request, context):
    """``construct_snippet_action_menu`` hook: events say "Withdraw from moderation"."""
    if context.get("model") is not Event:
        return
    for index, item in enumerate(menu_items):
        if isinstance(item, CancelWorkflowMenuItem) and not isinstance(item, WithdrawMenuItem):
            menu_items[index] = WithdrawMenuItem(order=item.order)


def latest_workflow_state(event):
    return (
        WorkflowState.objects.for_instance(event)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def withdrawal_entry(event):
    """The audit log entry of the event's withdrawal, if its latest workflow was withdrawn."""
    state = latest_workflow_state(event)
    if state is None or state.status != WorkflowState.STATUS_CANCELLED:
        return None
    return (
        EventLogEntry.objects.for_instance(event)
        .filter(action=CANCEL_ACTION, timestamp__gte=state.created_at)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )


def withdrawal_note(entry):
    """"Withdrawn from moderation by NAME on 01.12.2026 18:40." in the active language."""
    when = date_format(
        timezone.localtime(entry.timestamp, conf.event_time_zone()), "SHORT_DATETIME_FORMAT"
    )
    name = get_user_display_name(entry.user) if entry.user else gettext("an unknown user")
    return gettext("Withdrawn from moderation by %(name)s on %(time)s.") % {
        "name": name, "time": when,
    }


class ModerationNotePanel(Panel):
    """At the top of the event form: what withdrawing does, or who withdrew the event."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "engagement/admin/moderation_note_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.note = self._note()

        def _note(self):
            event = self.instance
            if event is None or not event.pk or self.request is None:
                return None
            state = latest_workflow_state(event)
            if state is None:
                return None
            if state.status in (WorkflowState.STATUS_IN_PROGRESS,
                                WorkflowState.STATUS_NEEDS_CHANGES):
                if not state.user_can_cancel(self.request.user):
                    return None
                return {
                    "kind": "awaiting",
                    "text": gettext(
                        "This event awaits moderation. To correct it, choose “Withdraw from "
                        "moderation” in the menu at the bottom: the event goes back to draft, "
                        "and you can correct it and submit it again."
                    ),
                }
            entry = withdrawal_entry(event)
            if entry is None:
                return None
            return {
                "kind": "withdrawn",
                "text": withdrawal_note(entry),
                "hint": gettext("The event is a draft again: correct it and submit it again."),
            }

        def is_shown(self):
            return self.note is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["note"] = self.note
            return context


def name_withdrawals_in_the_log(actions):
    """``register_log_actions`` hook, after Wagtail's: an event's cancelled workflow reads
    "Withdrawn from moderation" in its history (the user column says who)."""
    base = actions.formatters.get(CANCEL_ACTION)
    if base is None:
        return

    class CancelOrWithdrawFormatter(type(base)):
        def format_message(self, log_entry):
            if isinstance(log_entry, EventLogEntry):
                return gettext("Withdrawn from moderation")
            return super().format_message(log_entry)

    # Replaced in place: registering the action again would list it twice in the filters.
    actions.formatters[CANCEL_ACTION] = CancelOrWithdrawFormatter()
