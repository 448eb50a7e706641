"""No lost update, locks that hold and "Duplicate" for events (issue 9, points 4, 5 and 6)."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import timezone
from wagtail.models import Locale

from engagement.models import Event
from engagement.services.editing import local_time_label, revision_token

from .forms import event_form_data, event_url
from .helpers import district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db


def loaded(revision):
    return {
        "loaded_revision_id": str(revision.pk),
        "loaded_revision_created_at": revision.created_at.isoformat(),
    }


@pytest.fixture
def opened():
    """An event with one saved version, opened by two organisers of its project."""
    p, d = project(), district("talgar-district")
    alice = make_organiser(projects=[p], username="alice")
    bob = make_organiser(projects=[p], username="bob")
    event = make_event(p, d, title="Кездесу", venue_address="Абай көшесі, 1", live=False)
    revision = event.save_revision(user=alice)
    return event, revision, alice, bob


def post_edit(client, user, event, revision, **overrides):
    client.force_login(user)
    data = event_form_data(event.project, event.district, **overrides)
    data.update(loaded(revision))
    return client.post(event_url("edit", event.pk), data)


def saved(event):
    return Event.objects.get(pk=event.pk).get_latest_revision_as_object()


def test_a_stale_ordinary_save_is_refused_with_both_values_and_kept_until_confirmed(
    client, opened
):
    event, opened_revision, alice, bob = opened
    response = post_edit(client, alice, event, opened_revision, title="Кездесу (Алиса)",
                         venue_address="Абай көшесі, 1")
    assert response.status_code == 302
    alice_revision = Event.objects.get(pk=event.pk).latest_revision

    # Bob opened the same version before Alice saved; his ordinary "Save draft" is refused.
    response = post_edit(client, bob, event, opened_revision, title="Кездесу",
                         venue_address="Абай көшесі, 7")

    assert response.status_code == 200
    content = response.content.decode()
    time = local_time_label(alice_revision.created_at)
    # The admin speaks the user's language (Kazakh by default).
    assert f"Сіз форманы ашқаннан кейін alice өзгерістерді сақтады ({time})" in content
    assert f"Сақталмады: сіз ашқаннан кейін бұл іс-шараны alice өзгертті ({time})." in content
    conflict = response.context["stale_conflict"]
    rows = {row["name"]: (row["theirs"], row["yours"]) for row in conflict["differences"]}
    assert rows == {
        "title": ("Кездесу (Алиса)", "Кездесу"),
        "venue_address": ("Абай көшесі, 1", "Абай көшесі, 7"),
    }
    assert "Абай көшесі, 7" in content and "Кездесу (Алиса)" in content
    assert saved(event).title == "Кездесу (Алиса)"
    assert saved(event).venue_address == "Абай көшесі, 1"
    assert Event.objects.get(pk=event.pk).latest_revision == alice_revision
    # The re-rendered form is still based on the version Bob opened: saving it again without
    # the confirmation is refused again.
    assert response.context["loaded_revision_created_at"] == opened_revision.created_at.isoformat()
    assert post_edit(client, bob, event, opened_revision, venue_address="Абай көшесі, 7"
                     ).status_code == 200
    assert saved(event).venue_address == "Абай көшесі, 1"

    # A confirmation naming an older version than the saved one does not count either.
    assert post_edit(client, bob, event, opened_revision, venue_address="Абай көшесі, 7",
                     overwrite_stale=revision_token(opened_revision)).status_code == 200
    assert saved(event).venue_address == "Абай көшесі, 1"

    response = post_edit(client, bob, event, opened_revision, title="Кездесу",
                         venue_address="Абай көшесі, 7", overwrite_stale=conflict["token"])
    assert response.status_code == 302
    assert saved(event).venue_address == "Абай көшесі, 7"
    assert saved(event).title == "Кездесу"


def test_two_tabs_of_the_same_person_are_guarded_too(client, opened):
    event, opened_revision, alice, bob = opened
    post_edit(client, alice, event, opened_revision, title="Бірінші қойынды")

    response = post_edit(client, alice, event, opened_revision, title="Екінші қойынды")

    assert response.status_code == 200
    assert response.context["stale_conflict"]["name"] == "alice"
    assert saved(event).title == "Бірінші қойынды"


def test_a_stale_publish_is_refused_too(client, opened):
    event, opened_revision, alice, bob = opened
    moderator = make_user(groups=["Moderators"], username="moderator")
    post_edit(client, alice, event, opened_revision, title="Кездесу (Алиса)")

    response = post_edit(client, moderator, event, opened_revision, **{"action-publish": "1"})

    assert response.status_code == 200
    assert "stale_conflict" in response.context
    assert not Event.objects.get(pk=event.pk).live


def test_an_up_to_date_save_and_a_stale_form_that_changes_nothing_are_saved(client, opened):
    event, opened_revision, alice, bob = opened
    assert post_edit(client, alice, event, opened_revision, title="Бір").status_code == 302
    latest = Event.objects.get(pk=event.pk).latest_revision

    # Based on the latest version: saved.
    assert post_edit(client, bob, event, latest, title="Екі").status_code == 302
    assert saved(event).title == "Екі"

    # Stale, but what Alice submits is exactly what is saved now: nothing to lose, saved.
    assert post_edit(client, alice, event, latest, title="Екі").status_code == 302


def test_the_refusal_is_in_the_users_language(client, opened):
    event, opened_revision, alice, bob = opened
    from wagtail.users.models import UserProfile

    post_edit(client, alice, event, opened_revision, title="Кездесу (Алиса)")
    UserProfile.get_for_user(bob)
    UserProfile.objects.filter(user=bob).update(preferred_language="ru")
    time = local_time_label(Event.objects.get(pk=event.pk).latest_revision.created_at)

    content = post_edit(client, bob, event, opened_revision, title="Б").content.decode()

    assert f"изменения сохранил пользователь alice ({time})" in content
    assert "Всё равно сохранить мою версию" in content


def test_autosave_of_a_stale_form_is_refused_and_a_fresh_one_moves_the_loaded_version(
    client, opened
):
    event, opened_revision, alice, bob = opened
    client.force_login(alice)
    data = event_form_data(event.project, event.district, title="Алиса")
    data.update(loaded(opened_revision))
    response = client.post(event_url("edit", event.pk), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    payload = response.json()
    revision = Event.objects.get(pk=event.pk).latest_revision
    assert payload["field_updates"]["loaded_revision_id"] == str(revision.pk)
    assert payload["field_updates"]["loaded_revision_created_at"] == (
        revision.created_at.isoformat()
    )

    client.force_login(bob)
    data = event_form_data(event.project, event.district, title="Боб")
    data.update(loaded(opened_revision))
    response = client.post(event_url("edit", event.pk), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert json.loads(response.content)["error_code"] == "invalid_revision"
    assert saved(event).title == "Алиса"


@pytest.mark.parametrize("field", ["overwrite_revision_id", "loaded_revision_id",
                                   "loaded_revision_created_at", "overwrite_stale"])
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_malformed_revision_fields_are_no_server_error(client, opened, field, accept):
    event, opened_revision, alice, bob = opened
    client.force_login(bob)
    data = event_form_data(event.project, event.district, title="Боб")
    data.update(loaded(opened_revision))
    data[field] = "abc"

    response = client.post(event_url("edit", event.pk), data, HTTP_ACCEPT=accept)

    assert response.status_code < 500


# --- locks ---------------------------------------------------------------------------------


@pytest.fixture
def locked():
    p = project()
    alice = make_organiser(projects=[p], username="alice")
    bob = make_organiser(projects=[p], username="bob")
    event = make_event(p, title="Құлыпталған", locked=True, locked_by=alice,
                       locked_at=timezone.now())
    return event, alice, bob


def error_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_locked_event_cannot_be_deleted_by_someone_else(client, locked):
    event, alice, bob = locked
    client.force_login(bob)
    time = local_time_label(event.locked_at)

    for method in (client.get, client.post):
        response = method(event_url("delete", event.pk))
        assert response.status_code == 302
        assert response["Location"] == event_url("edit", event.pk)
        assert error_messages(response)[-1] == (
            f"«Құлыпталған» жойылмады: оны alice құлыптаған ({time}). Сол пайдаланушыға "
            "немесе құлыпты аша алатын модераторға хабарласыңыз."
        )
    assert Event.objects.filter(pk=event.pk).exists()

    # Nor does the edit page offer to delete it.
    assert event_url("delete", event.pk) not in client.get(
        event_url("edit", event.pk)).content.decode()


def test_the_lock_refusal_is_translated(client, locked):
    event, alice, bob = locked
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(bob)
    UserProfile.objects.filter(user=bob).update(preferred_language="ru")
    client.force_login(bob)

    response = client.post(event_url("delete", event.pk))

    assert error_messages(response)[0].startswith(
        "Мероприятие «Құлыпталған» не удалено: его заблокировал пользователь alice (")


@pytest.mark.parametrize("who", ["locker", "unlocker", "superuser"])
def test_the_locker_and_whoever_may_unlock_may_delete(client, locked, who):
    event, alice, bob = locked
    if who == "locker":
        user = alice
    elif who == "unlocker":
        user = bob
        user.user_permissions.add(Permission.objects.get(codename="unlock_event"))
    else:
        user = make_user(superuser=True)
    client.force_login(user)

    response = client.post(event_url("delete", event.pk))

    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


def bulk_delete_url(*events):
    from django.urls import reverse

    ids = "&".join(f"id={event.pk}" for event in events)
    return reverse("wagtail_bulk_action", args=["engagement", "event", "delete"]) + "?" + ids


def test_bulk_delete_keeps_locked_events_and_names_who_locked_them(client, locked):
    event, alice, bob = locked
    other = make_event(event.project, title="Құлыпсыз")
    client.force_login(bob)

    page = client.get(bulk_delete_url(event, other)).content.decode()
    assert "«Құлыпталған» жойылмады: оны alice құлыптаған" in page

    response = client.post(bulk_delete_url(event, other))

    assert response.status_code == 302
    assert Event.objects.filter(pk=event.pk).exists()
    assert not Event.objects.filter(pk=other.pk).exists()
    assert any("оны alice құлыптаған" in message for message in error_messages(response))


def test_bulk_delete_of_only_locked_events_changes_nothing(client, locked):
    event, alice, bob = locked
    client.force_login(bob)

    response = client.post(bulk_delete_url(event))

    assert response.status_code == 302
    assert Event.objects.filter(pk=event.pk).exists()
    messages = error_messages(response)
    assert len(messages) == 1 and "оны alice құлыптаған" in messages[0]


def test_bulk_delete_by_a_moderator_deletes_a_locked_event(client, locked):
    event, alice, bob = locked
    client.force_login(make_user(groups=["Moderators"]))

    client.post(bulk_delete_url(event))

    assert not Event.objects.filter(pk=event.pk).exists()


# --- duplicate ------------------------------------------------------------------------------


def test_duplicate_prefills_a_new_draft_and_saves_it_in_the_same_locale(client):
    p, d = project(), district("talgar-district")
    alice = make_organiser(projects=[p], username="alice")
    bob = make_organiser(projects=[p], username="bob")
    ru = Locale.objects.get(language_code="ru")
    original = make_event(p, d, title="Встреча", venue_address="Абая, 1", locale=ru,
                          participants=40, count_kind="estimated", participants_youth=10,
                          organiser=alice, locked=True, locked_by=alice)
    client.force_login(bob)

    listing = client.get(event_url("list")).content.decode()
    assert "Көшірме жасау" in listing

    response = client.get(event_url("copy", original.pk))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Копия: Встреча"
    assert form.initial["venue_address"] == "Абая, 1"
    assert form.initial["participants"] is None
    assert form.initial["participants_youth"] is None
    assert form.initial["count_kind"] == ""
    action_url = response.context["action_url"]
    assert action_url == event_url("add") + "?locale=ru"

    data = event_form_data(p, d, title="Копия: Встреча", venue_address="Абая, 1",
                           start="2027-01-15 10:00", end="2027-01-15 12:00")
    response = client.post(action_url, data)

    assert response.status_code == 302
    copy = Event.objects.exclude(pk=original.pk).get(title="Копия: Встреча")
    assert copy.title == "Копия: Встреча"
    assert copy.locale == ru
    assert not copy.live
    assert not copy.locked and copy.locked_by is None
    assert copy.translation_key != original.translation_key
    assert copy.organiser == bob
    assert copy.participants is None
    original.refresh_from_db()
    assert original.title == "Встреча" and original.participants == 40


def test_an_editor_duplicating_becomes_the_organiser_of_the_copy(client):
    alice = make_organiser(projects=[project()], username="alice")
    original = make_event(title="Кездесу", organiser=alice)
    editor = make_user(groups=["Editors"])
    client.force_login(editor)

    form = client.get(event_url("copy", original.pk)).context["form"]

    assert form.initial["organiser"] == editor.pk
    assert form.initial["title"] == "Көшірме: Кездесу"


def test_duplicate_is_scoped(client):
    outsider = make_organiser(projects=[project("other")])
    event = make_event(title="Бөтен")
    client.force_login(outsider)

    assert client.get(event_url("copy", event.pk)).status_code == 404
