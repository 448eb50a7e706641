"""The calendar list: upcoming first then past, 20 a page, filters kept by every link."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.utils import html_lang

from .helpers import PAGES, almaty, event, fresh_project, titles, translate

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def days(number):
    return timezone.now() + datetime.timedelta(days=number)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_calendar_page_exists_in_each_language(client, language):
    html = get(client, PAGES[language])

    assert html_lang(html) == language
    assert 'class="eg-cal-filter"' in html


def test_upcoming_events_come_first_soonest_first_then_past_ones_latest_first(client):
    project = fresh_project()
    event(project, days(20), title="Later")
    event(project, days(2), title="Soon")
    event(project, days(-2), title="Yesterday-ish")
    event(project, days(-40), title="Long ago")

    html = get(client, PAGES["en"], project=project.slug)

    assert titles(html) == ["Soon", "Later", "Yesterday-ish", "Long ago"]
    assert html.index("Upcoming events") < html.index("Soon") < html.index("Past events")


def test_only_published_events_appear(client):
    project = fresh_project()
    event(project, title="Published")
    event(project, title="Draft", live=False)

    assert titles(get(client, PAGES["en"], project=project.slug)) == ["Published"]


def test_twenty_a_page_and_pagination_keeps_the_filters(client):
    project = fresh_project()
    for number in range(25):
        event(project, days(number + 1), title=f"Event {number:02d}")

    first = get(client, PAGES["en"], project=project.slug)
    second = get(client, PAGES["en"], project=project.slug, page=2)

    assert len(titles(first)) == 20
    assert titles(second) == [f"Event {number:02d}" for number in range(20, 25)]
    assert f'href="?project={project.slug}&amp;page=2"' in first


def test_filters_by_project_district_and_month(client):
    project = fresh_project()
    event(project, almaty(2026, 12, 5), title="Talgar December")
    event(project, almaty(2026, 12, 6), district_slug="kegen-district", title="Kegen December")
    event(project, almaty(2027, 1, 6), title="Talgar January")

    by_district = get(client, PAGES["en"], project=project.slug, district="kegen-district")
    by_month = get(client, PAGES["en"], project=project.slug, month="2026-12")
    by_day = get(client, PAGES["en"], project=project.slug, day="2026-12-06")

    assert titles(by_district) == ["Kegen December"]
    assert titles(by_month) == ["Talgar December", "Kegen December"]
    assert titles(by_day) == ["Kegen December"]


def test_a_month_is_an_almaty_month(client):
    project = fresh_project()
    # 00:30 in Almaty on 1 December is still 30 November in UTC.
    event(project, almaty(2026, 12, 1, 0, 30), title="Just after midnight")

    assert titles(get(client, PAGES["en"], project=project.slug, month="2026-12")) == [
        "Just after midnight"
    ]
    assert titles(get(client, PAGES["en"], project=project.slug, month="2026-11")) == []


def test_the_language_switcher_keeps_the_filters(client):
    project = fresh_project()
    event(project)

    html = get(client, PAGES["en"], project=project.slug, month="2026-12", page=1)
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)

    assert f'href="/ru/events/?project={project.slug}&amp;month=2026-12"' in switcher
    assert f'href="/events/?project={project.slug}&amp;month=2026-12"' in switcher


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"project": "no-such-project"}, "no-such-project"),
        ({"district": "atlantis"}, "atlantis"),
        ({"month": "2026-13"}, "YYYY-MM"),
        ({"month": "abc"}, "YYYY-MM"),
        ({"day": "2026-02-30"}, "YYYY-MM-DD"),
        ({"page": "x"}, "“x”"),
        ({"page": "9999"}, "“9999”"),
        ({"project": "x" * 300, "month": "\x00"}, "x" * 20),
    ],
)
def test_unknown_filter_values_are_named_in_a_notice_and_ignored(client, params, named):
    project = fresh_project()
    event(project, title="Still shown")

    html = get(client, PAGES["en"], project=[project.slug, params.pop("project", project.slug)],
               **params)

    assert 'class="eg-cal-notice" role="status"' in html
    assert named in html
    assert "Still shown" in html


def test_a_translated_event_is_listed_in_the_readers_language_others_in_the_original(client):
    project = fresh_project()
    translated = event(project, days(1), title="Кездесу")
    translate(translated, "en", title="Meeting")
    event(project, days(2), title="Семинар")

    html = get(client, PAGES["en"], project=project.slug)

    assert titles(html) == ["Meeting", "Семинар"]
    assert re.search(r'<article class="eg-event-card" lang="kk">\s*<h3[^>]*><a[^>]*>Семинар', html)
    assert "Not translated yet" in html
