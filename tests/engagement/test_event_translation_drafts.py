"""Translating an event creates a draft: neither open data nor the statistics show it until a
translator who may publish events publishes it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from engagement.models import Event
from engagement.stats import StatsQuery, get_statistics

from .helpers import almaty, district, make_organiser, make_user
from .stats_helpers import fresh_project, held_event

pytestmark = pytest.mark.django_db

TITLE = "Жастармен кездесу"


def ru():
    return Locale.objects.get(language_code="ru")


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Runs what wagtail-localize defers to the commit, as a real request would."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def event():
    event = held_event(fresh_project(), 40, title=TITLE, start=almaty(2025, 3, 5))
    event.save_revision().publish()
    return event


def submit_translation(client, event, capture):
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_snippet_translation",
                    args=["engagement", "event", event.pk]),
            {"locales": [ru().pk]},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Event.objects.get(translation_key=event.translation_key, locale=ru())


def translate_title(event, text):
    source = Translation.objects.get(
        target_locale=ru(), source__object_id=event.translation_key
    ).source
    segment = source.stringsegment_set.select_related("string", "context").get(
        string__data=event.title
    )
    StringTranslation.objects.create(
        translation_of=segment.string, locale=ru(), context=segment.context, data=text
    )
    return source


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    ), response


def open_data_titles(client, event):
    data = client.get("/ru/open-data/events.json", {"project": event.project.slug}).json()
    return data["count"], [row["title"] for row in data["results"]]


def test_a_translated_event_is_a_draft_until_published_in_the_translation_editor(
        client, event, capture):
    client.force_login(make_user(superuser=True))
    before = get_statistics(StatsQuery(projects=frozenset([event.project_id]))).total

    draft = submit_translation(client, event, capture)
    translate_title(event, "Встреча с молодёжью")

    assert draft.live is False
    assert open_data_titles(client, event) == (1, [TITLE])  # the source, in its own words
    after = get_statistics(StatsQuery(projects=frozenset([event.project_id]))).total
    assert (after.events, after.participants) == (before.events, before.participants) == (1, 40)

    with capture(execute=True):
        response = client.post(
            reverse("wagtailsnippets_engagement_event:edit", args=[draft.pk]),
            {"action": "publish"},
        )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == "Встреча с молодёжью"
    assert open_data_titles(client, event) == (1, ["Встреча с молодёжью"])
    published = get_statistics(StatsQuery(projects=frozenset([event.project_id]))).total
    assert (published.events, published.participants) == (1, 40)  # still counted once


def test_an_organiser_who_may_not_publish_translates_to_a_draft_and_cannot_publish_it(
        client, event, capture):
    organiser = make_organiser(projects=[event.project], districts=[district("talgar-district")])
    client.force_login(organiser)

    draft = submit_translation(client, event, capture)
    source = translate_title(event, "Встреча с молодёжью")

    assert draft.live is False
    edit = reverse("wagtailsnippets_engagement_event:edit", args=[draft.pk])
    assert_refused(client.post(edit, {"action": "publish"}))
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    with capture(execute=True):
        assert_refused(client.post(sync, {"publish_translations": "on"}))
    draft.refresh_from_db()
    assert draft.live is False and draft.title != "Встреча с молодёжью"
    # Syncing without publishing is theirs to do.
    with capture(execute=True):
        assert client.post(sync, {}).status_code == 302
    draft.refresh_from_db()
    assert draft.live is False


def test_an_organiser_who_may_publish_can_publish_through_sync(client, event, capture):
    organiser = make_organiser(projects=[event.project], can_publish=True)
    client.force_login(organiser)
    draft = submit_translation(client, event, capture)
    source = translate_title(event, "Встреча с молодёжью")

    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == "Встреча с молодёжью"
