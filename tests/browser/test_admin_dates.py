"""Dates and times in the admin as people type them: ``28.11.2026 10:00`` and ``28.11.2026``.

Wagtail's date picker used to replace typed text it could not read with the current time when
the field lost focus, and that time was saved. Here a user types with the keyboard, presses
Tab, clicks the real save button, and the database holds what was typed, as an Almaty time.
"""

import datetime
import importlib
import time
import zoneinfo

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from engagement.models import Event
from home.models import NewsPage
from tests.engagement.helpers import (
    district,
    make_event,
    make_organiser,
    make_user,
    project,
    set_admin_language,
)

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
ADD_EVENT = "/admin/snippets/engagement/event/add/"
EVENTS = "/admin/snippets/engagement/event/"
SAVE_DRAFT = "button.action-save:not([name])"

HINTS = {"kk": "Пішімі: 28.11.2026 10:00", "ru": "Формат: 28.11.2026 10:00"}
DATETIME_ERRORS = {
    "kk": "Күн мен уақытты 28.11.2026 10:00 түрінде енгізіңіз.",
    "ru": "Введите дату и время в виде 28.11.2026 10:00.",
}
DATE_HINTS = {"kk": "Пішімі: 28.11.2026", "ru": "Формат: 28.11.2026"}


@pytest.fixture(autouse=True)
def _no_autosave(settings):
    """Wagtail 8 autosaves an editor every half second; an autosave still running when the
    user clicks "Save draft" can create the event twice. That race is not what these tests
    are about: they save with the button only."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def signed_in(browser_session):
    """``signed_in("user")``: a signed-in tab. Afterwards each tab leaves its page and the test
    waits until the server has released the editing sessions: a release arriving while the next
    test flushes the database would make that flush fail."""
    from wagtail.admin.models import EditingSession

    tabs = []

    def open_tab(username):
        tab = browser_session(username)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.goto("about:blank")
    deadline = time.monotonic() + 10
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # waiting for the browser's release beacons, not for time to pass


def type_and_tab(tab, selector, text, click=True):
    """Click a field (or arrive by Tab), type ``text`` key by key, press Tab; return the
    field's value then."""
    field = tab.locator(selector)
    if click:
        field.click()
    else:
        assert field.evaluate("element => element === document.activeElement")
    field.press_sequentially(text)
    field.press("Tab")
    return field.input_value()


def fill_event(tab, title, start, end, project, district):
    tab.goto_path(ADD_EVENT)
    tab.locator("#id_title").fill(title)
    tab.locator("#id_project").select_option(value=str(project.pk))
    typed = (type_and_tab(tab, "#id_start", start), type_and_tab(tab, "#id_end", end))
    tab.locator("#id_district").select_option(value=str(district.pk))
    return typed


def save(tab):
    """Click the real "Save draft" button and wait for the answer."""
    with tab.expect_navigation():
        tab.locator(SAVE_DRAFT).click()


def saved_and_left_the_form(tab):
    return "/add/" not in tab.url


@pytest.fixture
def talgar():
    return district("talgar-district")


@pytest.fixture
def organisers_group(demo_site):
    """The Organisers group with the permissions migration 0004 gives it (a transactional test
    before this one may have flushed them)."""
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("engagement.migrations.0004_groups_and_workflow")
    group, _created = Group.objects.get_or_create(name="Organisers")
    for app_label, _model, codename in migration.ORGANISER_PERMISSIONS:
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ))


@pytest.fixture
def youth():
    return project("zhastar-test", name="Жастар сынағы")


@pytest.fixture
def moscow_admin():
    """A superuser whose own admin time zone is Moscow (UTC+3), working in Russian."""
    user = make_user("moscow-admin", superuser=True, language="ru")
    UserProfile.objects.filter(user=user).update(current_time_zone="Europe/Moscow")
    return user


@pytest.mark.parametrize(
    ("start", "end", "utc_start"),
    [
        # After 1 March 2024 Almaty is UTC+5.
        ("28.11.2026 10:00", "28.11.2026 12:30", datetime.datetime(2026, 11, 28, 5, 0)),
        # Before it, UTC+6.
        ("28.02.2024 10:00", "28.02.2024 12:30", datetime.datetime(2024, 2, 28, 4, 0)),
        # ISO is read too.
        ("2026-11-28 10:00", "2026-11-28 12:30", datetime.datetime(2026, 11, 28, 5, 0)),
    ],
)
def test_an_admin_in_moscow_types_an_almaty_time_and_it_is_saved(
    signed_in, moscow_admin, youth, talgar, start, end, utc_start
):
    tab = signed_in("moscow-admin")

    typed = fill_event(tab, "Жастармен кездесу", start, end, youth, talgar)

    assert typed == (start, end)  # Tab left the typed text alone
    save(tab)
    assert saved_and_left_the_form(tab)
    event = Event.objects.get(title="Жастармен кездесу")
    local = utc_start.replace(tzinfo=datetime.UTC).astimezone(ALMATY)
    assert event.start == local
    assert event.start.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M") == start.replace(
        "2026-11-28", "28.11.2026"
    )
    assert event.end - event.start == datetime.timedelta(hours=2, minutes=30)
    # Reopened, the form shows the Almaty time as it was typed.
    tab.goto_path(f"{EVENTS}edit/{event.pk}/")
    assert tab.locator("#id_start").input_value() == local.strftime("%d.%m.%Y %H:%M")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_organiser_types_the_time_in_their_language_and_sees_the_hint(
    signed_in, organisers_group, talgar, youth, language
):
    organiser = make_organiser(projects=[youth], districts=[talgar], username="organiser")
    set_admin_language(organiser, language)
    UserProfile.objects.filter(user=organiser).update(current_time_zone="Europe/Moscow")
    tab = signed_in("organiser")

    fill_event(tab, "Аулада кездесу", "28.11.2026 10:00", "28.11.2026 11:00",
               youth, talgar)

    start_hint = tab.locator("#id_start").get_attribute("aria-describedby")
    assert HINTS[language] in tab.locator(f"[id='{start_hint}']").inner_text()
    save(tab)
    assert saved_and_left_the_form(tab)
    event = Event.objects.get(title="Аулада кездесу")
    assert event.start == datetime.datetime(2026, 11, 28, 10, 0, tzinfo=ALMATY)
    assert event.organiser == organiser


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("bad", ["31.02.2026 10:00", "завтра", "28.11.2026"])
def test_an_unreadable_time_is_a_translated_error_and_nothing_is_saved(
    signed_in, talgar, youth, language, bad
):
    make_user("editor", superuser=True, language=language)
    tab = signed_in("editor")
    before = Event.objects.count()

    typed = fill_event(tab, "Қате уақыт", bad, "28.11.2026 11:00", youth, talgar)

    assert typed[0] == bad  # not replaced by the current time
    save(tab)
    error = tab.locator(".w-field:has(#id_start) .error-message")
    error.wait_for()
    assert DATETIME_ERRORS[language] in error.inner_text()
    assert tab.locator("#id_start").input_value() == bad  # kept for the user to correct
    assert tab.locator("#id_end").input_value() == "28.11.2026 11:00"
    assert Event.objects.count() == before
    assert not Event.objects.filter(title="Қате уақыт").exists()


@pytest.mark.parametrize("typed", ["28.11.2026", "2026-11-28"])
def test_a_day_typed_in_the_listing_filter_keeps_its_value_and_filters(
    signed_in, talgar, youth, typed
):
    make_user("editor", superuser=True)
    make_event(youth, talgar, title="Жиырма сегізінші", start=datetime.datetime(
        2026, 11, 28, 23, 30, tzinfo=ALMATY))  # late evening in Almaty, 28 November
    make_event(youth, talgar, title="Жиырма тоғызыншы", start=datetime.datetime(
        2026, 11, 29, 0, 30, tzinfo=ALMATY))
    tab = signed_in("editor")
    tab.goto_path(EVENTS)
    tab.locator("#filters-drilldown .w-slim-header-action-button").click()
    tab.locator("[aria-controls='drilldown-id_start']").click()

    assert DATE_HINTS["kk"] in tab.locator("#drilldown-id_start").inner_text()
    assert type_and_tab(tab, "#id_start_0", typed) == typed
    assert type_and_tab(tab, "#id_start_1", typed, click=False) == typed

    tab.wait_for_url(lambda url: "start_to=" in url)
    rows = tab.locator("table.listing tbody")
    rows.get_by_text("Жиырма сегізінші").wait_for()
    assert rows.get_by_text("Жиырма тоғызыншы").count() == 0


def test_an_unreadable_day_in_the_listing_filter_is_reported(signed_in, talgar, youth):
    make_user("editor", superuser=True, language="ru")
    make_event(youth, talgar, title="Бір іс-шара")
    tab = signed_in("editor")
    tab.goto_path(EVENTS)
    tab.locator("#filters-drilldown .w-slim-header-action-button").click()
    tab.locator("[aria-controls='drilldown-id_start']").click()

    assert type_and_tab(tab, "#id_start_0", "31.02.2026") == "31.02.2026"

    tab.wait_for_url(lambda url: "start_from=" in url)
    # The results refresh in place (the bound is not applied); the page at that address, as
    # when it is reloaded or shared, says why.
    tab.reload()
    tab.locator("#filters-drilldown .w-slim-header-action-button").click()
    tab.locator("[aria-controls='drilldown-id_start']").click()
    tab.screenshot(path="/tmp/dates-shots/filter-error.png")
    assert tab.locator("#id_start_0").input_value() == "31.02.2026"
    expect(tab.locator("#drilldown-id_start .error-message")).to_contain_text(
        "Введите дату в виде 28.11.2026."
    )


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("28.11.2026", datetime.date(2026, 11, 28)), ("2024-02-29", datetime.date(2024, 2, 29))],
)
def test_the_news_date_typed_as_a_day_is_saved(signed_in, demo_site, typed, saved):
    make_user("editor", superuser=True, language="ru")
    news = NewsPage.objects.filter(locale__language_code="kk").first()
    tab = signed_in("editor")
    tab.goto_path(f"/admin/pages/{news.pk}/edit/")
    date = tab.locator("#id_date")
    date.fill("")

    assert type_and_tab(tab, "#id_date", typed) == typed
    assert DATE_HINTS["ru"] in tab.locator(
        f"[id='{date.get_attribute('aria-describedby')}']"
    ).inner_text()
    with tab.expect_navigation():
        tab.locator("button.action-save").first.click()  # "Save draft"

    assert tab.locator(".w-field__errors .error-message").count() == 0
    assert NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object().date == saved
