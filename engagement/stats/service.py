"""The statistics service: every number a person sees is computed here.

:func:`get_statistics` takes a :class:`StatsQuery` (projects, districts, period, count kinds,
held only or every published event) and, optionally, an organiser's scope, and returns
:class:`Statistics`: the totals and the same figures split by project, by district, by
project × district and by month.

Whole months come from the monthly summary (:class:`~engagement.models.MonthlyTotal`); the
parts of a month at the ends of the period (and the current month, for "held only") come from
the events themselves. Both count the same events (:func:`~.counting.counted_events`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min, Sum
from django.utils import timezone

from engagement.models import MonthlyTotal

from . import cache
from .counting import (
    SUM_FIELDS,
    counted_events,
    figure_aggregates,
    local_date,
    local_midnight,
    month_of,
    month_start,
    next_month,
)


@dataclass(frozen=True)
class Figures:
    """Counted events, their participants and the breakdown of the participants by group."""

    events: int = 0
    participants: int = 0
    #: Participants by group, in the order of ``engagement.models.BREAKDOWN_FIELDS``.
    breakdown: tuple = (0, 0, 0, 0, 0)

    @classmethod
    def from_values(cls, values):
        """From ``(events, participants, *breakdown)``."""
        return cls(values[0], values[1], tuple(values[2:]))

    def __add__(self, other):
        return Figures(
            self.events + other.events,
            self.participants + other.participants,
            tuple(a + b for a, b in zip(self.breakdown, other.breakdown, strict=True)),
        )

    @property
    def not_broken_down(self):
        """Participants not given in any group (events without, or with a partial, breakdown)."""
        return self.participants - sum(self.breakdown)

    def as_dict(self):
        from engagement.models import BREAKDOWN_FIELDS

        return {
            "events": self.events,
            "participants": self.participants,
            "breakdown": {
                name.removeprefix("participants_"): value
                for name, value in zip(BREAKDOWN_FIELDS, self.breakdown, strict=True)
            },
            "not_broken_down": self.not_broken_down,
        }


ZERO = Figures()


@dataclass(frozen=True)
class StatsQuery:
    """What to count. Empty sets mean "all"; days are days in the event time zone."""

    projects: frozenset = frozenset()
    districts: frozenset = frozenset()
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    count_kinds: frozenset = frozenset()
    #: Only events that have started (``start <= now``); otherwise every published event.
    held_only: bool = True

    @classmethod
    def for_year(cls, year, **kwargs):
        return cls(
            first_day=datetime.date(year, 1, 1), last_day=datetime.date(year, 12, 31), **kwargs
        )

    def cache_parts(self):
        return (
            sorted(self.projects), sorted(self.districts), self.first_day, self.last_day,
            sorted(self.count_kinds), self.held_only,
        )


@dataclass(frozen=True)
class Statistics:
    """The figures of one :class:`StatsQuery`. Ids are those of canonical projects and places."""

    query: StatsQuery
    total: Figures = ZERO
    #: ``{project id: Figures}``, largest number of participants first.
    by_project: dict = field(default_factory=dict)
    #: ``{district id: Figures}``, largest number of participants first.
    by_district: dict = field(default_factory=dict)
    #: ``{(project id, district id): Figures}``.
    by_project_district: dict = field(default_factory=dict)
    #: ``{first day of the month: Figures}``, in order, months without events included.
    by_month: dict = field(default_factory=dict)
    computed_at: datetime.datetime | None = None


def get_statistics(query, scope=None, now=None):
    """The :class:`Statistics` of ``query``, limited to ``scope`` (an organiser's
    :class:`~engagement.services.scope.Scope`) if given. Served from the cache when possible.
    """
    if now is not None:
        return compute_statistics(query, scope, now)[0]
    parts = ("statistics", *query.cache_parts(), _scope_parts(scope))
    return cache.get_or_compute(parts, lambda: compute_statistics(query, scope))


def years_with_events():
    """The years in which any counted event starts (held or planned), newest first."""
    def compute():
        months = MonthlyTotal.objects.filter(events__gt=0).dates("month", "year", order="DESC")
        return [month.year for month in months], None

    return cache.get_or_compute(("years",), compute)


def _scope_parts(scope):
    if scope is None or scope.unrestricted:
        return "all"
    return sorted(
        (sorted(rule.project_ids or ()), sorted(rule.district_ids or ()),
         rule.project_ids is None, rule.district_ids is None)
        for rule in scope.rules
    )


def compute_statistics(query, scope=None, now=None):
    """``(Statistics, seconds until they may change by the passing of time alone)``."""
    now = now or timezone.now()
    lower = local_midnight(query.first_day) if query.first_day else None
    upper = local_midnight(query.last_day + datetime.timedelta(days=1)) if query.last_day else None
    if query.held_only:
        # start <= now, as a half-open range.
        cap = now + datetime.timedelta(microseconds=1)
        upper = cap if upper is None else min(upper, cap)
    if lower is not None and upper is not None and lower >= upper:
        return Statistics(query=query, computed_at=now), _valid_for(query, scope, now, upper)

    cells_from, cells_to, pieces = split_period(lower, upper)
    by_pair, by_month = {}, {}

    cells = _filtered(MonthlyTotal.objects.all(), query, scope)
    if cells_from is not None:
        cells = cells.filter(month__gte=cells_from)
    if cells_to is not None:
        cells = cells.filter(month__lt=cells_to)
    if cells_from is None or cells_to is None or cells_from < cells_to:
        sums = {"events": _sum("events"), **{name: _sum(name) for name in SUM_FIELDS}}
        for row in cells.values("project_id", "district_id").annotate(**sums).order_by():
            _add(by_pair, (row["project_id"], row["district_id"]), row)
        for row in cells.values("month").annotate(**sums).order_by():
            _add(by_month, row["month"], row)

    for piece_lower, piece_upper, month in pieces:
        events = _filtered(counted_events(), query, scope).filter(start__lt=piece_upper)
        if piece_lower is not None:
            events = events.filter(start__gte=piece_lower)
        rows = events.values("project_id", "district_id").annotate(**figure_aggregates())
        for row in rows.order_by():
            _add(by_pair, (row["project_id"], row["district_id"]), row)
            _add(by_month, month, row)

    by_pair = {key: value for key, value in by_pair.items() if value.events}
    by_project, by_district = {}, {}
    for (project_id, district_id), figures in by_pair.items():
        by_project[project_id] = by_project.get(project_id, ZERO) + figures
        by_district[district_id] = by_district.get(district_id, ZERO) + figures
    total = sum(by_project.values(), ZERO)
    statistics = Statistics(
        query=query,
        total=total,
        by_project=_largest_first(by_project),
        by_district=_largest_first(by_district),
        by_project_district=dict(sorted(by_pair.items())),
        by_month=_months(by_month, lower, upper if query.last_day else None),
        computed_at=now,
    )
    return statistics, _valid_for(query, scope, now, upper)


def split_period(lower, upper):
    """Split ``[lower, upper)`` into whole months and the parts of months at its ends.

    Returns ``(first whole month, month after the last whole month, pieces)``, where each piece
    ``(lower, upper, month)`` lies inside one month. ``None`` bounds are open.
    """
    cells_from = cells_to = None
    head = tail = None
    if lower is not None:
        first = month_of(lower)
        if local_midnight(first) == lower:
            cells_from = first
        else:
            cells_from = next_month(first)
            head = (lower, local_midnight(cells_from), first)
    if upper is not None:
        last = month_of(upper)
        cells_to = last
        if local_midnight(last) < upper:
            tail = (local_midnight(last), upper, last)
    if cells_from is not None and cells_to is not None and cells_from >= cells_to:
        # No whole month: the period lies in one month, or in parts of two neighbouring ones.
        if head and tail and head[2] == tail[2]:
            return cells_from, cells_to, [(lower, upper, head[2])]
        if head:
            head = (head[0], min(head[1], upper), head[2])
        if tail:
            tail = (max(tail[0], lower), tail[1], tail[2])
    return cells_from, cells_to, [piece for piece in (head, tail) if piece]


def _filtered(queryset, query, scope):
    if query.projects:
        queryset = queryset.filter(project_id__in=sorted(query.projects))
    if query.districts:
        queryset = queryset.filter(district_id__in=sorted(query.districts))
    if query.count_kinds:
        queryset = queryset.filter(count_kind__in=sorted(query.count_kinds))
    if scope is not None:
        # The organiser's scope rules, as the events admin applies them (never re-implemented).
        queryset = scope.filter(queryset)
    return queryset


def _sum(name):
    return Sum(name, default=0)


def _add(target, key, row):
    figures = Figures(row["events"], row["participants"], tuple(
        row[name] for name in SUM_FIELDS[1:]
    ))
    target[key] = target.get(key, ZERO) + figures


def _largest_first(figures_by_id):
    return dict(sorted(
        figures_by_id.items(),
        key=lambda item: (-item[1].participants, -item[1].events, item[0]),
    ))


def _months(by_month, lower, upper):
    """Every month from the first to the last of the data, widened to the query's period."""
    months = set(by_month)
    if lower is not None and months:
        months.add(month_of(lower))
    if upper is not None and months:
        months.add(month_start(local_date(upper - datetime.timedelta(microseconds=1))))
    if not months:
        return {}
    month, last = min(months), max(months)
    result = {}
    while month <= last:
        result[month] = by_month.get(month, ZERO)
        month = next_month(month)
    return result


def _valid_for(query, scope, now, upper):
    """Seconds until a planned event that this query would count starts (then it is "held")."""
    if not query.held_only:
        return None
    period_end = (
        local_midnight(query.last_day + datetime.timedelta(days=1)) if query.last_day else None
    )
    if period_end is not None and period_end <= now:
        return None
    upcoming = _filtered(counted_events(), query, scope).filter(start__gt=now)
    if query.first_day:
        upcoming = upcoming.filter(start__gte=local_midnight(query.first_day))
    if period_end is not None:
        upcoming = upcoming.filter(start__lt=period_end)
    next_start = upcoming.aggregate(next_start=Min("start"))["next_start"]
    if next_start is None:
        return None
    return (next_start - now).total_seconds()


def get_region_statistics(query, scope=None, now=None):
    """``{region id: Figures}``: the figures of ``query`` by the region each event's district
    belonged to *on the event's day* (largest first).

    A district that moved (eight districts and two cities went from the Almaty region to the
    new Zhetysu region on 8 June 2022, recorded as ``PlaceTransfer`` rows) counts under its old
    region before the transfer and under its new one from that day. Served from the cache like
    :func:`get_statistics`.
    """
    if now is not None:
        return compute_region_statistics(query, scope, now)[0]
    parts = ("regions", *query.cache_parts(), _scope_parts(scope))
    return cache.get_or_compute(parts, lambda: compute_region_statistics(query, scope))


def compute_region_statistics(query, scope=None, now=None):
    """``({region id: Figures}, seconds of validity)``; a query per transfer date inside the
    period, besides those of the district figures."""
    from engagement.models import Place

    statistics = get_statistics(query, scope, now=now)  # from the cache unless ``now`` is given
    now = now or timezone.now()
    lower = local_midnight(query.first_day) if query.first_day else None
    upper = local_midnight(query.last_day + datetime.timedelta(days=1)) if query.last_day else None
    if query.held_only:
        cap = now + datetime.timedelta(microseconds=1)
        upper = cap if upper is None else min(upper, cap)
    valid_for = _valid_for(query, scope, now, upper)
    if not statistics.by_district:
        return {}, valid_for
    districts = Place.objects.filter(pk__in=list(statistics.by_district)).select_related(
        "parent"
    ).prefetch_related("transfers__from_parent")
    # For each district, the transfer dates that fall inside the period split its figures.
    splits = {}
    for district in districts:
        days = sorted(
            transfer.date for transfer in district.transfers.all()
            if (lower is None or lower < local_midnight(transfer.date))
            and (upper is None or local_midnight(transfer.date) < upper)
        )
        splits[district] = days
    # Figures of the events before each of those dates, per district (one query a date).
    before = {}
    for day in sorted({day for days in splits.values() for day in days}):
        ids = [district.pk for district, days in splits.items() if day in days]
        events = _filtered(counted_events(), query, scope).filter(
            district_id__in=ids, start__lt=local_midnight(day)
        )
        if lower is not None:
            events = events.filter(start__gte=lower)
        for row in events.values("district_id").annotate(**figure_aggregates()).order_by():
            _add(before, (row["district_id"], day), row)
    by_region = {}
    for district, days in splits.items():
        total = statistics.by_district[district.pk]
        counted = ZERO
        for day in days:
            until_day = before.get((district.pk, day), ZERO)
            part = _difference(until_day, counted)
            counted = until_day
            region = district.region_on(day - datetime.timedelta(days=1))
            by_region[region.pk] = by_region.get(region.pk, ZERO) + part
        day = days[-1] if days else _a_day_of(lower, upper, now)
        region = district.region_on(day)
        by_region[region.pk] = by_region.get(region.pk, ZERO) + _difference(total, counted)
    by_region = {key: value for key, value in by_region.items() if value.events}
    return _largest_first(by_region), valid_for


def _difference(larger, smaller):
    return Figures(
        larger.events - smaller.events, larger.participants - smaller.participants,
        tuple(a - b for a, b in zip(larger.breakdown, smaller.breakdown, strict=True)),
    )


def _a_day_of(lower, upper, now):
    """A day inside the period (in which no transfer falls, so any of its days will do)."""
    if lower is not None:
        return local_date(lower)
    if upper is not None:
        return local_date(upper - datetime.timedelta(microseconds=1))
    return local_date(now)
