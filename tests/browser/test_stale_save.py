"""Two people edit the same event: the second ordinary save of a stale form is refused."""

import os
import re

from engagement.models import Event
from engagement.services.editing import local_time_label
from tests.engagement.forms import event_url
from tests.engagement.helpers import district, make_event, make_organiser, project

# A folder to keep screenshots of the journey in (e.g. STALE_SHOTS=/tmp/stale-shots).
SHOTS = os.environ.get("STALE_SHOTS")


def shot(tab, name):
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def retype(field, text):
    """Select what the field holds and type over it, as a person does."""
    field.click()
    field.press("Control+a")
    field.press_sequentially(text)


def save_draft(tab):
    """Click "Save draft"; if Wagtail asks first (it knows of a newer version), continue."""
    tab.get_by_role("button", name="Save draft").click()
    proceed = tab.locator("#w-save-confirmation-dialog [data-w-dialog-target='confirm']")
    outcome = tab.locator("#stale-conflict, .messages .success").or_(proceed)
    outcome.first.wait_for()
    if proceed.is_visible():
        proceed.click()
    tab.locator("#stale-conflict, .messages .success").first.wait_for()


def latest(event):
    return Event.objects.get(pk=event.pk).get_latest_revision_as_object()


def test_the_second_save_of_a_stale_event_form_is_refused_until_confirmed(browser_session):
    p = project()
    alice = make_organiser(projects=[p], username="alice")
    make_organiser(projects=[p], username="bob")
    event = make_event(p, district("talgar-district"), title="Тұрғындармен кездесу",
                       venue_address="Талғар, Абай көшесі, 1", live=False)
    event.save_revision(user=alice)
    edit = event_url("edit", event.pk)

    a, b = browser_session("alice"), browser_session("bob")
    a.goto_path(edit)
    b.goto_path(edit)  # both opened the same saved version

    retype(a.locator("#id_title"), "Тұрғындармен кездесу (жаңартылған)")
    save_draft(a)
    assert a.locator(".messages .success").is_visible()
    assert latest(event).title == "Тұрғындармен кездесу (жаңартылған)"
    saved_at = local_time_label(Event.objects.get(pk=event.pk).latest_revision.created_at)

    retype(b.locator("#id_venue_address"), "Талғар, Абай көшесі, 7")
    save_draft(b)

    conflict = b.locator("#stale-conflict")
    assert conflict.is_visible()
    shot(b, "conflict-1280")
    assert f"Сіз форманы ашқаннан кейін alice өзгерістерді сақтады ({saved_at})" in (
        conflict.inner_text()
    )
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", saved_at)
    title_row = conflict.locator("tr[data-field='title']")
    assert title_row.locator("td").all_inner_texts() == [
        "Тұрғындармен кездесу (жаңартылған)", "Тұрғындармен кездесу",
    ]
    address_row = conflict.locator("tr[data-field='venue_address']")
    assert address_row.locator("td").all_inner_texts() == [
        "Талғар, Абай көшесі, 1", "Талғар, Абай көшесі, 7",
    ]
    # Bob's typing is still in his form; the database keeps Alice's version.
    assert b.locator("#id_venue_address").input_value() == "Талғар, Абай көшесі, 7"
    assert latest(event).title == "Тұрғындармен кездесу (жаңартылған)"
    assert latest(event).venue_address == "Талғар, Абай көшесі, 1"

    # Saving again without the confirmation is refused again.
    save_draft(b)
    assert b.locator("#stale-conflict").is_visible()
    assert latest(event).venue_address == "Талғар, Абай көшесі, 1"

    b.get_by_label(re.compile("Бәрібір менің нұсқамды сақтау")).check()
    save_draft(b)

    assert b.locator(".messages .success").is_visible()
    assert not b.locator("#stale-conflict").count()
    assert latest(event).venue_address == "Талғар, Абай көшесі, 7"
    assert latest(event).title == "Тұрғындармен кездесу"  # Bob's version, as he confirmed


def test_the_second_save_of_a_stale_news_page_is_refused_until_confirmed(browser_session):
    from home.models import NewsPage
    from tests.engagement.helpers import make_user
    from tests.home.news_factories import make_article

    alice = make_user("alice", superuser=True)
    make_user("bob", superuser=True)
    article = make_article(title="Жиналыс өтті", slug="stale-news")
    article.save_revision(user=alice)
    edit = f"/admin/pages/{article.pk}/edit/"

    def latest_page():
        return NewsPage.objects.get(pk=article.pk).get_latest_revision_as_object()

    a, b = browser_session("alice"), browser_session("bob")
    a.goto_path(edit)
    b.goto_path(edit)

    retype(a.locator("#id_title"), "Жиналыс өтті: қорытындылар")
    save_draft(a)
    assert latest_page().title == "Жиналыс өтті: қорытындылар"
    saved_at = local_time_label(NewsPage.objects.get(pk=article.pk).latest_revision.created_at)

    retype(b.locator("#id_title"), "Жиналыс өтті (Боб)")
    save_draft(b)

    conflict = b.locator("#stale-conflict")
    assert conflict.is_visible()
    shot(b, "news-conflict-1280")
    assert f"Сіз форманы ашқаннан кейін alice өзгерістерді сақтады ({saved_at})" in (
        conflict.inner_text()
    )
    assert [row.get_attribute("data-field") for row in conflict.locator("tbody tr").all()] == [
        "title"
    ]
    assert conflict.locator("tr[data-field='title'] td").all_inner_texts() == [
        "Жиналыс өтті: қорытындылар", "Жиналыс өтті (Боб)",
    ]
    assert b.locator("#id_title").input_value() == "Жиналыс өтті (Боб)"
    assert latest_page().title == "Жиналыс өтті: қорытындылар"

    b.get_by_label(re.compile("Бәрібір менің нұсқамды сақтау")).check()
    save_draft(b)

    assert b.locator(".messages .success").is_visible()
    assert latest_page().title == "Жиналыс өтті (Боб)"
