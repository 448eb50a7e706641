"""Statistics of events and participants: one service that every page, panel, report, block,
export and API asks (see :mod:`engagement.stats.service`)."""

from .counting import counted_events
from .service import (
    Figures,
    Statistics,
    StatsQuery,
    compute_statistics,
    get_region_statistics,
    get_statistics,
    years_with_events,
)

__all__ = [
    "Figures",
    "Statistics",
    "StatsQuery",
    "compute_statistics",
    "counted_events",
    "get_region_statistics",
    "get_statistics",
    "years_with_events",
]
