"""From numbers to events in the browser: a keyboard user on a phone tabs to a district on the
map or in the table, opens its events and finds the figure there; the map fits the screen and
passes axe in three languages."""

import re

import pytest

from tests.browser.conftest import assert_no_axe_violations

PHONE = {"width": 390, "height": 844}
FOCUSED = """() => {
    const el = document.activeElement;
    return {
        map: el.matches("a.stats-map__district"),
        table: !!el.closest("#table-districts") && el.tagName === "A",
        district: el.getAttribute("data-district"),
        participants: el.getAttribute("data-participants"),
        number: el.matches("a.stats-map__district")
            ? el.querySelector(".stats-map__number").textContent : el.textContent,
        href: el.getAttribute("href"),
    };
}"""


def tab_to(tab, wanted, limit=400):
    """Press Tab until the focused element is ``wanted`` ("map" or "table"); its details."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if focused[wanted]:
            return focused
    raise AssertionError(f"no {wanted} link reached with the keyboard")


def digits(text):
    return int(re.sub(r"\D", "", text))


def test_a_keyboard_user_opens_a_districts_events_from_the_map(browser_session):
    tab = browser_session(viewport=PHONE)
    tab.goto_path("/en/statistics/")

    focused = tab_to(tab, "map")
    # The focused hexagon is visibly marked (its outline turns orange).
    stroke = tab.evaluate(
        "() => getComputedStyle(document.activeElement.querySelector('polygon')).stroke")
    assert stroke == "rgb(179, 92, 0)"
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/en/events/\?"))

    assert f"district={focused['district']}" in tab.url and "status=held" in tab.url
    shown = tab.locator("[data-participants]").first.get_attribute("data-participants")
    assert int(shown) == int(focused["participants"]) == digits(focused["number"])
    assert tab.locator("#id_district option[selected]").get_attribute("value") == \
        focused["district"]
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_keyboard_user_opens_a_districts_events_from_the_table(browser_session):
    tab = browser_session(viewport=PHONE)
    tab.goto_path("/ru/statistics/")

    focused = tab_to(tab, "table")
    events = digits(focused["number"])
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/ru/events/\?"))

    count = tab.locator(".eg-cal-count").inner_text()
    assert digits(count.split("·")[0]) == events
    assert tab.locator(".eg-event-card").count() == min(events, 20)


@pytest.mark.parametrize("path", ["/statistics/", "/ru/statistics/", "/en/statistics/"])
@pytest.mark.parametrize("width", [320, 390])
def test_the_map_fits_a_phone_and_passes_axe(browser_session, path, width):
    tab = browser_session(viewport={"width": width, "height": 800})
    tab.goto_path(path)

    box = tab.locator("svg.stats-map__svg").bounding_box()
    assert box["width"] <= width and box["x"] >= 0
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
    assert tab.locator("a.stats-map__district").count() >= 10
    assert_no_axe_violations(tab)
