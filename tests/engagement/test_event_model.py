"""Event rules that hold whoever saves the event: dates, place, cancellation, participants."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from engagement.models import Event, EventStatus

from .helpers import almaty, district, future, make_event

pytestmark = pytest.mark.django_db


def errors_of(event):
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    return error.value.message_dict


def test_a_valid_held_event_passes():
    event = make_event(participants=120, count_kind="registered", participants_youth=40)

    event.full_clean()  # raises ValidationError on any refusal

    assert event.get_status() == "held"
    assert event.breakdown == {"participants_youth": 40}


def test_an_event_cannot_end_before_it_starts():
    event = make_event()
    event.end = event.start - datetime.timedelta(minutes=1)

    assert "end" in errors_of(event)


def test_a_breakdown_larger_than_the_headcount_is_refused():
    event = make_event(participants=10, count_kind="estimated")
    event.participants_youth = 6
    event.participants_veterans = 5

    assert "11" in errors_of(event)["participants_youth"][0]


def test_a_breakdown_without_a_headcount_is_refused():
    event = make_event(participants_families=3)

    assert "participants_families" in errors_of(event)


def test_a_headcount_for_an_event_not_yet_started_is_refused():
    event = make_event(start=future(), participants=50, count_kind="estimated")

    assert "participants" in errors_of(event)


def test_a_planned_event_without_a_headcount_passes():
    event = make_event(start=future())

    event.full_clean()  # raises ValidationError on any refusal

    assert event.get_status() == "planned"
    assert event.participants is None


def test_a_headcount_needs_its_count_kind():
    event = make_event(participants=50)

    assert "count_kind" in errors_of(event)


def test_a_negative_headcount_is_refused():
    event = make_event()
    event.participants = -5
    event.count_kind = "estimated"

    assert "participants" in errors_of(event)


@override_settings(ENGAGEMENT_PARTICIPANTS_MAX=100_000)
def test_an_absurd_headcount_is_refused():
    event = make_event(participants=100_001, count_kind="estimated")

    assert "participants" in errors_of(event)


def test_a_cancelled_event_needs_a_reason_and_has_no_participants():
    event = make_event(cancelled=True, participants=5, count_kind="estimated")

    errors = errors_of(event)
    assert {"cancellation_reason", "participants"} <= set(errors)


def test_the_settlement_must_lie_in_the_district():
    talgar = district("talgar-district")
    esik = district("enbekshikazakh-district").children.get(locale=talgar.locale, slug="esik-town")
    event = make_event(district_=talgar, settlement=esik)

    assert "settlement" in errors_of(event)


def test_the_district_must_be_a_canonical_district():
    region = district("almaty-region")
    event = make_event()
    event.district = region

    assert "district" in errors_of(event)


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"start": almaty(2023, 4, 1)}, EventStatus.HELD),
        ({"start": future()}, EventStatus.PLANNED),
        ({"start": almaty(2023, 4, 1), "cancelled": True}, EventStatus.CANCELLED),
        ({"start": future(), "cancelled": True}, EventStatus.CANCELLED),
    ],
)
def test_status_follows_cancellation_and_start(fields, status):
    event = make_event(**fields)

    assert event.get_status() == status
    assert Event.objects.with_status(status).filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    ("start", "day", "found"),
    [
        # 00:30 on 1 March 2024 in Almaty is 19:30 UTC on 29 February (UTC+5 from that day).
        (almaty(2024, 3, 1, 0, 30), datetime.date(2024, 3, 1), True),
        (almaty(2024, 3, 1, 0, 30), datetime.date(2024, 2, 29), False),
        # 00:30 on 29 February 2024 was still UTC+6: 18:30 UTC on the 28th.
        (almaty(2024, 2, 29, 0, 30), datetime.date(2024, 2, 29), True),
        (almaty(2024, 2, 29, 0, 30), datetime.date(2024, 2, 28), False),
    ],
)
def test_days_are_days_in_almaty_on_both_sides_of_the_2024_change(start, day, found):
    event = make_event(start=start)

    matches = Event.objects.starting_between(day, day).filter(pk=event.pk).exists()
    assert matches is found


def test_almaty_moved_from_utc_plus_6_to_utc_plus_5_on_1_march_2024():
    assert almaty(2024, 2, 29, 12).utcoffset() == datetime.timedelta(hours=6)
    assert almaty(2024, 3, 1, 12).utcoffset() == datetime.timedelta(hours=5)
