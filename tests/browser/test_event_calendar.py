"""The public calendar in the browser: axe in kk, ru and en on every route; the month view and
the filters with a keyboard only; no sideways scrolling on phones."""

import datetime
import re

import pytest
from django.utils import timezone

from engagement.models import Event, Project
from engagement.public.events import public_events
from engagement.public.ids import short_id
from tests.browser.conftest import assert_no_axe_violations

PREFIX = {"kk": "/events/", "ru": "/ru/events/", "en": "/en/events/"}


def this_month():
    today = timezone.localdate(timezone=datetime.timezone(datetime.timedelta(hours=5)))
    return today.replace(day=1)


def month_path(language, month):
    return f"{PREFIX[language]}{month.year}/{month.month:02d}/"


def planned_event(translated):
    """A published upcoming demo event with (or without) an English translation."""
    english = set(Event.objects.filter(locale__language_code="en", live=True)
                  .values_list("translation_key", flat=True))
    for event in public_events().filter(start__gt=timezone.now()).order_by("start"):
        if (event.translation_key in english) == translated:
            return event
    raise AssertionError("the demo has no such planned event")


def routes(language):
    month = this_month()
    return [
        PREFIX[language],
        f"{PREFIX[language]}?project=no-such&month=2026-13&page=x",
        month_path(language, month),
        f"{PREFIX[language]}{short_id(planned_event(True).translation_key)}/",
        f"{PREFIX[language]}{short_id(planned_event(False).translation_key)}/",
        f"{PREFIX[language]}{short_id(planned_event(False).translation_key)}/",
    ]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_calendar_route_passes_axe(page, language):
    for path in dict.fromkeys(routes(language)):
        page.goto_path(path)
        assert page.locator("html").get_attribute("lang") == language
        assert_no_axe_violations(page)


def test_the_month_view_works_with_the_keyboard(page):
    month = this_month()
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    page.goto_path(month_path("en", month))

    for _ in range(80):  # Tab through the page as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.monthLink") == "next":
            break
    else:
        raise AssertionError("Tab never reached the next-month link")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(month_path("en", following)) + r"$"))

    assert page.locator("h1").inner_text() == following.strftime("%B %Y")
    # A day with events is a link a keyboard user reaches and opens.
    day_link = page.locator(".eg-day--events .eg-day__date a").first
    if day_link.count():
        day_link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"day=\d{4}-\d{2}-\d{2}"))
        assert page.locator(".eg-event-card").count() >= 1


def test_the_filter_form_is_submitted_with_the_keyboard(page):
    page.goto_path("/ru/events/")

    page.locator("#id_project").focus()
    page.keyboard.press("ArrowDown")  # the first project of the list
    page.keyboard.press("Tab")  # district
    page.keyboard.press("Tab")  # year
    page.keyboard.press("Tab")  # month
    page.keyboard.press("Tab")  # held or all events
    page.keyboard.press("Tab")  # the "Show" button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"project=[\w-]+"))

    slug = re.search(r"project=([\w-]+)", page.url).group(1)
    assert page.locator("#id_project").input_value() == slug
    project = Project.objects.get(slug=slug, locale__language_code="kk")
    expected = public_events().filter(project=project).count()
    assert page.locator(".eg-cal-count").inner_text().startswith(str(expected))
    # The language switcher keeps the filter.
    assert f"project={slug}" in page.locator(".language-switcher a[hreflang=en]").get_attribute(
        "href")


@pytest.mark.parametrize("width", [390, 320])
def test_no_calendar_page_scrolls_sideways_on_a_phone(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for language in ("kk", "ru"):
        for path in dict.fromkeys(routes(language)):
            page.goto_path(path)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} is {scroll}px wide at {width}px"
