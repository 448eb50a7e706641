"""The list's and the month view's content is cached (see ``views._fragment``), and every change
that shows on them is seen at once: an event's change, publication or withdrawal, a project's
new name, the calendar page's new introduction, and time (an event that ends moves to the past
events). Transactional: the cache is only used once a change has committed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement.public.models import EventCalendarPage

from .helpers import PAGES, event, fresh_project, titles

pytestmark = pytest.mark.django_db(transaction=True)


def get(client, path, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def test_the_list_is_served_from_the_cache_until_an_event_changes(demo_site, client):
    project = fresh_project()
    one = event(project, timezone.now() + datetime.timedelta(days=2), title="Бірінші")
    path = PAGES["kk"]
    first, first_queries = get(client, path, project=project.slug)
    again, again_queries = get(client, path, project=project.slug)
    assert titles(again) == titles(first) == ["Бірінші"]
    assert again_queries < first_queries  # no event, catalogue or count query

    one.title = "Өзгертілген"
    one.save()
    assert titles(get(client, path, project=project.slug)[0]) == ["Өзгертілген"]
    month = one.start.astimezone(datetime.UTC)
    month_path = f"{path}{month:%Y}/{month:%m}/"
    assert "Өзгертілген" in get(client, month_path, project=project.slug)[0]

    one.live = False
    one.save()
    assert titles(get(client, path, project=project.slug)[0]) == []
    assert "Өзгертілген" not in get(client, month_path, project=project.slug)[0]


def test_renaming_a_project_or_editing_the_page_shows_at_once(demo_site, client):
    project = fresh_project()
    event(project, timezone.now() + datetime.timedelta(days=2))
    path = PAGES["ru"]
    assert project.name in get(client, path, project=project.slug)[0]

    project.name = "Жаңа атау"
    project.save()
    assert "Жаңа атау" in get(client, path, project=project.slug)[0]

    page = EventCalendarPage.objects.get(locale__language_code="ru")
    page.intro = "<p>Новое вступление</p>"
    page.save_revision().publish()
    assert "Новое вступление" in get(client, path)[0]


def test_an_event_that_ends_moves_to_the_past_events(demo_site, client, monkeypatch):
    project = fresh_project()
    now = timezone.now()
    event(project, now - datetime.timedelta(hours=1), title="Жүріп жатыр",
          end=now + datetime.timedelta(hours=1))
    html = get(client, PAGES["en"], project=project.slug)[0]
    assert html.index("Жүріп жатыр") > html.index("Upcoming events")
    assert "Past events" not in html

    later = now + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = get(client, PAGES["en"], project=project.slug)[0]
    assert html.index("Жүріп жатыр") > html.index("Past events")
    assert "Upcoming events" not in html
