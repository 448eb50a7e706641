""""Duplicate" in the events listing makes a new draft of the event for the user."""

from engagement.models import Event
from tests.engagement.forms import event_url
from tests.engagement.helpers import district, make_event, make_organiser, project


def test_duplicate_from_the_listing_saves_a_new_unlocked_draft(browser_session):
    p = project()
    alice = make_organiser(projects=[p], username="alice")
    bob = make_organiser(projects=[p], username="bob")
    original = make_event(p, district("talgar-district"), title="Ардагерлермен кездесу",
                          venue_address="Талғар, Абай көшесі, 1", participants=40,
                          count_kind="estimated", organiser=alice, locked=True,
                          locked_by=alice)
    tab = browser_session("bob")
    tab.goto_path(event_url("list") + "?q=Ардагерлермен")

    row = tab.locator("tr", has_text="Ардагерлермен кездесу")
    row.locator("[data-controller='w-dropdown'] button").first.click()
    tab.get_by_role("link", name="Көшірме жасау").click()

    tab.wait_for_url(f"**{event_url('copy', original.pk)}")
    assert tab.locator("#id_title").input_value() == "Көшірме: Ардагерлермен кездесу"
    assert tab.locator("#id_venue_address").input_value() == "Талғар, Абай көшесі, 1"
    tab.get_by_role("tab", name="Қатысушылар").click()
    assert tab.locator("#id_participants").input_value() == ""

    tab.get_by_role("button", name="Save draft").click()
    tab.locator(".messages .success").wait_for()

    copy = Event.objects.get(title="Көшірме: Ардагерлермен кездесу")
    assert copy.pk != original.pk
    assert not copy.live and not copy.locked
    assert copy.organiser == bob and copy.participants is None
    assert copy.locale_id == original.locale_id
    assert copy.translation_key != original.translation_key
    assert f"{event_url('edit', copy.pk)}" in tab.url
