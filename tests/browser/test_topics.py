"""A Kazakh editor gives an article a topic and translates it into Russian: the Russian page
shows the topic's Russian name and links the Russian filter with the same slug."""

import re

import pytest

from home.models import NewsPage, Topic
from tests.browser.conftest import assert_no_axe_violations
from tests.engagement.helpers import make_user
from tests.home.news_factories import locale, make_article

SHOTS = "/tmp/topics-shots"
TITLE = "Жастар форумы өтті"


def test_a_kazakh_editor_adds_a_topic_and_the_russian_translation_names_it_in_russian(
        browser_session, live_server):
    article = make_article(title=TITLE, slug="zhastar-forumy", lead="Форум туралы")
    article.save_revision().publish()
    make_user("redaktor", superuser=True, language="kk")
    youth = Topic.objects.get(slug="zhastar", locale=locale("kk"))

    editor = browser_session("redaktor")
    editor.goto_path(f"/admin/pages/{article.pk}/edit/")
    checkbox = editor.get_by_label("Жастар", exact=True)
    checkbox.scroll_into_view_if_needed()
    # Only the Kazakh topics are offered to a Kazakh article.
    assert editor.get_by_label("Молодёжь").count() == 0
    checkbox.check()
    editor.screenshot(path=f"{SHOTS}/editor-kk-topics-1280.png", full_page=True)
    editor.get_by_role("button", name="Басқа әрекеттер").click()
    editor.get_by_role("button", name="Жариялау").click()
    editor.wait_for_url(lambda url: f"/pages/{article.pk}/edit/" not in url)
    assert [link.topic for link in NewsPage.objects.get(pk=article.pk).topic_links.all()] == [
        youth
    ]

    editor.goto_path(f"/admin/pages/{article.pk}/edit/")
    editor.get_by_role("button", name="Әрекеттер").locator("visible=true").first.click()
    editor.get_by_role("link", name="Бұл бетті аудару").click()
    editor.wait_for_url("**/localize/submit/page/**")
    editor.get_by_label("Русский").check()
    editor.get_by_role("button", name="Жіберу").click()
    editor.wait_for_url(lambda url: "/localize/submit/" not in url)
    draft = NewsPage.objects.get(translation_key=article.translation_key, locale=locale("ru"))
    editor.goto_path(f"/admin/pages/{draft.pk}/edit/")
    editor.screenshot(path=f"{SHOTS}/translation-editor-kk-1280.png")
    editor.get_by_role("button", name=re.compile("Жариялау.*Русский")).click()
    editor.wait_for_load_state()
    draft.refresh_from_db()
    for _attempt in range(50):
        if draft.live:
            break
        editor.wait_for_timeout(100)
        draft.refresh_from_db()
    assert draft.live

    public = browser_session()
    public.goto_path("/ru/news/zhastar-forumy/")
    topics = public.locator(".news-article__tags")
    assert topics.get_by_role("link", name="Молодёжь").get_attribute("href") == (
        "/ru/news/?topic=zhastar"
    )
    assert "Жастар" not in topics.inner_text()
    public.screenshot(path=f"{SHOTS}/ru-article-topic-1280.png", full_page=True)
    assert_no_axe_violations(public)
    public.get_by_role("link", name="Молодёжь").click()
    assert public.get_by_role("heading", name=TITLE).count() == 1
    assert public.locator("#id_topic").input_value() == "zhastar"


@pytest.mark.parametrize(("path", "width"), [
    ("/news/?topic=zhastar", 1280), ("/ru/news/?topic=zhastar", 390),
    ("/en/news/?topic=zhastar", 320),
])
def test_a_topics_news_read_in_each_language_without_sideways_scrolling(page, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto_path(path)

    assert page.locator(".news-card").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)
    name = path.strip("/").split("/")[0] if path.startswith(("/ru", "/en")) else "kk"
    page.screenshot(path=f"{SHOTS}/news-topic-{name}-{width}.png", full_page=True)
