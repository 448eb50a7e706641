"""From numbers to events: every figure of the statistics page links to the events it counts,
and the district map shades and links the districts (engagement.stats.links, .district_map)."""

import html as html_module
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from engagement.public.models import EventCalendarPage
from engagement.stats import district_map as map_module
from engagement.stats.district_map import (
    INK,
    NO_PARTICIPANTS,
    OUTLINE,
    PALETTE,
    PAPER,
    contrast,
    layout,
    text_colour,
)

from .helpers import almaty, district, future
from .stats_helpers import fresh_project, held_event

pytestmark = pytest.mark.django_db

STATS = {"kk": "/statistics/", "ru": "/ru/statistics/", "en": "/en/statistics/"}
CALENDARS = {"kk": "/events/", "ru": "/ru/events/", "en": "/en/events/"}
ZHETYSU = {
    "aksu-district", "alakol-district", "eskeldi-district", "karatal-district",
    "kerbulak-district", "koksu-district", "panfilov-district", "sarkand-district",
    "taldykorgan", "tekeli",
}


def get(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, (path, params)
    return response.content.decode()


def as_int(text):
    return int(re.sub(r"[^\d]", "", text))


def table_rows(html, table_id):
    """``[(row name, events text, link or None, participants text)]`` of a figures table."""
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = html_module.unescape(re.search(r'<th scope="row">(.*?)</th>', row, re.S).group(1))
        cells = re.findall(r'<td class="stats-table__number">(.*?)</td>', row, re.S)
        link = re.search(r'<a href="([^"]+)">([^<]*)<', cells[0])
        events = link.group(2) if link else cells[0]
        rows.append((name, events, html_module.unescape(link.group(1)) if link else None,
                     cells[1]))
    return rows


def params(url):
    return sorted(parse_qsl(urlsplit(url).query))


def listed(client, url):
    """``(events, participants)`` that the calendar list shows at ``url``."""
    page = get(client, url)
    count = re.search(r'<p class="eg-cal-count" role="status">([^<]*)', page).group(1)
    participants = re.search(r'data-participants="(\d+)"', page)
    return as_int(count), int(participants.group(1)) if participants else None


def hexagons(html):
    """``{slug: {tag, href, level, participants, number, moved}}`` of the map."""
    found = {}
    pattern = re.compile(
        r'<(a|g) class="stats-map__district"(?: href="([^"]+)")?[^>]*data-district="([^"]+)" '
        r'data-level="(\d+)" data-participants="(\d+)">(.*?)</\1>', re.S,
    )
    for tag, href, slug, level, participants, inner in pattern.findall(html):
        number = re.search(r'class="stats-map__number"[^>]*>([^<]*)<', inner).group(1)
        found[slug] = {
            "tag": tag, "href": html_module.unescape(href) if href else None,
            "level": int(level), "participants": int(participants), "number": number,
            "moved": "stats-map__hex--moved" in inner,
        }
    return found


@pytest.fixture
def two_districts():
    """A project of its own: Kegen 2 held events (2023 and 2024), Talgar 1 (2023), and a
    planned and a cancelled event in Talgar that no figure counts."""
    project_ = fresh_project()
    held_event(project_, 300, "kegen-district", start=almaty(2023, 4, 1))
    held_event(project_, 200, "kegen-district", start=almaty(2024, 9, 1))
    held_event(project_, 50, "talgar-district", start=almaty(2023, 4, 20))
    held_event(project_, 0, "talgar-district", start=future(5), count_kind="")
    held_event(project_, 0, "talgar-district", start=almaty(2023, 5, 2), cancelled=True,
               cancellation_reason="Дауыл", count_kind="")
    return project_


def test_project_district_and_month_links_carry_the_right_filters(client, two_districts):
    slug = two_districts.slug
    html = get(client, STATS["en"], {"project": slug, "year": "2023"})

    districts = {name: link for name, _events, link, _p in table_rows(html, "table-districts")}
    kegen = district("kegen-district")
    kegen_link = next(link for name, link in districts.items() if "Kegen" in name)
    assert kegen_link.startswith("/en/events/?")
    # The district's own filter, the page's project and year, and "held" as the page counts.
    assert params(kegen_link) == sorted([
        ("project", slug), ("district", kegen.slug), ("year", "2023"), ("status", "held"),
    ])
    months = {name: link for name, _events, link, _p in table_rows(html, "table-months")}
    april = next(link for name, link in months.items() if "April" in name)
    assert params(april) == sorted([("project", slug), ("month", "2023-04"), ("status", "held")])
    # A month without events is plain text: nothing to list.
    assert months[next(name for name in months if "June" in name)] is None
    projects = table_rows(html, "table-projects")
    assert params(projects[0][2]) == sorted([("project", slug), ("year", "2023"),
                                             ("status", "held")])


def test_a_district_page_links_its_projects_with_the_district(client, two_districts):
    html = get(client, STATS["en"], {"district": "kegen-district"})

    for _name, _events, link, _participants in table_rows(html, "table-projects"):
        assert ("district", "kegen-district") in params(link)
    # The district's own row replaces the page's district filter instead of adding to it.
    (row,) = table_rows(html, "table-districts")
    assert [value for key, value in params(row[2]) if key == "district"] == ["kegen-district"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_following_a_link_shows_the_events_the_figure_counts(client, two_districts, language):
    html = get(client, STATS[language], {"project": two_districts.slug})

    checked = 0
    for table in ("table-districts", "table-projects", "table-months"):
        for _name, events, link, participants in table_rows(html, table):
            if link is None:
                assert as_int(events) == 0
                continue
            assert link.startswith(CALENDARS[language] + "?")
            assert listed(client, link) == (as_int(events), as_int(participants))
            checked += 1
    assert checked == 2 + 1 + 2  # two districts, one project, two months with events
    # The planned and the cancelled events are on the unfiltered list, not on the figure's.
    all_talgar = get(client, CALENDARS[language],
                     {"project": two_districts.slug, "district": "talgar-district"})
    assert as_int(re.search(r'class="eg-cal-count" role="status">([^<]*)', all_talgar)
                  .group(1)) == 3


def test_every_district_of_the_whole_page_agrees_with_its_list(client):
    """The demo's figures, unfiltered: the list of each district shows its figure."""
    html = get(client, STATS["en"])

    rows = table_rows(html, "table-districts")
    assert len(rows) >= 10
    for _name, events, link, participants in rows:
        assert listed(client, link) == (as_int(events), as_int(participants))
    total_link = re.search(r'<p class="stats-events-link"><a href="([^"]+)"', html).group(1)
    events_total = as_int(re.search(r'<dd data-total="events">([^<]*)</dd>', html).group(1))
    assert listed(client, html_module.unescape(total_link))[0] == events_total


def test_without_a_calendar_page_in_the_language_figures_are_plain_text(client, two_districts):
    EventCalendarPage.objects.filter(locale__language_code="ru").update(live=False)

    html = get(client, STATS["ru"], {"project": two_districts.slug})

    assert "/events/" not in html  # neither the Russian list, nor another language's
    assert all(link is None for table in ("table-districts", "table-projects", "table-months")
               for _n, _e, link, _p in table_rows(html, table))
    assert all(item["tag"] == "g" for item in hexagons(html).values())
    assert "stats-events-link" not in html


@pytest.mark.parametrize(
    "query",
    [{"status": "maybe"}, {"year": "twenty"}, {"year": "1999"}, {"district": "atlantis"},
     {"project": "nope", "status": "held", "month": "2023-13"}, {"status": "cancelled"}],
)
def test_unknown_calendar_filters_are_a_notice_not_an_error(client, query):
    html = get(client, CALENDARS["en"], query)

    assert 'class="eg-cal-notice"' in html
    assert "This filter is not applied." in html


def test_unknown_statistics_filters_still_render_the_map(client):
    html = get(client, STATS["kk"], {"district": "atlantis", "year": "x"})

    assert 'class="stats-notice"' in html
    assert len(hexagons(html)) == 20


def test_held_filter_and_year_narrow_the_list(client, two_districts):
    base = {"project": two_districts.slug}

    assert listed(client, CALENDARS["en"] + "?" + "&".join(
        f"{k}={v}" for k, v in {**base, "status": "held"}.items())) == (3, 550)
    in_2024 = get(client, CALENDARS["en"], {**base, "year": "2024"})
    assert as_int(re.search(r'role="status">([^<]*)', in_2024).group(1)) == 1
    assert 'value="2024" selected' in in_2024
    # Headcounts of held events are on their cards.
    assert "300 participants" in get(client, CALENDARS["en"], {**base, "status": "held"})


# --- the map ---------------------------------------------------------------------------


def test_each_district_on_the_map_links_its_list_with_its_number(client, two_districts):
    html = get(client, STATS["en"], {"project": two_districts.slug})

    drawn = hexagons(html)
    assert set(drawn) == {tile.slug for tile in layout().values()}
    assert len(drawn) == 20
    links = {name: link for name, _e, link, _p in table_rows(html, "table-districts")}
    kegen, talgar = drawn["kegen-district"], drawn["talgar-district"]
    assert kegen["tag"] == "a" and kegen["number"] == "500"
    assert kegen["href"] == next(link for name, link in links.items() if "Kegen" in name)
    assert talgar["number"] == "50"
    assert listed(client, kegen["href"]) == (2, 500)
    # A district without events is drawn, with its 0, but is not a link to an empty list.
    assert drawn["aksu-district"] == {**drawn["aksu-district"], "tag": "g", "number": "0",
                                      "href": None, "level": 0}


def test_the_map_links_have_names_that_start_with_their_visible_text(client, two_districts):
    html = get(client, STATS["ru"], {"project": two_districts.slug})

    label = re.search(r'<a class="stats-map__district" href="[^"]+" aria-label="([^"]+)" '
                      r'data-district="kegen-district"', html).group(1)
    assert label == "Кегенский 500 участников, 2 мероприятия (Кегенский район)"


def test_shading_follows_the_participants(client):
    html = get(client, STATS["en"])

    drawn = sorted(hexagons(html).values(), key=lambda item: item["participants"])
    levels = [item["level"] for item in drawn]
    assert levels == sorted(levels)
    assert levels[-1] == 5  # the demo spreads over the whole scale
    for item in drawn:
        assert (item["level"] == 0) == (item["participants"] == 0)
    # The legend has a class for each level, lightest first.
    legend = re.findall(r'<li data-level="(\d+)">', html)
    assert legend == ["0", "1", "2", "3", "4", "5"]


def test_colours_are_legible():
    for fill in (*PALETTE, NO_PARTICIPANTS):
        assert contrast(fill, text_colour(fill)) >= 4.5
        assert text_colour(fill) in (INK, PAPER)
    # Every hexagon's outline stands out from the page (and from every fill) by 3:1 or more.
    assert contrast(OUTLINE, "#ffffff") >= 3
    luminances = [contrast(fill, "#000000") for fill in PALETTE]
    assert luminances == sorted(luminances, reverse=True)  # darker for more participants


@pytest.mark.parametrize(("year", "moved"), [("2021", False), ("2023", True), ("", True)])
def test_districts_that_went_to_zhetysu_are_marked_after_8_june_2022(client, year, moved):
    html = get(client, STATS["en"], {"year": year} if year else {})

    drawn = hexagons(html)
    assert {slug for slug, item in drawn.items() if item["moved"]} == (ZHETYSU if moved else set())
    assert ("Went to another region on June 8, 2022: Zhetysu Region" in html) is moved


def test_a_district_filter_leaves_the_other_districts_blank(client, two_districts):
    html = get(client, STATS["en"], {"project": two_districts.slug, "district": "talgar-district"})

    drawn = hexagons(html)
    assert drawn["talgar-district"]["tag"] == "a"
    assert drawn["kegen-district"]["tag"] == "g" and drawn["kegen-district"]["number"] == "–"


def test_the_map_costs_one_query(client, django_assert_max_num_queries, monkeypatch):
    """The map adds the transfers query only, whatever the number of districts."""
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(40) as with_map:
        get(client, STATS["en"])
    cache.clear()
    monkeypatch.setattr(map_module, "layout", lambda: {})
    with django_assert_max_num_queries(40) as without_map:
        get(client, STATS["en"])
    assert len(with_map.captured_queries) - len(without_map.captured_queries) <= 1


def test_names_in_the_hexagons_are_short():
    from engagement.stats.district_map import short_name

    assert short_name("Талғар ауданы") == "Талғар"
    assert short_name("город Текели") == "Текели"
    assert short_name("Tekeli (city of regional significance)") == "Tekeli"
    assert short_name("Talgar District") == "Talgar"


def test_the_held_list_makes_as_many_queries_with_200_events_as_with_20(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (20, 200):
        project_ = fresh_project()
        for number in range(size):
            held_event(project_, 10, start=almaty(2023, 1 + number % 12, 1 + number % 28))
        url = f"{CALENDARS['en']}?project={project_.slug}&status=held"
        assert listed(client, url) == (size, 10 * size)  # also fills per-process caches
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        counts.append(len(context.captured_queries))

    assert counts[0] == counts[1] <= 25
