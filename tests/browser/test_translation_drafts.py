"""An editor translates a kk news page into Russian: the translation is a draft that nobody
sees until the translator clicks Publish in the translation editor."""

from home.models import NewsPage
from tests.engagement.helpers import make_user
from tests.home.news_factories import locale, make_article

SHOTS = "/tmp/drafts2-shots"
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


SECTION = "Бөлім жаңалықтары"
CHILD = "Бөлімдегі жиналыс"


def test_translating_a_child_of_an_untranslated_section_drafts_the_section_too(
        browser_session, live_server, demo_site):
    from home.models import NewsIndexPage

    section = NewsIndexPage(title=SECTION, slug="bolim", locale=demo_site.locale)
    demo_site.add_child(instance=section)  # a second kk section, made in code as an import would
    section.save_revision().publish()
    child = make_article(index=section, title=CHILD, slug="zhinalys", lead="Жиналыс туралы")
    make_user("translator", superuser=True, language="en")
    public = browser_session()
    paths = ["/ru/bolim/", "/ru/bolim/zhinalys/"]
    assert [status_of(public, live_server, path) for path in paths] == [404, 404]

    editor = browser_session("translator")
    editor.goto_path(f"/admin/pages/{child.pk}/edit/")
    editor.get_by_role("button", name="Actions").locator("visible=true").first.click()
    editor.get_by_role("link", name="Translate this page").click()
    editor.wait_for_url("**/localize/submit/page/**")
    editor.get_by_label("Русский").check()
    editor.get_by_role("button", name="Submit").click()
    editor.wait_for_url(lambda url: "/localize/submit/" not in url)

    # Nothing is public: neither the section (no alias with the kk content) nor the child.
    parent = NewsIndexPage.objects.get(translation_key=section.translation_key,
                                       locale=locale("ru"))
    assert parent.alias_of_id is None and parent.live is False
    assert [status_of(public, live_server, path) for path in paths] == [404, 404]
    public.goto_path("/sitemap.xml")
    assert "/ru/bolim/" not in public.content()
    public.goto_path(section.url)
    assert public.locator('a[href$="/ru/bolim/"], link[href$="/ru/bolim/"]').count() == 0

    # The translator is told about the section's draft and opens it from the message.
    notice = editor.locator(".messages").get_by_text("had no translation into Русский")
    notice.wait_for()
    editor.screenshot(path=f"{SHOTS}/parent-draft-message-en-1280.png")
    editor.set_viewport_size({"width": 390, "height": 844})
    editor.screenshot(path=f"{SHOTS}/parent-draft-message-en-390.png")
    editor.set_viewport_size({"width": 1280, "height": 900})
    child_editor_url = editor.url
    editor.get_by_role("link", name=f"Edit the draft of “{SECTION}”").click()
    editor.wait_for_url(f"**/admin/pages/{parent.pk}/edit/")
    editor.get_by_role("button", name="Publish in Русский").click()
    editor.wait_for_load_state()
    editor.get_by_text("Published").first.wait_for()
    assert status_of(public, live_server, "/ru/bolim/") == 200

    editor.goto(child_editor_url)
    editor.get_by_role("button", name="Publish in Русский").click()
    editor.wait_for_load_state()
    editor.get_by_text("Published").first.wait_for()

    assert [status_of(public, live_server, path) for path in paths] == [200, 200]
    public.goto_path("/ru/bolim/")
    assert public.get_by_role("link", name=CHILD).count() == 1
    public.screenshot(path=f"{SHOTS}/ru-section-published-1280.png")
