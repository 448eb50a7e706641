import pytest

from tests.browser.conftest import assert_no_axe_violations, axe_violations


@pytest.mark.parametrize(("path", "lang"), [("/", "kk"), ("/ru/", "ru"), ("/en/", "en")])
def test_home_page_has_no_accessibility_violations(page, path, lang):
    page.goto_path(path)

    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(page)


def test_axe_helper_reports_a_real_violation(page):
    """The harness itself: an image without alt text must be caught."""
    page.goto_path("/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x>')")

    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}


def test_skip_link_moves_focus_to_main_content(page):
    page.goto_path("/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_opens_the_translation(page):
    page.goto_path("/")

    page.get_by_role("link", name="Русский").click()

    page.wait_for_url("**/ru/")
    assert page.locator("h1").inner_text() == "Алматинский областной филиал"
