"""The demo's planned events: in the coming months, party projects only, photos, accessibility
notes, a cancelled one with its reason; a later run tops them up, never duplicates them."""

import datetime

import pytest
from django.utils import timezone

from engagement.models import Event
from engagement.services.seeding import PARTY_PROJECTS, PLANNED_PREFIX, EngagementSeeder

pytestmark = pytest.mark.django_db


def planned():
    return Event.objects.filter(source_key__startswith=PLANNED_PREFIX)


def test_the_demo_has_planned_events_in_the_coming_months():
    now = timezone.now()
    events = list(planned())

    assert len(events) >= 4
    assert all(now < event.start < now + datetime.timedelta(days=120) for event in events)
    assert {event.project.slug for event in events} <= set(PARTY_PROJECTS)
    assert any(event.photos for event in events)
    assert any(event.accessibility_notes for event in events)
    cancelled = [event for event in events if event.cancelled]
    assert len(cancelled) == 1 and cancelled[0].cancellation_reason
    assert all(event.live and event.participants is None for event in events)
    # Some are translated (ru, en), the others show the calendar's fallback.
    keys = {event.translation_key for event in events}
    assert Event.objects.filter(translation_key__in=keys, locale__language_code="ru").exists()


def test_a_later_run_tops_up_only_when_few_are_left():
    before = planned().count()

    assert EngagementSeeder(random_seed=1).ensure_upcoming() == 0
    assert planned().count() == before

    later = timezone.now() + datetime.timedelta(days=200)
    created = EngagementSeeder(random_seed=1, now=later).ensure_upcoming()

    assert created == 12
    assert planned().filter(start__gt=later).count() == 12
