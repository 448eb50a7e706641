"""An editor translates a kk news page into Russian: the translation is a draft that nobody
sees until the translator clicks Publish in the translation editor."""

from home.models import NewsPage
from tests.engagement.helpers import make_user
from tests.home.news_factories import locale, make_article

SHOTS = "/tmp/drafts-shots"
TITLE = "Аудандық жиналыс өтті"


def status_of(tab, live_server, path):
    return tab.goto(live_server.url + path).status


def test_translate_this_page_makes_a_draft_until_the_translator_publishes(
        browser_session, live_server):
    article = make_article(title=TITLE, slug="audandyq-zhinalys", lead="Жиналыс туралы")
    make_user("translator", superuser=True, language="en")
    ru_path = "/ru/news/audandyq-zhinalys/"
    public = browser_session()
    assert status_of(public, live_server, ru_path) == 404

    editor = browser_session("translator")
    editor.goto_path(f"/admin/pages/{article.pk}/edit/")
    editor.get_by_role("button", name="Actions").locator("visible=true").first.click()
    editor.get_by_role("link", name="Translate this page").click()
    editor.wait_for_url("**/localize/submit/page/**")
    editor.get_by_label("Русский").check()
    editor.get_by_role("button", name="Submit").click()
    editor.wait_for_url(lambda url: "/localize/submit/" not in url)

    draft = NewsPage.objects.get(translation_key=article.translation_key, locale=locale("ru"))
    assert draft.live is False
    # The public sees nothing of it: no page, no listing, no feed, no link from the kk page.
    assert status_of(public, live_server, ru_path) == 404
    public.goto_path("/ru/news/")
    assert TITLE not in public.content()
    public.goto_path("/ru/feed/")
    assert TITLE not in public.content()
    public.goto_path(article.url)
    assert public.locator(f'a[href$="{ru_path}"], link[href$="{ru_path}"]').count() == 0
    public.goto_path("/sitemap.xml")
    assert ru_path not in public.content()

    # The translator publishes in the translation editor.
    editor.goto_path(f"/admin/pages/{draft.pk}/edit/")
    editor.screenshot(path=f"{SHOTS}/translation-editor-en-1280.png")
    editor.get_by_role("button", name="Publish in Русский").click()
    editor.wait_for_load_state()
    editor.get_by_text("Published").first.wait_for()

    draft.refresh_from_db()
    assert draft.live
    assert status_of(public, live_server, ru_path) == 200
    public.set_viewport_size({"width": 390, "height": 844})
    public.goto_path("/ru/news/")
    assert public.get_by_role("link", name=TITLE).count() == 1
    public.screenshot(path=f"{SHOTS}/ru-news-published-390.png", full_page=False)
    public.goto_path(article.url)
    assert public.locator(f'link[hreflang="ru"][href$="{ru_path}"]').count() == 1
