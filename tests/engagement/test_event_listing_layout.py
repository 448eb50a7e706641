"""The admin event listing reads at a glance: one status column (event status with the
publication badge), compact rows loaded with their stylesheet, pages of 20; the projects and
places listings open in the admin user's language."""

import re

import pytest
from django.urls import reverse

from engagement.models import Place, Project

from .forms import event_url
from .helpers import almaty, future, make_event, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(superuser=True, language="en"))
    return client


def header_labels(page):
    thead = re.search(r"<thead>.*?</thead>", page, re.S).group(0)
    return [re.sub(r"<[^>]+>|\s+", " ", cell).strip()
            for cell in re.findall(r"<th[^>]*>(.*?)</th>", thead, re.S)]


def status_cells(page):
    """``{title: (event status, publication badge)}`` of the listed rows."""
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S):
        title = re.search(r'<span id="snippet_\d+_title">(.*?)</span>', row)
        cell = re.search(
            r'data-event-status="(\w+)">([^<]*)</span>\s*<span class="w-status[^"]*">\s*([^<]*?)'
            r"\s*</span>", row)
        if title:
            rows[title.group(1)] = cell and (cell.group(1), cell.group(2), cell.group(3))
    return rows


def test_one_status_column_shows_the_event_status_with_its_publication_badge(admin_client):
    make_event(title="Held and live", start=almaty(2024, 3, 1))
    make_event(title="Planned draft", start=future(), live=False)
    make_event(title="Cancelled", start=almaty(2024, 3, 2), cancelled=True,
               cancellation_reason="Rain")

    page = admin_client.get(event_url("list"), {"per_page": 100}).content.decode()

    assert [label for label in header_labels(page) if label.startswith("Status")] == ["Status"]
    cells = status_cells(page)
    assert cells["Held and live"] == ("held", "held", "live")
    assert cells["Planned draft"] == ("planned", "planned", "draft")
    assert cells["Cancelled"] == ("cancelled", "cancelled", "live")


def test_an_event_in_moderation_has_that_badge_in_the_status_column(client):
    admin = make_user(superuser=True, language="en")
    client.force_login(admin)
    draft = make_event(title="Submitted draft", start=almaty(2024, 3, 4), live=False)
    draft.save_revision(user=admin)
    draft.get_workflow().start(draft, admin)

    page = client.get(event_url("list"), {"q": "Submitted"}).content.decode()

    assert status_cells(page)["Submitted draft"] == ("held", "held", "in moderation")


def test_the_listing_has_compact_rows_and_pages_of_twenty(admin_client):
    for day in range(1, 26):
        make_event(title=f"Row {day:02}", start=almaty(2023, 1, day))

    response = admin_client.get(event_url("list"), {"per_page": 20, "q": "Row"})
    page = response.content.decode()

    assert response.status_code == 200
    assert len(re.findall(r'<span id="snippet_\d+_title">', page)) == 20
    assert 'class="listing engagement-events-listing"' in page
    assert "engagement/event-listing.css" in page


def test_the_participants_cell_shows_the_number_and_how_it_was_counted(admin_client):
    make_event(title="Counted", participants=1500, count_kind="estimated",
               start=almaty(2024, 3, 3))
    make_event(title="Not counted", start=almaty(2024, 3, 3))

    page = admin_client.get(event_url("list"), {"q": "counted"}).content.decode()

    assert re.search(r'>1,500<br><span class="engagement-count-kind">\(estimated\)</span></td>',
                     page)
    assert re.search(r'engagement-col-participants">—</td>', page)


def listed_locales(client, url, **params):
    response = client.get(url, {"per_page": 100, **params})
    assert response.status_code == 200
    return {obj.locale.language_code for obj in response.context["object_list"]}


@pytest.mark.parametrize(("model", "url_name"), [
    (Project, "wagtailsnippets_engagement_project:list"),
    (Place, "wagtailsnippets_engagement_place:list"),
])
@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_projects_and_places_open_in_the_users_language(client, model, url_name, language):
    client.force_login(make_user(superuser=True, language=language))
    url = reverse(url_name)
    assert model.objects.filter(locale__language_code=language).exists()

    assert listed_locales(client, url) == {language}
    page = client.get(url).content.decode()
    assert re.search(rf'<input type="radio" name="locale" value="{language}"[^>]*checked', page)


def test_another_language_or_all_can_still_be_chosen(client):
    client.force_login(make_user(superuser=True, language="ru"))
    url = reverse("wagtailsnippets_engagement_project:list")

    assert listed_locales(client, url, locale="en") == {"en"}
    assert listed_locales(client, url, locale="") == {"kk", "ru", "en"}
