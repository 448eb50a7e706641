"""The statistics page in the browser: accessibility in three languages, charts readable
without sight (a text alternative and a table for each; axe-core checks neither)."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

PAGES = [("/statistics/", "kk"), ("/ru/statistics/", "ru"), ("/en/statistics/", "en")]


@pytest.mark.parametrize(("path", "lang"), PAGES)
def test_statistics_pages_have_no_accessibility_violations(page, path, lang):
    page.goto_path(path)

    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("svg[role=img]").count() == 3
    assert_no_axe_violations(page)


def test_a_page_with_refused_filters_has_no_accessibility_violations(page):
    page.goto_path("/ru/statistics/?year=20x1&district=atlantis")

    assert page.locator(".stats-notice").is_visible()
    assert_no_axe_violations(page)


CHARTS = """() => [...document.querySelectorAll("figure.stats-chart")].map(figure => {
    const svg = figure.querySelector("svg");
    const name = (svg.getAttribute("aria-labelledby") || "").split(" ")
        .map(id => document.getElementById(id)?.textContent.trim() || "");
    const next = figure.nextElementSibling;
    const table = next && next.querySelector("table");
    return {
        role: svg.getAttribute("role"),
        title: name[0], description: name[1],
        bars: svg.querySelectorAll("rect").length,
        table: !!table,
        caption: table ? table.caption.textContent.trim() : "",
        headers: table ? table.querySelectorAll("thead th[scope=col]").length : 0,
        rows: table ? table.tBodies[0].rows.length : 0,
    };
})"""


@pytest.mark.parametrize(("path", "lang"), PAGES)
def test_each_chart_has_a_text_alternative_and_is_followed_by_its_table(page, path, lang):
    page.goto_path(path)

    charts = page.evaluate(CHARTS)

    assert len(charts) == 3
    for chart in charts:
        assert chart["role"] == "img"
        assert chart["title"] and len(chart["description"]) > 30
        assert chart["table"] and chart["caption"] == chart["title"]
        assert chart["headers"] >= 3
        assert chart["rows"] == chart["bars"] > 0


def test_the_page_and_its_filters_need_no_javascript(page):
    page.goto_path("/en/statistics/")
    assert page.locator("main script").count() == 0

    year = page.locator("#id_year option").nth(1).get_attribute("value")
    page.select_option("#id_year", year)
    page.click("main button[type=submit]")

    assert page.url.endswith(f"year={year}")
    assert page.locator("#id_year option[selected]").get_attribute("value") == year
