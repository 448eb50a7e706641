"""The language switcher in the browser: a reader of a Kazakh-only article asks for Russian and
lands on the Russian news with a note and the filters kept, and finds the way back."""

import datetime
import os
from pathlib import Path

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.home.news_factories import make_article, news_index

TITLE = "Талғарда жастар форумы өтті"
SHOTS = Path(os.environ.get("SWITCHER_SHOTS", "/tmp/switcher-shots"))


def shot(tab, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def no_sideways_scroll(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def kazakh_only(demo_site):
    return make_article(title=TITLE, slug="talgar-youth-forum", date=datetime.date(2021, 3, 5),
                        lead="Жаңалық тек қазақ тілінде жарияланды.")


def test_a_kazakh_only_article_leads_to_the_russian_news_with_a_note(page, kazakh_only):
    # The reader filters the Kazakh news by year and opens the article.
    page.goto_path("/news/")
    page.locator("#id_year").select_option("2021")
    page.get_by_role("button", name="Көрсету").click()
    page.wait_for_url("**/news/?*year=2021*")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**{kazakh_only.url}")

    # Russian is offered, though the article has no translation.
    russian = page.locator(".language-switcher a", has_text="Русский")
    assert russian.get_attribute("hreflang") is None
    shot(page, "kk-article-1280")
    russian.click()

    page.wait_for_url("**/ru/news/?untranslated=*")
    note = page.locator(".notice--untranslated")
    assert note.is_visible()
    assert "Выбранная новость ещё не переведена на русский язык" in note.inner_text()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert_no_axe_violations(page)
    shot(page, "ru-news-note-1280")

    # The note links the original, in Kazakh.
    original = note.get_by_role("link", name=TITLE)
    assert original.get_attribute("lang") == "kk"
    original.click()
    page.wait_for_url(f"**{kazakh_only.url}")


def test_the_filters_of_a_shared_link_are_kept(page, kazakh_only):
    # A link shared with a filter the news index understands, and one it does not.
    page.goto_path(f"{kazakh_only.url}?year=2021&utm_source=telegram")
    page.locator(".language-switcher a", has_text="Русский").click()

    page.wait_for_url("**/ru/news/?year=2021&untranslated=*")
    assert "utm_source" not in page.url
    assert page.locator("#id_year").input_value() == "2021"
    assert page.locator(".notice--untranslated").is_visible()
    # Filtering again leaves the note behind.
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**/ru/news/?*")
    assert "untranslated" not in page.url
    assert page.locator(".notice--untranslated").count() == 0


def test_the_news_index_keeps_its_filters_when_the_language_changes(page):
    page.goto_path("/ru/news/")
    page.locator("#id_year").select_option("2021")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**/ru/news/?*year=2021*")

    page.locator(".language-switcher a[hreflang=en]").click()

    page.wait_for_url("**/en/news/?year=2021")
    assert page.locator("#id_year").input_value() == "2021"
    assert page.locator(".notice--untranslated").count() == 0


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("width", [1280, 390, 320])
def test_the_note_fits_every_screen_in_every_language(browser_session, kazakh_only, language,
                                                      width):
    tab = browser_session(viewport={"width": width, "height": 900})
    if language == "kk":
        # A Kazakh reader meets the note coming from an English-only article.
        source = make_article(index=news_index("en"), title="English only", slug="en-only")
        name = "Қазақша"
    else:
        source, name = kazakh_only, {"ru": "Русский", "en": "English"}[language]
    tab.goto_path(source.url)
    tab.locator(".language-switcher a", has_text=name).click()
    tab.wait_for_url("**untranslated=*")

    note = tab.locator(".notice--untranslated")
    assert note.is_visible()
    assert tab.locator("html").get_attribute("lang") == language
    assert no_sideways_scroll(tab)
    if width != 320:
        shot(tab, f"{language}-note-{width}")
    if width == 390:
        assert_no_axe_violations(tab)
