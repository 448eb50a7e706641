"""The Engagement admin: menu, pages that render, preview, times shown in Almaty, news link."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from engagement.models import Event
from engagement.translation import translate_instance

from .forms import event_form_data, event_url
from .helpers import almaty, district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    group = next(
        item for item in admin_menu.menu_items_for_request(request) if item.name == "engagement"
    )
    return [item.name for item in group.menu.menu_items_for_request(request)]


def test_the_engagement_menu_groups_events_imports_projects_and_places():
    admin = make_user(superuser=True)
    organiser = make_organiser()

    assert menu_names(admin) == [
        "events", "import-events", "projects", "places", "organiser-scopes"
    ]
    # Organisers import their own spreadsheets (within their scope); the scopes are admins'.
    assert menu_names(organiser) == ["events", "import-events", "projects", "places"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailsnippets_engagement_event:list"),
        reverse("wagtailsnippets_engagement_event:add"),
        reverse("wagtailsnippets_engagement_project:list"),
        reverse("wagtailsnippets_engagement_project:add"),
        reverse("wagtailsnippets_engagement_place:list"),
        reverse("wagtailsnippets_engagement_place:add"),
        reverse("organiser_scopes:index"),
        reverse("organiser_scopes:add"),
    ],
)
def test_admin_pages_render_for_an_administrator(client, url):
    client.force_login(make_user(superuser=True))

    assert client.get(url).status_code == 200


def test_object_pages_render_including_a_translation(client):
    admin = make_user(superuser=True)
    event = make_event(title="Бет", participants=12, count_kind="estimated")
    event.save_revision(user=admin).publish()
    translated = translate_instance(event, Locale.objects.get(language_code="ru"),
                                    {"Бет": "Страница"}, user=admin)
    place = district("talgar-district")
    client.force_login(admin)

    for url in (
        event_url("edit", event.pk),
        event_url("inspect", event.pk),
        event_url("history", event.pk),
        event_url("edit", translated.pk),  # wagtail-localize's translation editor
        reverse("wagtailsnippets_engagement_place:edit", args=[place.pk]),
        reverse("wagtailsnippets_engagement_project:edit", args=[event.project.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert translated.title == "Страница"
    assert (translated.district_id, translated.participants) == (place.pk, 12)


def test_organisers_cannot_open_the_scope_admin(client):
    client.force_login(make_organiser())

    assert client.get(reverse("organiser_scopes:index")).status_code == 302


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        (almaty(2024, 2, 29, 23, 30), "23:30"),  # UTC+6: 17:30 UTC
        (almaty(2024, 3, 1, 0, 30), "00:30"),  # UTC+5: 19:30 UTC the day before
    ],
)
def test_the_listing_shows_almaty_times_whatever_the_admins_time_zone(client, start, shown):
    user = make_user(superuser=True, language="en")
    UserProfile.objects.filter(user=user).update(current_time_zone="America/New_York")
    make_event(title=f"Уақыт {shown}", start=start)
    client.force_login(user)

    html = client.get(event_url("list"), {"q": f"Уақыт {shown}"}).content.decode()

    assert shown in html


def test_the_preview_shows_the_event_as_typed(client):
    organiser = make_organiser(districts=[district("talgar-district")], language="ru")
    event = make_event(district_=district("talgar-district"), participants=1500,
                       count_kind="registered")
    client.force_login(organiser)
    data = event_form_data(event.project, event.district, title="Алдын ала қарау",
                           participants="1500", count_kind="registered")

    posted = client.post(event_url("preview_on_edit", event.pk), data)
    preview = client.get(event_url("preview_on_edit", event.pk))

    assert posted.json()["is_valid"]
    html = preview.content.decode()
    assert "<h1>Алдын ала қарау</h1>" in html
    # In the event's language (Kazakh), whatever the organiser's admin language.
    assert '<html lang="kk">' in html
    assert "Талғар ауданы" in html
    assert "1\xa0500 (тіркелген)" in html


@override_settings(ENGAGEMENT_NEWS_PAGE_MODEL="home.HomePage")
def test_related_news_must_be_a_news_page(client):
    admin = make_user(superuser=True)
    home = Page.objects.get(depth=2, locale__language_code="kk").specific
    root = Page.objects.get(depth=1)
    client.force_login(admin)
    data = event_form_data(project(), district("talgar-district"), title="Жаңалықпен")

    refused = client.post(event_url("add"), {**data, "related_news": root.pk})
    accepted = client.post(event_url("add"), {**data, "related_news": home.pk})

    assert "related_news" in refused.context["form"].errors
    assert accepted.status_code == 302
    assert Event.objects.get(title="Жаңалықпен").related_news_id == home.pk


def test_an_organiser_locks_and_unlocks_an_event_in_scope(client):
    talgar = district("talgar-district")
    organiser = make_organiser(districts=[talgar])
    event = make_event(district_=talgar)
    client.force_login(organiser)

    client.post(event_url("lock", event.pk))
    event.refresh_from_db()
    assert event.locked and event.locked_by == organiser

    client.post(event_url("unlock", event.pk))
    event.refresh_from_db()
    assert not event.locked
