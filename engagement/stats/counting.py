"""What counts: the one definition of a counted event, and months in the event time zone.

An event counts when it is published (``live``) and not cancelled. Its translations share its
``translation_key`` and synchronise its facts (project, district, start, cancellation, counts),
so an event is counted once, through its *original row*: the lowest id among its translations,
which is the row the translations were made from and the one organisers edit (stored as
``Event.is_source``). Participants are
the headcount the organiser reports (participations, not unique people; see DESIGN.md).

Only events of the party's projects are published and counted: an event still filed under a
state programme (``Project.kind``; see migration 0010) waits in the admin for an editor to give
it a party project.
"""

import datetime

from django.db.models import Count, Sum
from django.utils import timezone

from engagement import conf
from engagement.models import BREAKDOWN_FIELDS, Event, ProjectKind

#: The summed columns of events and monthly totals, in the order of ``Figures.sums``.
SUM_FIELDS = ("participants", *BREAKDOWN_FIELDS)


def published_events(queryset=None):
    """Published events of party projects, each once (original rows only); cancelled ones
    included."""
    queryset = Event.objects.all() if queryset is None else queryset
    # ``is_source`` is the stored "lowest id of its translation key" (see Event.is_source).
    return queryset.filter(is_source=True, live=True, project__kind=ProjectKind.PARTY_PROJECT)


def counted_events(queryset=None):
    """The events that statistics count (published, not cancelled, original rows only)."""
    return published_events(queryset).filter(cancelled=False)


def figure_aggregates():
    """Aggregates for ``.aggregate()`` / ``.annotate()``: the event count and every sum."""
    return {
        "events": Count("pk"),
        **{name: Sum(name, default=0) for name in SUM_FIELDS},
    }


def month_start(day):
    return day.replace(day=1)


def next_month(month):
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def local_midnight(day):
    """The aware start of ``day`` in the event time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=conf.event_time_zone())


def local_date(value):
    return timezone.localtime(value, conf.event_time_zone()).date()


def month_of(value):
    """The month (its first day) of an aware datetime, in the event time zone."""
    return month_start(local_date(value))
