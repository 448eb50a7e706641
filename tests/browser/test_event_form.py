"""The event editor in the browser: it guides while the user types (the large-headcount
confirmation, the breakdown's running sum, the settlements of the chosen district), and what
was typed is what is saved."""

import pytest
from django.test import override_settings

from engagement.models import Place
from tests.engagement.helpers import almaty, district, make_event, make_user, project

pytestmark = pytest.mark.django_db(transaction=True)


def place(slug):
    return Place.objects.get(slug=slug, locale__language_code="kk")


def retype(field, text):
    """Replace a field's value as a user does: select what is there, type over it."""
    field.click()
    field.press("Control+a")
    field.press("Backspace")
    if text:
        field.press_sequentially(text)


def settlement_names(tab):
    return tab.locator("#id_settlement option").all_inner_texts()


@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=0, WAGTAIL_EDITING_SESSION_PING_INTERVAL=3_600_000)
def test_the_event_form_guides_while_typing_and_saves_what_was_typed(browser_session):
    make_user("form-editor", superuser=True, language="en")
    talgar, karasay = district("talgar-district"), district("karasay-district")
    event = make_event(project(), talgar, "Guided form", start=almaty(2024, 5, 10),
                       settlement=place("talgar-town"), live=False)
    tab = browser_session("form-editor")
    # Autosave and the editing-session pings write in the background; on the test database
    # (one in-memory SQLite connection shared by the live server's threads) such a write can
    # collide with the page's own queries ("database table is locked"). They are not under
    # test: autosave is off, the session is pinged once and not released on leaving.
    tab.route("**/admin/editing-sessions/release/**", lambda route: route.abort())
    tab.goto_path(f"/admin/snippets/engagement/event/edit/{event.pk}/")

    # Settlements: only those of the chosen district, and they follow the district.
    # (the district's centre, its rural districts and their villages).
    assert settlement_names(tab)[0] == "---------"
    assert set(settlement_names(tab)[1:]) == {
        "Talgar town (Talgar District)", "Besagash rural district (Talgar District)",
        "Besagash village (Besagash rural district)", "Belbulak rural district (Talgar District)",
        "Belbulak village (Belbulak rural district)",
    }
    tab.locator("#id_district").select_option(str(karasay.pk))
    assert set(settlement_names(tab)[1:]) == {
        "Kaskelen town (Karasay District)", "Irgeli rural district (Karasay District)",
        "Irgeli village (Irgeli rural district)", "Shamalgan rural district (Karasay District)",
        "Shamalgan village (Shamalgan rural district)",
    }
    assert tab.locator("#id_settlement").input_value() == ""
    tab.locator("#id_settlement").select_option(str(place("kaskelen-town").pk))

    tab.get_by_role("tab", name="Participants").click()
    participants = tab.locator("#id_participants")
    confirm = tab.locator("#id_confirm_large_headcount")
    summary = tab.locator("[data-engagement-breakdown-summary] [data-summary]")
    warning = tab.locator("[data-engagement-breakdown-summary] [data-over]")

    # The confirmation appears only while the number passes the bound (50,000).
    assert participants.is_visible() and not confirm.is_visible()
    retype(participants, "50000")
    assert not confirm.is_visible()
    retype(participants, "50001")
    assert confirm.is_visible()
    retype(participants, "120")
    assert not confirm.is_visible()

    # The breakdown's running sum and remainder, and a warning past the headcount.
    assert summary.inner_text() == "Broken down: 0 of 120 participants; not broken down: 120."
    tab.locator("#id_participants_youth").press_sequentially("70")
    assert summary.inner_text() == "Broken down: 70 of 120 participants; not broken down: 50."
    assert not warning.is_visible()
    tab.locator("#id_participants_veterans").press_sequentially("60")
    assert warning.is_visible()
    assert warning.inner_text() == "The groups add up to 130, more than the 120 participants."
    retype(tab.locator("#id_participants_veterans"), "20")
    assert summary.inner_text() == "Broken down: 90 of 120 participants; not broken down: 30."
    assert not warning.is_visible()
    tab.locator("#id_count_kind").select_option("registered")

    with tab.expect_navigation():
        tab.get_by_role("button", name="Save draft").click()
    assert tab.locator(".messages .success").count() == 1, tab.locator(".messages").inner_text()

    event.refresh_from_db()
    assert (event.district, event.settlement) == (karasay, place("kaskelen-town"))
    assert (event.participants, event.participants_youth, event.participants_veterans) == (
        120, 70, 20
    )
