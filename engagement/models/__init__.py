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
from .pages import StatisticsPage
from .places import DISTRICT_KINDS, Place, PlaceKind, PlaceTransfer
from .projects import Project
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
    "EventLogEntry",
    "EventStatus",
    "LegacyObject",
    "MonthlyTotal",
    "StatisticsVersion",
    "OrganiserScope",
    "Place",
    "PlaceKind",
    "PlaceTransfer",
    "Project",
    "StatisticsPage",
]
