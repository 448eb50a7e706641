"""The header's search box and the contacts in a browser: typed on a phone, found, accessible."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

PREFIXES = {"kk": "", "ru": "/ru", "en": "/en"}
#: (language, the search landmark's name, the field's label, the button, a query, a title it
#: must find)
SEARCHES = [
    ("kk", "Сайт бойынша іздеу", "Сайттан іздеу", "Іздеу", "конференциясы",
     "Облыстық партия филиалының XXVIII есеп беру-сайлау конференциясы өтті"),
    ("ru", "Поиск по сайту", "Поиск по сайту", "Поиск", "конференция",
     "Прошла XXVIII отчётно-выборная конференция областного филиала партии"),
    ("en", "Site search", "Search the site", "Search", "conference",
     "The party’s regional branch holds its 28th reporting-election conference"),
]
SCROLLS_SIDEWAYS = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize(("lang", "landmark", "label", "button", "query", "title"), SEARCHES)
def test_header_search_box_on_a_phone_finds_the_report(
    browser_session, lang, landmark, label, button, query, title
):
    tab = browser_session(viewport={"width": 390, "height": 844})
    tab.goto_path(PREFIXES[lang] + "/contacts/")
    assert not tab.evaluate(SCROLLS_SIDEWAYS)

    box = tab.get_by_role("search", name=landmark)
    assert box.get_by_role("button", name=button).is_visible()
    field = box.get_by_role("searchbox", name=label)
    field.click()
    field.type(query)
    field.press("Enter")

    tab.wait_for_url(f"**{PREFIXES[lang]}/search/?q=*")
    assert tab.get_by_role("link", name=title).is_visible()
    # The results page keeps the query in its own form.
    assert tab.locator("#search-query").input_value() == query
    assert not tab.evaluate(SCROLLS_SIDEWAYS)


def test_header_search_button_works_at_320_px(browser_session):
    tab = browser_session(viewport={"width": 320, "height": 640})
    tab.goto_path("/ru/events/")
    assert not tab.evaluate(SCROLLS_SIDEWAYS)

    tab.locator(".site-search").get_by_role("searchbox").fill("конференция")
    tab.locator(".site-search").get_by_role("button", name="Поиск").click()

    tab.wait_for_url("**/ru/search/?q=*")
    assert tab.get_by_role("link", name=SEARCHES[1][5]).is_visible()


def test_header_search_box_is_reached_with_the_keyboard(page):
    page.goto_path("/en/")

    page.locator(".site-search input").focus()
    page.keyboard.type("conference")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Search"
    page.keyboard.press("Enter")

    page.wait_for_url("**/en/search/?q=conference")


@pytest.mark.parametrize("lang", PREFIXES)
@pytest.mark.parametrize("width", [1280, 390, 320])
def test_contacts_page_is_accessible(browser_session, lang, width):
    tab = browser_session(viewport={"width": width, "height": 900})
    tab.goto_path(PREFIXES[lang] + "/contacts/")

    assert tab.locator("html").get_attribute("lang") == lang
    assert tab.locator("main a[href^='tel:']").count() == 1
    assert tab.locator("main a[href^='mailto:']").count() == 1
    assert tab.locator("footer a[href^='tel:']").count() == 1
    assert not tab.evaluate(SCROLLS_SIDEWAYS)
    assert_no_axe_violations(tab)


@pytest.mark.parametrize(("path", "status"), [("/ru/search/?q=конференция", 200),
                                            ("/en/no-such-page/", 404)])
def test_search_and_404_pages_with_the_header_box_are_accessible(
    browser_session, live_server, path, status
):
    tab = browser_session(viewport={"width": 390, "height": 844})
    response = tab.goto(live_server.url + path)

    assert response.status == status
    assert tab.locator(".site-search input").is_visible()
    assert not tab.evaluate(SCROLLS_SIDEWAYS)
    assert_no_axe_violations(tab)
