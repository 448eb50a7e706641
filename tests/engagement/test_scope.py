"""Organiser scope: what an organiser sees and may do, and what editors see."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from engagement.models import Event, OrganiserScope
from engagement.permissions import EventPermissionPolicy
from engagement.services.scope import get_scope
from engagement.translation import translate_instance

from .forms import event_form_data, event_url
from .helpers import district, listed_titles, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db

@pytest.fixture
def places():
    return {"talgar": district("talgar-district"), "karasay": district("karasay-district")}


@pytest.fixture
def events(places):
    youth, veterans = project("youth"), project("veterans")
    return {
        "talgar-youth": make_event(youth, places["talgar"], "Талғар жастары"),
        "talgar-veterans": make_event(veterans, places["talgar"], "Талғар ардагерлері"),
        "karasay-youth": make_event(youth, places["karasay"], "Қарасай жастары"),
        "karasay-veterans": make_event(veterans, places["karasay"], "Қарасай ардагерлері"),
    }


OURS = {"Талғар жастары", "Талғар ардагерлері", "Қарасай жастары", "Қарасай ардагерлері"}


def visible_titles(client, user, **params):
    client.force_login(user)
    response = client.get(event_url("list"), {"per_page": 100, **params})
    assert response.status_code == 200
    return set(listed_titles(response)) & OURS


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # A district: every project there.
        ([{"districts": ["talgar"]}], {"Талғар жастары", "Талғар ардагерлері"}),
        # A project: every district.
        ([{"projects": ["youth"]}], {"Талғар жастары", "Қарасай жастары"}),
        # Both in one rule: the project in that district only.
        ([{"projects": ["youth"], "districts": ["karasay"]}], {"Қарасай жастары"}),
        # Two rules: their union.
        ([{"projects": ["veterans"], "districts": ["talgar"]}, {"districts": ["karasay"]}],
         OURS - {"Талғар жастары"}),
        # No rule: nothing.
        ([], set()),
    ],
)
def test_the_listing_shows_only_the_scope(client, events, places, rules, expected):
    user = make_organiser()
    for rule in rules:
        scope = OrganiserScope.objects.create(user=user)
        scope.projects.set([project(slug) for slug in rule.get("projects", [])])
        scope.districts.set([places[name] for name in rule.get("districts", [])])

    assert visible_titles(client, user) == expected


def test_editors_and_administrators_see_every_event(client, events):
    assert visible_titles(client, make_user(groups=["Editors"])) == OURS
    assert visible_titles(client, make_user(groups=["Moderators"])) == OURS
    assert visible_titles(client, make_user(superuser=True)) == OURS


def test_search_and_filters_stay_inside_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])

    assert visible_titles(client, user, q="Қарасай") == set()
    # Karasay is not among the organiser's district choices: the filter is refused, and the
    # listing still shows only the scope.
    assert visible_titles(client, user, district=places["karasay"].pk) <= {
        "Талғар жастары", "Талғар ардагерлері"
    }
    assert visible_titles(client, user, q="ардагерлері") == {"Талғар ардагерлері"}


def test_exports_stay_inside_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)

    response = client.get(event_url("list"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()

    assert "Талғар жастары" in content
    assert "Қарасай" not in content


def test_the_chooser_offers_only_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)

    response = client.get(reverse("wagtailsnippetchoosers_engagement_event:choose"))
    chosen = client.get(reverse(
        "wagtailsnippetchoosers_engagement_event:chosen", args=[events["karasay-youth"].pk]
    ))

    body = response.json()["html"]
    assert "Талғар жастары" in body
    assert "Қарасай" not in body
    assert chosen.status_code == 404


def test_the_form_offers_only_the_scope_districts(client, places):
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)

    form = client.get(event_url("add")).context["form"]

    assert list(form.fields["district"].queryset) == [places["talgar"]]
    assert "organiser" not in form.fields  # organisers log their own events


def test_an_organiser_edits_submits_and_deletes_inside_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])
    event = events["talgar-youth"]
    client.force_login(user)
    data = event_form_data(event.project, places["talgar"], title="Жаңартылған")

    edited = client.post(event_url("edit", event.pk), {**data, "action-submit": "submit"})

    assert edited.status_code == 302
    event.refresh_from_db()
    assert event.workflow_in_progress
    assert event.latest_revision.as_object().title == "Жаңартылған"

    event.current_workflow_state.cancel(user=make_user(superuser=True))
    deleted = client.post(event_url("delete", event.pk))
    assert deleted.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("can_publish", [False, True])
def test_publishing_depends_on_the_groups_permission(client, places, can_publish):
    if can_publish:
        Group.objects.get(name="Organisers").permissions.add(
            Permission.objects.get(content_type__app_label="engagement", codename="publish_event")
        )
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)
    data = event_form_data(project(), places["talgar"], title=f"Жариялау {can_publish}")

    client.post(event_url("add"), {**data, "action-publish": "action-publish"})

    assert Event.objects.get(title=f"Жариялау {can_publish}").live is can_publish


def test_an_organiser_translates_an_event_inside_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])
    event = events["talgar-youth"]
    client.force_login(user)
    ru = Locale.objects.get(language_code="ru")

    response = client.post(
        reverse("wagtail_localize:submit_snippet_translation",
                args=["engagement", "event", event.pk]),
        {"locales": [ru.pk]},
    )

    assert response.status_code == 302
    translation = event.get_translation(ru)
    assert (translation.district, translation.project) == (event.district, event.project)
    assert visible_titles(client, user, locale="ru") == {"Талғар жастары"}


def test_wagtail_localize_lists_no_event_outside_the_scope(client, events, places):
    admin = make_user(superuser=True)
    for event in events.values():
        translate_instance(event, Locale.objects.get(language_code="ru"), {}, user=admin)
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)

    report = client.get(reverse("wagtail_localize:translations_report")).content.decode()
    api = client.get(reverse("wagtail_localize:snippets_api_listing",
                             args=["engagement", "event"]))

    assert "Талғар жастары" in report
    assert "Қарасай" not in report
    assert api.status_code == 404


def test_the_site_history_shows_only_events_inside_the_scope(client, events, places):
    admin = make_user(superuser=True)
    for event in events.values():
        event.save_revision(user=admin, log_action=True)
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)

    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()

    assert "Талғар жастары" in history
    assert "Қарасай" not in history


def test_usage_of_an_image_hides_events_outside_the_scope(client, places):
    user = make_organiser(districts=[places["talgar"]], language="en")
    image = Image.objects.create(title="Сурет", file=get_test_image_file(), uploaded_by_user=user)
    gallery = {"images": [{"image": image.pk, "alt_text": "Сурет", "decorative": False,
                           "caption": ""}], "thumbnail_width": 150, "thumbnail_height": 150,
               "link": "lightbox", "titles": "never"}
    make_event(district_=places["talgar"], title="Талғар суреттері",
               photos=[{"type": "gallery", "value": gallery}])
    make_event(district_=places["karasay"], title="Қарасай суреттері",
               photos=[{"type": "gallery", "value": gallery}])
    client.force_login(user)

    usage = client.get(reverse("wagtailimages:image_usage", args=[image.pk]))

    assert usage.status_code == 200
    assert "Талғар суреттері" in usage.content.decode()
    assert "Қарасай суреттері" not in usage.content.decode()
    assert "(Private event)" in usage.content.decode()


def test_the_dashboard_workflow_panels_hide_events_outside_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])
    for key in ("talgar-youth", "karasay-youth"):
        event = events[key]
        event.save_revision(user=user)
        event.get_workflow().start(event, user)
    # Move the organiser to Karasay: their Talgar submission must disappear from the dashboard.
    user.engagement_scopes.all().delete()
    OrganiserScope.objects.create(user=user).districts.set([places["karasay"]])
    client.force_login(user)

    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Қарасай жастары" in home
    assert "Талғар жастары" not in home


def test_bulk_delete_acts_only_inside_the_scope(client, events, places):
    user = make_organiser(districts=[places["talgar"]])
    client.force_login(user)
    url = reverse("wagtail_bulk_action", args=["engagement", "event", "delete"])
    inside, outside = events["talgar-youth"], events["karasay-youth"]

    mixed = client.get(url, {"id": [inside.pk, outside.pk]})
    allowed = client.post(f"{url}?id={inside.pk}")

    assert mixed.status_code == 404
    assert allowed.status_code == 302
    assert not Event.objects.filter(pk=inside.pk).exists()
    assert Event.objects.filter(pk=outside.pk).exists()


def test_the_policy_answers_per_instance(events, places):
    policy = EventPermissionPolicy(Event)
    user = make_organiser(districts=[places["talgar"]])

    assert policy.user_has_permission_for_instance(user, "change", events["talgar-youth"])
    assert not policy.user_has_permission_for_instance(user, "change", events["karasay-youth"])
    assert set(policy.instances_user_has_permission_for(user, "change")) >= {
        events["talgar-youth"], events["talgar-veterans"]
    }
    assert events["karasay-youth"] not in policy.instances_user_has_permission_for(user, "change")
    assert user in policy.users_with_permission_for_instance("change", events["talgar-youth"])
    assert user not in policy.users_with_permission_for_instance("change", events["karasay-youth"])


def test_organisers_never_get_user_management_permissions(client):
    organisers = Group.objects.get(name="Organisers")
    user_permissions = Permission.objects.filter(content_type__app_label="auth")

    organisers.permissions.add(*user_permissions)
    user_permissions.first().group_set.add(organisers)

    assert not organisers.permissions.filter(content_type__app_label="auth").exists()
    user = make_organiser()
    client.force_login(user)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 302


def test_an_empty_scope_rule_is_refused(client):
    user = make_organiser()
    client.force_login(make_user(superuser=True))

    response = client.post(reverse("organiser_scopes:add"), {"user": user.pk, "note": "бос"})

    assert response.status_code == 200
    assert not OrganiserScope.objects.filter(user=user).exists()


def test_an_administrator_gives_an_organiser_a_district(client, places):
    user = make_organiser()
    client.force_login(make_user(superuser=True))

    response = client.post(reverse("organiser_scopes:add"),
                           {"user": user.pk, "districts": [places["talgar"].pk]})

    assert response.status_code == 302
    assert get_scope(type(user).objects.get(pk=user.pk)).district_ids == {places["talgar"].pk}
