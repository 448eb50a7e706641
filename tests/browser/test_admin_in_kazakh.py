"""The admin in Kazakh as a browser shows it, after its scripts ran (issue 13, point 1).

An editor and an organiser who never chose a language sign in (typing, clicking) with a
browser that asks for English, go through the screens they use, open the StreamField block
chooser, the date picker, the sidebar and the translation editor, and the test fails on any
visible text, label or tooltip that is still one of Wagtail's English strings
(``tests/admin_text.py``). Screenshots go to ``$ADMIN_KK_SHOTS`` when it is set.
"""

import os
import re

from wagtail.models import Locale

from engagement.models import Event
from engagement.translation import translate_instance
from home.models import NewsPage
from tests.admin_text import english_leftovers, normalise
from tests.engagement.helpers import district, make_event, make_organiser, make_user, project

SHOTS = os.environ.get("ADMIN_KK_SHOTS")

#: What the user sees and hears: visible text nodes, and the labels of every element.
SHOWN_TEXT = """() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const element = walker.currentNode.parentElement;
        if (!element || element.closest("script, style, template")) continue;
        if (element.checkVisibility && !element.checkVisibility()) continue;
        texts.push(walker.currentNode.textContent);
    }
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
        for (const name of ["aria-label", "title", "placeholder"]) {
            if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
        }
    }
    return texts;
}"""


def shown_leftovers(tab):
    texts = [text for text in map(normalise, tab.evaluate(SHOWN_TEXT)) if text]
    assert len(texts) > 10, tab.url
    return english_leftovers(texts)


def shot(tab, name):
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def visit(tab, path, name, found):
    tab.goto_path(path)
    tab.wait_for_load_state("networkidle")
    shot(tab, name)
    if left := shown_leftovers(tab):
        found[path] = left


def test_an_editor_works_in_kazakh(browser_session):
    make_user("redaktor", groups=["Editors", "Moderators"])
    news = NewsPage.objects.filter(locale__language_code="kk").order_by("pk").first()
    news_ru = news.get_translation(Locale.objects.get(language_code="ru"))
    tab = browser_session("redaktor")
    found = {}

    assert tab.locator("html").get_attribute("lang") == "kk"
    visit(tab, "/admin/", "dashboard-1280", found)
    # The sidebar's menus are drawn by its script.
    tab.get_by_role("button", name="Беттер").first.click()
    tab.locator(".c-page-explorer").first.wait_for()
    if left := shown_leftovers(tab):
        found["/admin/ (page explorer)"] = left

    visit(tab, f"/admin/pages/{news.get_parent().id}/", "explorer-1280", found)
    visit(tab, f"/admin/pages/{news.id}/edit/", "page-editor-1280", found)

    # The block chooser of the body's StreamField.
    tab.locator("button.c-sf-add-button").first.click()
    tab.locator(".w-combobox").first.wait_for()
    shot(tab, "block-chooser-1280")
    if left := shown_leftovers(tab):
        found["block chooser"] = left
    tab.keyboard.press("Escape")

    # The date picker of the news date.
    tab.locator("#id_date").click()
    picker = tab.locator(".xdsoft_datetimepicker").locator("visible=true").first
    picker.wait_for()
    shot(tab, "date-picker-1280")
    assert picker.locator(".xdsoft_month span").inner_text().lower() in {
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
        "қыркүйек", "қазан", "қараша", "желтоқсан",
    }
    if left := shown_leftovers(tab):
        found["date picker"] = left

    # The translation editor (wagtail-localize's script): its typed English title, and its
    # dates ("1 December 2026") in Kazakh too.
    visit(tab, f"/admin/pages/{news_ru.id}/edit/", "translation-editor-1280", found)
    editor = tab.locator(".js-translation-editor")
    editor.get_by_text("Аударма: Қазақша → Русский").first.wait_for()
    assert "қолмен аударылды" in editor.inner_text()
    assert not re.search(r"January|February|March|April|May|June|July|August|September|"
                         r"October|November|December| to .* translation", editor.inner_text())
    tab.set_viewport_size({"width": 390, "height": 844})
    visit(tab, f"/admin/pages/{news.id}/edit/", "page-editor-390", found)
    visit(tab, "/admin/", "dashboard-390", found)

    assert found == {}


def test_an_organiser_works_in_kazakh(browser_session):
    talgar = district("talgar-district")
    make_organiser(districts=[talgar], username="uiymdastyrushy")
    admin = make_user(superuser=True)
    event = make_event(project(), talgar, title="Жастар форумы")
    event.save_revision(user=admin).publish()
    translated = translate_instance(
        event, Locale.objects.get(language_code="ru"), {"Жастар форумы": "Молодёжный форум"},
        user=admin,
    )
    tab = browser_session("uiymdastyrushy")
    events = "/admin/snippets/engagement/event/"
    found = {}

    visit(tab, events, "events-1280", found)
    visit(tab, f"{events}add/", "event-add-1280", found)
    visit(tab, f"{events}edit/{event.pk}/", "event-edit-1280", found)
    visit(tab, f"{events}history/{event.pk}/", "event-history-1280", found)
    visit(tab, f"{events}inspect/{event.pk}/", "event-inspect-1280", found)
    visit(tab, f"{events}edit/{translated.pk}/", "event-translation-1280", found)
    visit(tab, "/admin/images/", "images-1280", found)
    visit(tab, "/admin/account/", "account-1280", found)
    tab.set_viewport_size({"width": 390, "height": 844})
    visit(tab, events, "events-390", found)

    assert found == {}
    assert Event.objects.filter(pk=event.pk).exists()
