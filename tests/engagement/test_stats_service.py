"""The statistics service: what counts, filters, splits, periods and the monthly summary."""

import datetime
import io

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from engagement.models import MonthlyTotal
from engagement.services.scope import get_scope
from engagement.stats import Figures, StatsQuery, compute_statistics, get_statistics, summary
from engagement.stats.counting import local_midnight
from engagement.stats.service import split_period

from .helpers import almaty, district, future, make_organiser
from .stats_helpers import fresh_project, held_event, sql_totals

pytestmark = pytest.mark.django_db


def stats(project_, **kwargs):
    return compute_statistics(StatsQuery(projects=frozenset({project_.pk}), **kwargs))[0]


def test_only_published_not_cancelled_events_count():
    project_ = fresh_project()
    held_event(project_, 100)
    held_event(project_, 50, live=False)
    held_event(project_, 0, cancelled=True, cancellation_reason="Жаңбыр")

    assert stats(project_).total == Figures(1, 100, (0, 0, 0, 0, 0))


def test_an_event_counts_once_however_many_translations_it_has():
    project_ = fresh_project()
    event = held_event(project_, 120, participants_youth=20)
    for code in ("ru", "en"):
        translation = event.copy_for_translation(Locale.objects.get(language_code=code))
        translation.save()

    assert stats(project_).total == Figures(1, 120, (20, 0, 0, 0, 0))
    assert summary.differences() == {}


def test_a_translation_does_not_count_when_its_original_is_unpublished():
    project_ = fresh_project()
    event = held_event(project_, 120)
    translation = event.copy_for_translation(Locale.objects.get(language_code="ru"))
    translation.save()
    event.unpublish()

    assert stats(project_).total.events == 0
    assert summary.differences() == {}


def test_held_only_leaves_out_planned_events_and_all_published_keeps_them():
    project_ = fresh_project()
    held_event(project_, 30)
    held_event(project_, None, start=future(5))

    assert stats(project_).total.events == 1
    assert stats(project_, held_only=False).total == Figures(2, 30, (0, 0, 0, 0, 0))


def test_figures_are_split_by_project_district_and_month():
    first, second = fresh_project(), fresh_project()
    held_event(first, 10, "talgar-district", almaty(2022, 1, 5))
    held_event(first, 20, "talgar-district", almaty(2022, 3, 5))
    held_event(second, 5, "kegen-district", almaty(2022, 3, 20))
    talgar, kegen = district("talgar-district"), district("kegen-district")

    result = compute_statistics(StatsQuery(projects=frozenset({first.pk, second.pk})))[0]

    assert result.total == Figures(3, 35, (0, 0, 0, 0, 0))
    assert list(result.by_project) == [first.pk, second.pk]  # most participants first
    assert result.by_project[first.pk].participants == 30
    assert result.by_district == {
        talgar.pk: Figures(2, 30, (0,) * 5), kegen.pk: Figures(1, 5, (0,) * 5)
    }
    assert result.by_project_district[(second.pk, kegen.pk)].events == 1
    # Months in order, February present with zeros.
    assert list(result.by_month) == [
        datetime.date(2022, 1, 1), datetime.date(2022, 2, 1), datetime.date(2022, 3, 1)
    ]
    assert [f.participants for f in result.by_month.values()] == [10, 0, 25]


def test_filters_by_district_count_kind_and_year():
    project_ = fresh_project()
    held_event(project_, 10, "talgar-district", almaty(2021, 6, 1), count_kind="estimated")
    held_event(project_, 20, "talgar-district", almaty(2022, 6, 1), count_kind="verified")
    held_event(project_, 40, "kegen-district", almaty(2022, 6, 1), count_kind="verified")
    talgar = district("talgar-district")

    by_district = stats(project_, districts=frozenset({talgar.pk}))
    by_kind = stats(project_, count_kinds=frozenset({"verified"}))
    by_year = compute_statistics(
        StatsQuery.for_year(2022, projects=frozenset({project_.pk}))
    )[0]

    assert by_district.total.participants == 30
    assert by_kind.total.participants == 60
    assert by_year.total.participants == 60
    assert list(by_year.by_month)[0] == datetime.date(2022, 1, 1)
    assert list(by_year.by_month)[-1] == datetime.date(2022, 12, 1)


@pytest.mark.parametrize(
    ("start", "in_february"),
    [
        # 23:30 on 29 February at UTC+6, before the clocks went back: February.
        (datetime.datetime(2024, 2, 29, 17, 30, tzinfo=datetime.UTC), True),
        # 23:30 on 29 February again, now at UTC+5: still February.
        (datetime.datetime(2024, 2, 29, 18, 30, tzinfo=datetime.UTC), True),
        # Midnight of 1 March at UTC+5: March.
        (datetime.datetime(2024, 2, 29, 19, 0, tzinfo=datetime.UTC), False),
    ],
)
def test_months_are_almaty_months_across_the_2024_change_of_offset(start, in_february):
    project_ = fresh_project()
    held_event(project_, 7, start=start)
    february = StatsQuery(
        projects=frozenset({project_.pk}),
        first_day=datetime.date(2024, 2, 1), last_day=datetime.date(2024, 2, 29),
    )

    result = compute_statistics(february)[0]

    assert result.total.events == (1 if in_february else 0)
    cell = MonthlyTotal.objects.get(project=project_, events__gt=0)
    assert cell.month == (datetime.date(2024, 2, 1) if in_february else datetime.date(2024, 3, 1))


def test_a_period_with_partial_months_adds_up_like_sql():
    project_ = fresh_project()
    for day in (1, 9, 10, 28):
        held_event(project_, day, start=almaty(2023, 1, day, 12))
        held_event(project_, 100 + day, start=almaty(2023, 3, day, 12))
    held_event(project_, 1000, start=almaty(2023, 2, 14))
    query = StatsQuery(
        projects=frozenset({project_.pk}),
        first_day=datetime.date(2023, 1, 10), last_day=datetime.date(2023, 3, 9),
    )

    result = compute_statistics(query)[0]

    expected = sql_totals(
        projects=[project_.pk], first=almaty(2023, 1, 10, 0),
        upper=almaty(2023, 3, 10, 0),
    )
    assert expected == (5, 10 + 28 + 1000 + 101 + 109)
    assert (result.total.events, result.total.participants) == expected
    assert [f.events for f in result.by_month.values()] == [2, 1, 2]


@pytest.mark.parametrize(
    ("first", "last", "cells", "pieces"),
    [
        # Whole months only.
        ((2023, 1, 1), (2023, 3, 31), ((2023, 1), (2023, 4)), []),
        # Parts of two months at the ends, one whole month between.
        ((2023, 1, 10), (2023, 3, 9), ((2023, 2), (2023, 3)), [(2023, 1), (2023, 3)]),
        # Inside one month.
        ((2023, 1, 10), (2023, 1, 20), None, [(2023, 1)]),
        # Parts of two neighbouring months.
        ((2023, 1, 10), (2023, 2, 20), None, [(2023, 1), (2023, 2)]),
    ],
)
def test_split_period(first, last, cells, pieces):
    lower = local_midnight(datetime.date(*first))
    upper = local_midnight(datetime.date(*last) + datetime.timedelta(days=1))

    cells_from, cells_to, found = split_period(lower, upper)

    if cells is not None:
        assert (cells_from, cells_to) == tuple(datetime.date(*month, 1) for month in cells)
    else:
        assert cells_from >= cells_to
    assert [(piece[2].year, piece[2].month) for piece in found] == pieces
    covered = sum(((piece[1] - piece[0]) for piece in found), datetime.timedelta())
    if cells is not None:
        covered += local_midnight(cells_to) - local_midnight(cells_from)
    assert covered == upper - lower


def test_held_only_counts_the_current_month_up_to_now():
    project_ = fresh_project()
    now = timezone.now()
    held_event(project_, 11, start=now - datetime.timedelta(minutes=1))
    held_event(project_, None, start=now + datetime.timedelta(minutes=1))

    assert stats(project_).total.events == 1
    assert stats(project_, held_only=False).total.events == 2


def test_cached_held_only_figures_expire_when_a_planned_event_starts():
    project_ = fresh_project()
    now = timezone.now()
    held_event(project_, None, start=now + datetime.timedelta(seconds=90))

    _statistics, valid_for = compute_statistics(StatsQuery(projects=frozenset({project_.pk})))

    assert 80 < valid_for <= 90


def test_scope_limits_the_figures_to_the_organisers_events():
    project_ = fresh_project()
    held_event(project_, 10, "talgar-district")
    held_event(project_, 20, "kegen-district")
    organiser = make_organiser(districts=[district("kegen-district")])
    scope = get_scope(organiser)

    result = compute_statistics(StatsQuery(projects=frozenset({project_.pk})), scope)[0]

    assert result.total.participants == 20
    assert (result.total.events, result.total.participants) == sql_totals(
        projects=[project_.pk], user_scope_q=scope.q
    )


def test_every_change_keeps_the_summary_equal_to_the_events():
    project_ = fresh_project()
    event = held_event(project_, 10, start=almaty(2022, 5, 1))
    assert summary.differences() == {}

    event.participants = 15
    event.start, event.end = almaty(2022, 7, 1), almaty(2022, 7, 1, 12)  # another month
    event.save()
    assert summary.differences() == {}

    event.district = district("kegen-district")
    event.count_kind = "verified"
    event.save()
    assert summary.differences() == {}

    event.unpublish()
    assert summary.differences() == {}
    event.save_revision().publish()
    assert summary.differences() == {}

    event.cancelled, event.cancellation_reason, event.participants = True, "Жаңбыр", None
    event.save()
    assert summary.differences() == {}
    event.delete()
    assert summary.differences() == {}


def test_rebuild_recomputes_a_damaged_summary():
    project_ = fresh_project()
    held_event(project_, 10)
    MonthlyTotal.objects.filter(project=project_).update(participants=999)
    assert summary.differences()

    summary.rebuild()

    assert summary.differences() == {}
    assert stats(project_).total.participants == 10


def test_bulk_writes_inside_deferred_are_summarised_at_the_end():
    project_ = fresh_project()
    with summary.deferred():
        held_event(project_, 10)
        assert not MonthlyTotal.objects.filter(project=project_).exists()

    assert summary.differences() == {}


def test_the_connection_that_changed_an_event_sees_the_change_before_commit():
    project_ = fresh_project()
    event = held_event(project_, 10)
    query = StatsQuery(projects=frozenset({project_.pk}))
    assert get_statistics(query).total.participants == 10

    event.participants = 25
    event.save()

    assert get_statistics(query).total.participants == 25


@pytest.mark.django_db(transaction=True)
def test_cached_statistics_are_served_until_an_event_changes(
    demo_site, django_assert_num_queries
):
    project_ = fresh_project()
    event = held_event(project_, 10)
    query = StatsQuery(projects=frozenset({project_.pk}))
    assert get_statistics(query).total.participants == 10
    with django_assert_num_queries(0):
        assert get_statistics(query).total.participants == 10

    event.participants = 25
    event.save()
    assert get_statistics(query).total.participants == 25

    # A change that is rolled back never reaches the cache.
    with pytest.raises(RuntimeError), transaction.atomic():
        event.participants = 99
        event.save()
        assert get_statistics(query).total.participants == 99
        raise RuntimeError
    assert get_statistics(query).total.participants == 25
    with django_assert_num_queries(0):
        assert get_statistics(query).total.participants == 25


def test_the_rebuild_command_checks_and_repairs_the_summary():
    from django.core.management import CommandError, call_command

    project_ = fresh_project()
    held_event(project_, 10)
    call_command("rebuild_statistics", "--check", stdout=io.StringIO())
    MonthlyTotal.objects.filter(project=project_).update(events=5)

    with pytest.raises(CommandError):
        call_command("rebuild_statistics", "--check", stdout=io.StringIO())
    output = io.StringIO()
    call_command("rebuild_statistics", stdout=output)

    assert "Rebuilt" in output.getvalue()
    assert summary.differences() == {}


def test_when_the_original_is_deleted_its_live_translation_stands_for_the_event():
    project_ = fresh_project()
    event = held_event(project_, 120)
    translation = event.copy_for_translation(Locale.objects.get(language_code="ru"))
    translation.save()

    event.delete()

    assert stats(project_).total == Figures(1, 120, (0, 0, 0, 0, 0))
    assert summary.differences() == {}
