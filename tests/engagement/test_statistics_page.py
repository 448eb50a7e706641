"""The public statistics page: totals, charts with text alternatives and tables, filters."""

import re

import pytest
from django.core.cache import cache
from django.utils import translation

from engagement.stats.presentation import PARTICIPANTS_DEFINITION
from tests.utils import find_tags, html_lang

from .helpers import almaty, district
from .stats_helpers import fresh_project, held_event, sql_totals

pytestmark = pytest.mark.django_db

PAGES = {"kk": "/statistics/", "ru": "/ru/statistics/", "en": "/en/statistics/"}
NUMBER_ATTRIBUTES = ("x", "y", "width", "height", "x1", "x2", "y1", "y2", "viewBox")


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def dd_total(html, name):
    match = re.search(rf'<dd data-total="{name}">([^<]*)</dd>', html)
    return match.group(1)


def as_int(text):
    return int(re.sub(r"[^\d]", "", text))


@pytest.fixture
def million_project():
    """A project whose two events add up to 1,200,000 participants."""
    project_ = fresh_project()
    held_event(project_, 700_000, start=almaty(2023, 4, 1))
    held_event(project_, 500_000, "kegen-district", start=almaty(2024, 9, 1))
    return project_


@pytest.mark.parametrize(
    ("language", "written"),
    [("kk", "1\xa0200\xa0000"), ("ru", "1\xa0200\xa0000"), ("en", "1,200,000")],
)
def test_totals_are_written_in_the_languages_grouping(client, million_project, language,
                                                      written):
    html = get(client, PAGES[language], project=million_project.slug)

    assert html_lang(html) == language
    assert dd_total(html, "participants") == written
    assert dd_total(html, "events") == "2"
    with translation.override(language):
        assert str(PARTICIPANTS_DEFINITION) in html.replace("&#x27;", "'")


def test_the_unfiltered_page_shows_the_same_totals_as_sql(client):
    html = get(client, PAGES["en"])

    events, participants = sql_totals()
    assert as_int(dd_total(html, "events")) == events
    assert as_int(dd_total(html, "participants")) == participants
    assert participants > 0  # the demo's seeded events


def test_filters_by_project_district_and_year(client, million_project):
    kegen = district("kegen-district")

    by_district = get(client, PAGES["en"], project=million_project.slug, district=kegen.slug)
    by_year = get(client, PAGES["en"], project=million_project.slug, year=2023)

    assert dd_total(by_district, "participants") == "500,000"
    assert dd_total(by_year, "participants") == "700,000"
    assert 'value="2023" selected' in by_year


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "20x1"}, "Enter a year as four digits"),
        ({"project": "no-such-project"}, "There is no project “no-such-project”"),
        ({"district": "atlantis"}, "There is no district or city “atlantis”"),
        ({"year": "99999"}, "Year"),
    ],
)
def test_an_invalid_filter_is_reported_and_the_page_is_unfiltered(client, params, message):
    html = get(client, PAGES["en"], **params)
    unfiltered = get(client, PAGES["en"])

    notice = re.search(r'<div class="stats-notice" role="status">(.*?)</div>', html, re.S)
    assert notice and message in notice.group(1).replace("&#x27;", "'")
    assert dd_total(html, "participants") == dd_total(unfiltered, "participants")


def test_a_valid_filter_still_applies_next_to_an_invalid_one(client, million_project):
    html = get(client, PAGES["en"], project=million_project.slug, year="20x1")

    assert dd_total(html, "participants") == "1,200,000"
    assert "stats-notice" in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_chart_has_a_text_alternative_and_a_table_of_its_numbers(client, language):
    html = get(client, PAGES[language])

    charts = re.findall(
        r'<figure class="stats-chart".*?</figure>\s*<div class="stats-table"[^>]*>\s*'
        r'(?:<p class="stats-table__hint"[^>]*>[^<]*</p>\s*)?<table.*?</table>',
        html, re.S,
    )
    assert len(charts) == 3  # by project, by month, by district
    for chart in charts:
        svg = find_tags(chart, "svg")[0]
        assert svg["role"] == "img"
        for element_id in svg["aria-labelledby"].split():
            text = re.search(rf'id="{element_id}">([^<]+)<', chart).group(1)
            assert len(text.strip()) > 10
        table = chart[chart.index("<table"):]
        assert "<caption" in table and '<th scope="col">' in table
        # Every value written next to a bar or in a tooltip is in the table too.
        for value in re.findall(r'class="stats-chart__value"[^>]*>([^<]+)<', chart):
            assert f">{value}</td>" in table


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_svg_coordinates_are_not_localized(client, language):
    html = get(client, PAGES[language])

    svg = html[html.index("<svg"):html.rindex("</svg>")]
    for tag in ("svg", "rect", "text", "line"):
        for attributes in find_tags(svg, tag):
            for name in NUMBER_ATTRIBUTES:
                if name in attributes:
                    assert re.fullmatch(r"-?\d+(\.\d+)?( -?\d+(\.\d+)?)*", attributes[name]), (
                        tag, name, attributes[name]
                    )


def test_links_to_the_same_figures_as_open_data(client, million_project):
    html = get(client, PAGES["ru"], project=million_project.slug, year="2023")

    assert f"/ru/open-data/statistics.json?project={million_project.slug}&amp;year=2023" in html
    assert "/ru/open-data/statistics.csv?" in html


def test_queries_do_not_grow_with_the_events(client, django_assert_max_num_queries):
    def queries():
        cache.clear()
        with django_assert_max_num_queries(40) as context:
            get(client, PAGES["en"])
        return len(context.captured_queries)

    project_ = fresh_project()
    held_event(project_, 1, start=almaty(2022, 1, 1))
    small = queries()
    for day in range(1, 29):
        held_event(project_, day, start=almaty(2022, 2, day))
    large = queries()

    assert large == small


@pytest.mark.parametrize(("language", "url"), [("kk", "/statistics/"), ("ru", "/ru/statistics/")])
def test_hosts_can_link_to_the_statistics_page_of_the_active_language(language, url):
    from django.template import Context, Template

    with translation.override(language):
        html = Template("{% load engagement_stats %}{% statistics_page_url %}").render(Context())

    assert html == url


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("value", [0, 7, 1_000, 1_200_000, 120_000_000, -4_500])
def test_numbers_are_written_as_intcomma_writes_them(language, value):
    from django.contrib.humanize.templatetags.humanize import intcomma

    from engagement.stats.presentation import number

    with translation.override(language):
        assert number(value) == intcomma(value)
