"""News pages in the browser: accessibility in three languages and the keyboard lightbox."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

REPORT = "news/xxviii-reporting-election-conference/"


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/news/", "kk"), ("/ru/news/", "ru"), ("/en/news/", "en"),
        (f"/{REPORT}", "kk"), (f"/ru/{REPORT}", "ru"), (f"/en/{REPORT}", "en"),
    ],
)
def test_news_pages_have_no_accessibility_violations(page, path, lang):
    page.goto_path(path)

    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(page)


def test_filtered_index_and_search_have_no_accessibility_violations(page):
    page.goto_path("/ru/news/?year=abc&project=baqytty-otbasy")
    assert page.locator(".notice").is_visible()
    assert_no_axe_violations(page)

    page.goto_path("/en/search/?q=conference")
    assert_no_axe_violations(page)


def active(page, expression):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def test_lightbox_opens_moves_and_closes_with_the_keyboard(page):
    page.goto_path(f"/en/{REPORT}")
    dialog = page.locator("dialog.eg-lightbox")
    counter = page.locator("[data-eg-counter]")
    image = page.locator("[data-eg-image]")
    page.wait_for_function("() => document.querySelector('[data-eg-gallery] dialog').egMove")

    page.locator(".eg-gallery__link").first.focus()
    page.keyboard.press("Enter")

    assert dialog.evaluate("element => element.open")
    assert counter.inner_text() == "1 / 2"
    assert "legacy-34077" in image.get_attribute("src")
    assert image.get_attribute("alt") == (
        "Sketch of a conference hall: a rostrum and rows of delegates"
    )
    assert active(page, "!!el.closest('dialog')")  # focus moved into the dialog

    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == "2 / 2"
    assert "legacy-34076" in image.get_attribute("src")

    page.keyboard.press("ArrowRight")  # wraps round to the first image
    assert counter.inner_text() == "1 / 2"
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == "2 / 2"

    page.keyboard.press("Escape")

    assert not dialog.evaluate("element => element.open")
    # Focus is back on the thumbnail of the image shown last (the dialog's close event, which
    # moves it there, is dispatched asynchronously).
    page.wait_for_function("() => document.activeElement.dataset.egIndex === '1'", timeout=2000)
    assert active(page, "el.dataset.egIndex") == "1"
    assert active(page, "el.className") == "eg-gallery__link"


def test_lightbox_closes_with_its_button_and_returns_focus_to_the_opener(page):
    page.goto_path(f"/ru/{REPORT}")
    page.wait_for_function("() => document.querySelector('[data-eg-gallery] dialog').egMove")

    page.locator(".eg-gallery__link").first.click()
    page.get_by_role("button", name="Закрыть").click()

    assert not page.locator("dialog.eg-lightbox").evaluate("element => element.open")
    assert active(page, "el.dataset.egIndex") == "0"
