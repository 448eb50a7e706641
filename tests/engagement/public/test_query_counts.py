"""The list, the month view, an event page and the feed make as many queries with 200 events
as with 20 (the list costs one more query on a page that holds both upcoming and past events)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.models import Event

from .helpers import PAGES, almaty, event, event_path, fresh_project

pytestmark = pytest.mark.django_db


def queries(client, path, **params):
    client.get(path, params)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def fill(project, count, translated_every=3):
    from .helpers import translate

    for number in range(count):
        source = event(project, almaty(2027, 1, 1 + number % 28, 9 + number % 8),
                       title=f"Event {number}", accessibility_notes="Ramp")
        if number % translated_every == 0:
            translate(source, "en", title=f"Event {number} (en)")


@pytest.mark.parametrize("language", ["kk", "en"])
def test_query_counts_do_not_grow_with_the_number_of_events(client, language):
    small, large = fresh_project(), fresh_project()
    fill(small, 20)
    fill(large, 200)
    counts = {}
    for name, project in (("small", small), ("large", large)):
        one = Event.objects.filter(project=project, locale__language_code="kk").first()
        client.get(PAGES[language])  # warm the caches (site root paths)
        counts[name] = (
            queries(client, PAGES[language], project=project.slug),
            queries(client, f"{PAGES[language]}2027/01/", project=project.slug),
            queries(client, client.get(event_path(one, language))["Location"]),
            queries(client, f"{PAGES[language]}ical/", project=project.slug),
        )

    assert counts["small"] == counts["large"]
    assert max(counts["large"][:3]) <= 25
