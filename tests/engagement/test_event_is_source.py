"""``Event.is_source`` marks an event's original row (the lowest id among its translations)
however the rows come and go: created, copied for translation (by hand and through
wagtail-localize), synchronised, deleted, moved to another key, published from an older
revision, and filled by migration 0014 for rows that existed before it."""

import importlib
import uuid

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from engagement.models import Event
from engagement.stats.counting import published_events

from .helpers import almaty, make_event, make_user
from .stats_helpers import fresh_project, held_event

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def flags(source):
    """``{language code: is_source}`` of the rows of ``source``'s event."""
    rows = Event.objects.filter(translation_key=source.translation_key)
    return dict(rows.values_list("locale__language_code", "is_source"))


def copy(source, code):
    translation = source.copy_for_translation(locale(code))
    translation.save()
    return translation


def test_a_new_event_is_its_own_original():
    event = make_event(fresh_project())
    assert flags(event) == {"kk": True}


def test_a_copy_for_translation_is_not_an_original():
    event = make_event(fresh_project())
    copy(event, "ru")
    copy(event, "en")
    assert flags(event) == {"kk": True, "ru": False, "en": False}
    assert list(published_events().filter(translation_key=event.translation_key)
                .values_list("locale__language_code", flat=True)) == ["kk"]


def test_translating_and_synchronising_through_wagtail_localize_keep_the_flags(
        client, django_capture_on_commit_callbacks):
    event = held_event(fresh_project(), 40, title="Жастармен кездесу", start=almaty(2025, 3, 5))
    event.save_revision().publish()
    client.force_login(make_user(superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_snippet_translation",
                    args=["engagement", "event", event.pk]),
            {"locales": [locale("ru").pk]},
        )
    assert response.status_code == 302
    assert flags(event) == {"kk": True, "ru": False}

    event.title = "Жастармен кездесу (жаңа)"
    event.save_revision().publish()
    source = Translation.objects.get(target_locale=locale("ru"),
                                     source__object_id=event.translation_key).source
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert Event.objects.get(translation_key=event.translation_key, locale=locale("ru")).live
    assert flags(event) == {"kk": True, "ru": False}


def test_deleting_the_original_makes_the_lowest_translation_the_original():
    event = make_event(fresh_project())
    ru_row, en_row = copy(event, "ru"), copy(event, "en")
    assert ru_row.pk < en_row.pk

    event.delete()

    assert flags(ru_row) == {"ru": True, "en": False}
    ru_row.delete()
    assert flags(en_row) == {"en": True}


def test_an_older_revision_does_not_take_the_flag_from_a_promoted_translation():
    event = make_event(fresh_project())
    translation = copy(event, "ru")
    revision = translation.save_revision()  # holds is_source=False
    event.delete()
    translation.refresh_from_db()
    assert translation.is_source

    revision.publish()

    assert flags(translation) == {"ru": True}


def test_moving_a_row_to_another_key_changes_both_groups():
    first, second = make_event(fresh_project()), make_event(fresh_project())
    translation = copy(first, "ru")
    # The original leaves its group: its translation becomes the original there. In the group
    # it joins its id is the lowest (it was created first): it becomes that group's original.
    first = Event.objects.get(pk=first.pk)
    first.locale = locale("en")
    first.translation_key = second.translation_key
    first.save()

    assert flags(translation) == {"ru": True}
    assert first.pk < second.pk
    assert flags(second) == {"kk": False, "en": True}


def test_refresh_source_flags_repairs_wrong_flags_and_reports_how_many():
    event = make_event(fresh_project())
    translation = copy(event, "ru")
    Event.objects.filter(pk=event.pk).update(is_source=False)
    Event.objects.filter(pk=translation.pk).update(is_source=True)

    assert Event.refresh_source_flags([event.translation_key]) == 2
    assert flags(event) == {"kk": True, "ru": False}
    assert Event.refresh_source_flags() == 0


def test_the_data_migration_fills_the_flag_of_existing_rows():
    migration = importlib.import_module("engagement.migrations.0014_event_is_source")
    event = make_event(fresh_project())
    translation = copy(event, "ru")
    # Rows as the migration's AddField leaves them: every one True.
    Event.objects.filter(pk__in=[event.pk, translation.pk]).update(is_source=True)
    lone = Event.objects.create(**{
        field: getattr(event, field) for field in ("title", "project", "district", "start",
                                                   "end")}, locale=event.locale,
        translation_key=uuid.uuid4())

    migration.fill_is_source(django_apps, None)

    assert flags(event) == {"kk": True, "ru": False}
    assert flags(lone) == {"kk": True}
