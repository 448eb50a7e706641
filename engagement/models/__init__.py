"""The plugin's models, one module per domain, re-exported here."""

from engagement.legacy.models import LegacyObject

# The public calendar page lives with its views and templates (engagement/public/).
from engagement.public.models import EventCalendarPage

from .audit import EventLogEntry
from .events import (
    BREAKDOWN_FIELDS,
    Accessibility,
    CountKind,
    Event,
    EventFormat,
    EventStatus,
)
from .imports import EventImport, ImportStatus
from .pages import StatisticsPage
from .places import DISTRICT_KINDS, Place, PlaceKind, PlaceRenaming, PlaceTransfer
from .projects import Project, ProjectKind
from .scope import OrganiserScope
from .stats import MonthlyTotal, StatisticsVersion

__all__ = [
    "BREAKDOWN_FIELDS",
    "DISTRICT_KINDS",
    "Accessibility",
    "CountKind",
    "Event",
    "EventCalendarPage",
    "EventFormat",
    "EventImport",
    "EventLogEntry",
    "EventStatus",
    "ImportStatus",
    "LegacyObject",
    "MonthlyTotal",
    "StatisticsVersion",
    "OrganiserScope",
    "Place",
    "PlaceKind",
    "PlaceRenaming",
    "PlaceTransfer",
    "Project",
    "ProjectKind",
    "StatisticsPage",
]
