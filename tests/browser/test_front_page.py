"""The front page and the project pages in the browser: axe in kk, ru and en, and a citizen on
a phone who goes from the front page to the next event and to a project's page."""

import pytest

from engagement.models import Project
from tests.browser.conftest import assert_no_axe_violations

PREFIX = {"kk": "", "ru": "/ru", "en": "/en"}


def untranslated_project():
    """A project with no English translation, for the fallback page."""
    return Project.objects.create(
        slug="browser-fallback", name="Аударылмаған жоба", audience="Тұрғындар",
        description="Қазақша сипаттама.", locale=Project.objects.get(
            slug="kedergisiz-keleshek", locale__language_code="kk"
        ).locale,
    )


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_front_page_and_project_pages_pass_axe(page, language):
    untranslated_project()
    for path in ("/", "/events/projects/", "/events/projects/kedergisiz-keleshek/",
                 "/events/projects/browser-fallback/"):
        page.goto_path(PREFIX[language] + (path if path != "/" else "/"))
        assert page.locator("html").get_attribute("lang") == language
        assert_no_axe_violations(page)


def fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_on_a_phone_goes_to_the_next_event_and_to_a_project(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto_path("/ru/")
    assert fits(page)

    # "Next events": the first card of the block leads to that event's page.
    upcoming = page.get_by_role("region", name="Ближайшие мероприятия")
    first = upcoming.locator(".eg-event-card__title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/ru/events/*-*/")
    assert page.locator("h1").inner_text() == title
    assert fits(page)

    # Back on the front page, a project card leads to the project's page.
    page.go_back()
    projects = page.get_by_role("region", name="Наши проекты")
    card = projects.locator(".eg-project-card__title a").first
    name = card.inner_text()
    card.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ru/events/projects/*/")
    assert page.locator("h1").inner_text() == name
    assert page.get_by_role("heading", name="Предстоящие мероприятия").is_visible()
    assert fits(page)

    # From there to all the project's events in the calendar.
    page.get_by_role("link", name="Все мероприятия проекта").click()
    page.wait_for_url("**/ru/events/?project=*")
    assert page.get_by_role("link", name=f"О проекте: {name}").is_visible()
    assert fits(page)
