"""The month view: a grid for the eye, a list of the days with events for assistive technology."""

import re

import pytest

from .helpers import PAGES, almaty, event, fresh_project

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def day_items(html):
    """``(aria-hidden?, text)`` of each cell of the grid."""
    grid = re.search(r'<ol class="eg-month__grid".*?</ol>\s*(?=<p|</div>)', html, re.S).group(0)
    cell = r'<li class="eg-day[^"]*"( aria-hidden="true")?>(.*?)</li>\s*(?=<li class="eg-day|</ol>)'
    return re.findall(cell, grid, re.S)


def test_events_are_in_their_almaty_day_and_empty_days_are_presentational(client):
    project = fresh_project()
    event(project, almaty(2026, 12, 1, 0, 30), title="Midnight meeting")
    event(project, almaty(2026, 12, 15, 14), title="Festival")

    html = get(client, f"{PAGES['en']}2026/12/", project=project.slug)
    cells = day_items(html)

    # December 2026 starts on a Tuesday: 35 cells (Monday 30 Nov … Sunday 3 Jan).
    assert len(cells) == 35
    with_events = [text for hidden, text in cells if not hidden]
    assert len(with_events) == 2
    assert "Midnight meeting" in with_events[0] and "Tuesday, Dec. 1, 2026" in with_events[0]
    assert "Festival" in with_events[1]
    # No empty day is read aloud, and none holds anything focusable.
    assert all("<a" not in text for hidden, text in cells if hidden)
    assert '<ul class="eg-month__weekdays" aria-hidden="true">' in html


def test_month_links_keep_the_filters_and_cross_years(client):
    project = fresh_project()

    html = get(client, f"{PAGES['ru']}2026/12/", project=project.slug)

    assert f'href="/ru/events/2026/11/?project={project.slug}" rel="prev"' in html
    assert f'href="/ru/events/2027/01/?project={project.slug}" rel="next"' in html


def test_day_links_open_the_days_list(client):
    project = fresh_project()
    for hour in (9, 10, 11, 12, 13):
        event(project, almaty(2026, 12, 9, hour), title=f"At {hour}")

    html = get(client, f"{PAGES['en']}2026/12/", project=project.slug)

    assert f'href="/en/events/?project={project.slug}&amp;day=2026-12-09"' in html
    assert "and 2 more" in html
    # The first three are in the cell; the others are behind "and 2 more".
    assert all(f"At {hour}<" in html for hour in (9, 10, 11))
    assert "At 12<" not in html and "At 13<" not in html


def test_the_month_view_exists_in_each_language_and_keeps_its_route(client):
    for language, path in PAGES.items():
        html = get(client, f"{path}2026/12/")
        switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
        for other, other_path in PAGES.items():
            if other != language:
                assert f'href="{other_path}2026/12/"' in switcher


@pytest.mark.parametrize("path", ["2026/13/", "2026/0/", "1999/12/", "9999/01/"])
def test_a_month_that_does_not_exist_is_not_found(client, path):
    assert client.get(f"{PAGES['en']}{path}").status_code == 404


def test_an_unknown_filter_in_the_month_view_is_a_notice(client):
    html = get(client, f"{PAGES['en']}2026/12/", district="nowhere")

    assert "nowhere" in html and 'class="eg-cal-notice"' in html


@pytest.mark.parametrize(
    ("lang", "previous", "following"),
    [
        # Inside a sentence Russian and Kazakh write month names in lower case.
        ("ru", "Предыдущий месяц: ноябрь 2026 г.", "Следующий месяц: январь 2027 г."),
        ("kk", "2026 ж. қараша", "2027 ж. қаңтар"),
        ("en", "Previous month: November 2026", "Next month: January 2027"),
    ],
)
def test_month_links_name_the_months_as_running_text_does(client, lang, previous, following):
    html = get(client, f"{PAGES[lang]}2026/12/")

    assert previous in html and following in html
