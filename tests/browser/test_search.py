"""Search in the browser: a citizen types in the header as they would, in kk and ru.

«Талгар» (typed without ғ) and «молодежь» (without ё) find what is written «Талғар» and
«Молодёжь»; when the other language has matches, the page says how many and links there.
"""

import pytest

from tests.browser.conftest import assert_no_axe_violations

TALGAR_EVENT = "Семинар — Талғар қаласы"
YOUTH_NEWS = "Молодёжь приняла участие в озеленении сёл"


def search_from_the_header(tab, text):
    box = tab.locator("#site-search-query")
    box.fill(text)
    box.press("Enter")
    tab.wait_for_load_state()


def fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_talgar_typed_without_the_kazakh_letter_finds_the_events(browser_session, width):
    tab = browser_session(viewport={"width": width, "height": 900})
    tab.goto_path("/")
    search_from_the_header(tab, "Талгар")

    assert tab.url.endswith("/search/?q=%D0%A2%D0%B0%D0%BB%D0%B3%D0%B0%D1%80")
    assert tab.get_by_role("link", name=TALGAR_EVENT).is_visible()
    assert fits(tab)
    assert_no_axe_violations(tab)


def test_youth_typed_without_yo_finds_the_article_and_kk_points_to_russian(browser_session):
    tab = browser_session()
    tab.goto_path("/ru/")
    search_from_the_header(tab, "молодежь")
    assert tab.get_by_role("link", name=YOUTH_NEWS).is_visible()

    tab.goto_path("/")
    search_from_the_header(tab, "молодежь")
    note = tab.locator(".search-elsewhere a")
    assert note.inner_text() == "Русский: 2 нәтиже"
    assert_no_axe_violations(tab)
    note.click()
    tab.wait_for_load_state()

    assert "/ru/search/" in tab.url
    assert tab.locator("html").get_attribute("lang") == "ru"
    assert tab.get_by_role("link", name=YOUTH_NEWS).is_visible()


def test_russian_search_for_talgar_links_to_the_kazakh_matches_on_a_phone(browser_session):
    tab = browser_session(viewport={"width": 320, "height": 800})
    tab.goto_path("/ru/")
    search_from_the_header(tab, "Талгар")
    note = tab.locator(".search-elsewhere a")
    assert note.inner_text().startswith("Қазақша: ")
    assert fits(tab)
    note.click()
    tab.wait_for_load_state()

    assert tab.get_by_role("link", name=TALGAR_EVENT).is_visible()
