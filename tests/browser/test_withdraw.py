"""An organiser submits an event, withdraws it from moderation, corrects it and submits it again;
a moderator reads who withdrew it."""

import re

from wagtail.models import WorkflowState

from engagement.models import Event, EventLogEntry
from tests.engagement.helpers import district, make_event, make_organiser, make_user, project

SHOTS = "/tmp/drafts-shots"


def edit_path(event):
    return f"/admin/snippets/engagement/event/edit/{event.pk}/"


def click_action(tab, name):
    """Click an action of the form's footer menu, opening the menu if it is in there."""
    button = tab.locator(f'footer button[name="{name}"]')
    if not button.is_visible():
        tab.locator("footer .w-dropdown__toggle").click()
    button.click()


def test_an_organiser_withdraws_corrects_and_resubmits_and_a_moderator_sees_it(
        browser_session, demo_site):
    talgar = district("talgar-district")
    organiser = make_organiser(districts=[talgar], username="aigul", language="kk")
    organiser.first_name, organiser.last_name = "Айгүл", "Сәрсенова"
    organiser.save()
    make_user("moderator", groups=["Moderators"], language="ru")
    event = make_event(project("youth"), talgar, "Жастар форумы", live=False)
    event.save_revision(user=organiser)

    tab = browser_session("aigul")
    tab.goto_path(edit_path(event))
    click_action(tab, "action-submit")
    tab.wait_for_url(lambda url: "/edit/" not in url)
    event.refresh_from_db()
    assert event.workflow_in_progress

    tab.goto_path(edit_path(event))
    note = tab.locator("[data-eg-moderation-note]")
    assert "«Модерациядан қайтарып алу»" in note.inner_text()
    tab.screenshot(path=f"{SHOTS}/withdraw-awaiting-kk-1280.png", full_page=False)
    withdraw = tab.locator('footer button[name="action-cancel-workflow"]')
    if not withdraw.is_visible():
        tab.locator("footer .w-dropdown__toggle").click()
    assert withdraw.inner_text().strip() == "Модерациядан қайтарып алу"
    withdraw.click()
    tab.locator('[data-eg-moderation-note="withdrawn"]').wait_for()

    event.refresh_from_db()
    assert not event.workflow_in_progress and not event.live
    assert "Іс-шараны модерациядан қайтарып алған: Айгүл Сәрсенова, " in tab.locator(
        "[data-eg-moderation-note]").inner_text()
    tab.screenshot(path=f"{SHOTS}/withdraw-done-kk-1280.png", full_page=False)
    entry = EventLogEntry.objects.get(object_id=str(event.pk), action="wagtail.workflow.cancel")
    assert entry.user == organiser

    moderator = browser_session("moderator", viewport={"width": 390, "height": 844})
    moderator.goto_path(edit_path(event))
    assert re.search(
        r"Мероприятие отозвано с модерации: Айгүл Сәрсенова, \d\d\.\d\d\.\d{4} \d\d:\d\d",
        moderator.locator("[data-eg-moderation-note]").inner_text(),
    )
    moderator.screenshot(path=f"{SHOTS}/withdraw-moderator-ru-390.png", full_page=False)

    # The organiser corrects the title and submits again.
    tab.goto_path(edit_path(event))
    title = tab.locator("#id_title")
    title.click()
    title.press("End")
    title.press_sequentially(" (түзетілді)")
    click_action(tab, "action-submit")
    tab.wait_for_url(lambda url: "/edit/" not in url)

    event.refresh_from_db()
    assert event.workflow_in_progress
    assert event.latest_revision.as_object().title == "Жастар форумы (түзетілді)"
    states = WorkflowState.objects.for_instance(event).order_by("created_at")
    assert [state.status for state in states] == ["cancelled", "in_progress"]

    # The moderator's history of the event names who withdrew it.
    moderator.goto_path(f"/admin/snippets/engagement/event/history/{event.pk}/")
    row = moderator.locator("tr", has_text="Отозвано с модерации")
    assert "Айгүл Сәрсенова" in row.inner_text()
    moderator.screenshot(path=f"{SHOTS}/withdraw-history-ru-390.png", full_page=False)
    assert Event.objects.filter(pk=event.pk, live=False).exists()
