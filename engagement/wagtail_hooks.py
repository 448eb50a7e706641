"""Registers the plugin with the Wagtail admin; the code it registers lives elsewhere."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from engagement.components import add_statistics_panel, scope_homepage_panels
from engagement.legacy.redirects import serve_wordpress_query
from engagement.models import Event, EventLogEntry
from engagement.permissions import EventPermissionPolicy
from engagement.views.imports import register_import_log_action
from engagement.views.reports import admin_urlpatterns, report_menu_item
from engagement.viewsets import EngagementViewSetGroup
from engagement.viewsets.editing import label_copy_as_duplicate
from engagement.viewsets.localize import localize_urlpatterns
from engagement.viewsets.scoping import EventDeleteBulkAction
from engagement.viewsets.workflow import name_withdrawals_in_the_log, use_withdraw_menu_item

# Before the viewsets are built, so that they find the policy instead of a fallback.
register_permission_policy(Event, EventPermissionPolicy(Event))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return EngagementViewSetGroup()


@hooks.register("register_log_actions")
def register_event_log_model(actions):
    actions.register_model(Event, EventLogEntry)


# Later than Wagtail's own bulk delete (order 0), so that this one is the events' delete.
hooks.register("register_bulk_action", EventDeleteBulkAction, order=100)

# Ahead of wagtail-localize's own patterns (order 0), so that its views are scope-guarded.
hooks.register("register_admin_urls", localize_urlpatterns, order=-1)

hooks.register("construct_homepage_panels", scope_homepage_panels)

# Events name Wagtail's "Cancel workflow" "Withdraw from moderation".
hooks.register("construct_snippet_action_menu", use_withdraw_menu_item)
hooks.register("register_log_actions", name_withdrawals_in_the_log, order=100)
# The events' "Copy" is their "Duplicate" (a new draft, see engagement/viewsets/editing.py).
hooks.register("construct_snippet_listing_buttons", label_copy_as_duplicate)

# WordPress's /?p=123 reaches a page that exists (the home page), so the redirect middleware,
# which only acts on a 404, never sees it.
hooks.register("before_serve_page", serve_wordpress_query)
# Statistics: the dashboard panel, the report (and its scoped JSON) under Reports.
hooks.register("construct_homepage_panels", add_statistics_panel)
hooks.register("register_admin_urls", admin_urlpatterns)
hooks.register("register_reports_menu_item", report_menu_item)
# Imported events' histories name the import (Engagement → Import events).
hooks.register("register_log_actions", register_import_log_action)
