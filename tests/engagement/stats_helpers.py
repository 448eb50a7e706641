"""Helpers for the statistics tests: a direct SQL sum to compare every surface against."""

import itertools

from django.db import connection
from django.utils import timezone

from engagement.models import Event

from .helpers import almaty, district, make_event, project

_numbers = itertools.count(1)


def fresh_project():
    """A project of its own, so that a test's figures are not mixed with the demo's events."""
    number = next(_numbers)
    return project(f"stats-test-{number}", name=f"Статистика {number}")


def held_event(project_, participants, district_slug="talgar-district", start=None, **fields):
    fields.setdefault("count_kind", "registered" if participants else "")
    return make_event(
        project_, district(district_slug), start=start or almaty(2024, 5, 10),
        participants=participants, **fields,
    )


def sql_totals(projects=None, districts=None, first=None, upper=None, held_only=True,
               user_scope_q=None, count_kinds=None):
    """``(events, participants)`` of counted events, summed by hand in SQL.

    The rule, written out independently of the service: published (live), not cancelled,
    once per ``translation_key`` (the row with the lowest id), started by now when
    ``held_only``; ``first``/``upper`` are aware datetimes (upper exclusive).
    """
    table = connection.ops.quote_name(Event._meta.db_table)
    where = ["e.live = %s", "e.cancelled = %s"]
    params = [True, False]
    where.append(
        f"NOT EXISTS (SELECT 1 FROM {table} o WHERE o.translation_key = e.translation_key "
        "AND o.id < e.id)"
    )
    if held_only:
        where.append("e.start <= %s")
        params.append(timezone.now())
    if first is not None:
        where.append("e.start >= %s")
        params.append(first)
    if upper is not None:
        where.append("e.start < %s")
        params.append(upper)
    for column, ids in (("project_id", projects), ("district_id", districts)):
        if ids is not None:
            ids = list(ids) or [-1]
            where.append(f"e.{column} IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
    if count_kinds:
        where.append(f"e.count_kind IN ({', '.join(['%s'] * len(count_kinds))})")
        params.extend(count_kinds)
    if user_scope_q is not None:
        ids = list(Event.objects.filter(user_scope_q).values_list("pk", flat=True)) or [-1]
        where.append(f"e.id IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    sql = (
        f"SELECT COUNT(*), COALESCE(SUM(e.participants), 0) FROM {table} e "
        f"WHERE {' AND '.join(where)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        events, participants = cursor.fetchone()
    return int(events), int(participants)
