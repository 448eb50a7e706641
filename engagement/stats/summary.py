"""Keeps :class:`~engagement.models.MonthlyTotal` equal to the events it summarises.

Each row ("cell") is *recomputed* from the events, never incremented, so a cell is right after
any change that reaches :func:`refresh` however the event changed. The signal receivers
(``engagement.stats.receivers``) refresh the cells an event was in before and is in after each
save or delete, inside the same transaction. Code that writes events in bulk without signals
(``bulk_create``, ``QuerySet.update``) wraps the work in :func:`deferred`, which rebuilds
every cell at the end; ``manage.py rebuild_statistics`` does the same by hand.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.functions import TruncMonth

from engagement import conf
from engagement.models import Event, MonthlyTotal

from .cache import bump_version
from .counting import (
    SUM_FIELDS,
    counted_events,
    figure_aggregates,
    local_midnight,
    month_of,
    next_month,
)

logger = logging.getLogger(__name__)

_state = threading.local()
BATCH_SIZE = 2000


def keys_of(translation_key):
    """The cells that the rows of one event (all its translations) fall in (one query).

    A cell key is ``(project id, district id, month, count kind)``.
    """
    if translation_key is None:
        return set()
    rows = Event.objects.filter(translation_key=translation_key).values_list(
        "project_id", "district_id", "start", "count_kind"
    )
    return {
        (project_id, district_id, month_of(start), count_kind)
        for project_id, district_id, start, count_kind in rows
        if project_id and district_id and start
    }


def refresh(keys):
    """Recompute the given cells from the events (in a stable order, against deadlocks)."""
    for key in sorted(keys):
        _refresh_cell(*key)


def _refresh_cell(project_id, district_id, month, count_kind):
    lookup = {
        "project_id": project_id, "district_id": district_id, "month": month,
        "count_kind": count_kind,
    }
    with transaction.atomic(savepoint=False):
        # Lock the cell before reading the events: a concurrent change to the same cell waits
        # here until the other transaction commits, and then reads its committed events too.
        MonthlyTotal.objects.bulk_create([MonthlyTotal(**lookup)], ignore_conflicts=True)
        list(MonthlyTotal.objects.select_for_update().filter(**lookup).values_list("pk"))
        values = counted_events().filter(
            project_id=project_id, district_id=district_id, count_kind=count_kind,
            start__gte=local_midnight(month), start__lt=local_midnight(next_month(month)),
        ).aggregate(**figure_aggregates())
        # Empty cells stay (with zeros) rather than being deleted under a concurrent writer.
        MonthlyTotal.objects.filter(**lookup).update(**values)


def expected_cells():
    """``{cell key: (events, participants, breakdown...)}`` computed from the events."""
    rows = (
        counted_events()
        .annotate(month=TruncMonth("start", tzinfo=conf.event_time_zone()))
        .values("project_id", "district_id", "month", "count_kind")
        .annotate(**figure_aggregates())
        .order_by()
    )
    return {
        (row["project_id"], row["district_id"], row["month"].date(), row["count_kind"]):
        (row["events"], *(row[name] for name in SUM_FIELDS))
        for row in rows
    }


def stored_cells():
    """``{cell key: (events, participants, breakdown...)}`` as stored, without empty cells."""
    rows = MonthlyTotal.objects.filter(events__gt=0).values_list(
        "project_id", "district_id", "month", "count_kind", "events", *SUM_FIELDS
    )
    return {tuple(row[:4]): tuple(row[4:]) for row in rows}


def differences():
    """Cells whose stored values differ from the events: ``{key: (stored, expected)}``."""
    expected, stored = expected_cells(), stored_cells()
    return {
        key: (stored.get(key), expected.get(key))
        for key in expected.keys() | stored.keys()
        if stored.get(key) != expected.get(key)
    }


def rebuild():
    """Recompute every cell from the events; returns the number of cells written."""
    cells = expected_cells()
    with transaction.atomic():
        MonthlyTotal.objects.all().delete()
        MonthlyTotal.objects.bulk_create(
            (
                MonthlyTotal(
                    project_id=project_id, district_id=district_id, month=month,
                    count_kind=count_kind, events=values[0],
                    **dict(zip(SUM_FIELDS, values[1:], strict=True)),
                )
                for (project_id, district_id, month, count_kind), values in cells.items()
            ),
            batch_size=BATCH_SIZE,
        )
    bump_version()
    logger.info("Rebuilt %s monthly totals", len(cells))
    return len(cells)


def is_deferred():
    return getattr(_state, "depth", 0) > 0


@contextmanager
def deferred():
    """Skip per-event refreshes inside the block and rebuild every cell once at its end.

    For bulk writes: generators, imports, resets. Nested blocks rebuild once, at the outermost.
    """
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1
    if _state.depth == 0:
        rebuild()
