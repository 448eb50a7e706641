"""Admin viewsets of the plugin, grouped under one "Engagement" menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from engagement.views.imports import ImportViewSet

from .events import EventViewSet
from .reference import OrganiserScopeViewSet, PlaceViewSet, ProjectViewSet


class EngagementViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Engagement")
    menu_name = "engagement"  # not derived from the label, which is translated
    menu_icon = "group"
    menu_order = 250
    items = (EventViewSet, ImportViewSet, ProjectViewSet, PlaceViewSet, OrganiserScopeViewSet)


__all__ = [
    "EngagementViewSetGroup",
    "EventViewSet",
    "OrganiserScopeViewSet",
    "PlaceViewSet",
    "ProjectViewSet",
]
