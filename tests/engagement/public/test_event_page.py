"""Event pages: facts in Almaty time, accessibility, fallback to the source language, cancelled."""

import json
import re

import pytest

from engagement.public.ids import short_id

from .helpers import PAGES, almaty, event, event_path, fresh_project, translate

pytestmark = pytest.mark.django_db


def get(client, path, follow=True):
    response = client.get(path, follow=follow)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))


def test_the_event_page_shows_its_facts(client):
    project = fresh_project()
    source = event(
        project, almaty(2026, 12, 3, 15), title="Кедергісіз кездесу",
        venue_address="Мәдениет үйі", accessibility="accessible",
        accessibility_notes="Кіреберісте пандус бар.", description="<p>Барлығы шақырылады.</p>",
    )

    html = get(client, event_path(source))

    assert "<h1>Кедергісіз кездесу</h1>" in html
    assert "2026 ж. 3 желтоқсан, 15:00" in html  # the Kazakh date format, Almaty time
    assert "Мәдениет үйі" in html and "Кіреберісте пандус бар." in html
    assert "eg-event__access--yes" in html
    assert "Барлығы шақырылады." in html
    assert f"/events/{short_id(source.translation_key)}-" in html
    assert "https://t.me/share/url?" in html and "https://wa.me/?" in html
    assert "https://calendar.google.com/calendar/render?" in html
    assert "dates=20261203T100000Z%2F20261203T120000Z" in html
    data = json_ld(html)
    assert data["@type"] == "Event" and data["startDate"] == "2026-12-03T15:00:00+05:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert "<script src=\"http" not in html  # no third-party scripts


def test_the_url_is_stable_and_a_wrong_slug_redirects(client):
    source = event(fresh_project(), title="Жастар форумы")
    url = event_path(source)

    response = client.get(f"{url[:-1]}-old-title/")

    assert response.status_code == 301
    assert response["Location"].startswith(url[:-1] + "-")
    assert get(client, response["Location"])


def test_times_before_the_2024_change_are_shown_in_the_offset_of_the_day(client):
    old = event(fresh_project(), almaty(2023, 12, 3, 15), title="Old")

    data = json_ld(get(client, event_path(old, "en")))

    assert data["startDate"] == "2023-12-03T15:00:00+06:00"


def test_a_translated_event_is_shown_in_the_readers_language(client):
    source = event(fresh_project(), title="Кездесу", venue_address="Әкімдік")
    translate(source, "ru", title="Встреча", venue_address="Акимат")

    html = get(client, event_path(source, "ru"))

    assert "<h1>Встреча</h1>" in html and "Акимат" in html
    assert "has not been translated" not in html and "не переведено" not in html


def test_an_untranslated_event_falls_back_to_its_source_language_with_a_note(client):
    source = event(fresh_project(), title="Кездесу", description="<p>Сипаттама</p>")

    html = get(client, event_path(source, "en"))

    assert '<h1 lang="kk">Кездесу</h1>' in html
    assert '<div class="rich-text" lang="kk">' in html
    assert "This event has not been translated into this language yet" in html


def test_a_draft_translation_is_not_shown(client):
    source = event(fresh_project(), title="Кездесу")
    translate(source, "en", title="Meeting (draft)", live=False)

    html = get(client, event_path(source, "en"))

    assert "Meeting (draft)" not in html and '<h1 lang="kk">Кездесу</h1>' in html


def test_a_cancelled_event_says_so_with_its_reason(client):
    source = event(fresh_project(), title="Концерт", cancelled=True,
                   cancellation_reason="Ауа райына байланысты.")

    html = get(client, event_path(source, "ru"))

    assert "Мероприятие отменено." in html
    assert "Ауа райына байланысты." in html
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_held_event_shows_its_headcount(client):
    source = event(fresh_project(), almaty(2024, 5, 10), participants=1234,
                   count_kind="registered")

    assert "1,234" in get(client, event_path(source, "en"))


@pytest.mark.parametrize("live", [False])
def test_an_unpublished_event_is_not_found(client, live):
    source = event(fresh_project(), live=live)

    assert client.get(event_path(source), follow=True).status_code == 404


@pytest.mark.parametrize("path", ["000000000000/", "0123456789ab-x/", "zzzzzzzzzzzz/"])
def test_an_unknown_event_is_not_found(client, path):
    assert client.get(f"{PAGES['en']}{path}").status_code == 404


def test_the_language_switcher_links_the_event_in_each_language(client):
    source = event(fresh_project(), title="Кездесу")
    translate(source, "ru", title="Встреча")

    html = get(client, event_path(source, "ru"))
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    key = short_id(source.translation_key)

    assert f'href="/events/{key}-' in switcher
    assert f'href="/en/events/{key}-' in switcher
