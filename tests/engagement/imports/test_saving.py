"""Saving all rows or none: a second import of the same file changes nothing, an edited row
updates its event with a new revision naming the import, the audit record counts each, and
confirming saves exactly the stored preview."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from engagement.imports import service
from engagement.models import Event, EventImport, EventLogEntry, ImportStatus
from engagement.views.imports import register_import_log_action  # noqa: F401 (hook loaded)
from tests.engagement.helpers import make_event, make_organiser, make_user

from .helpers import csv_bytes, good_rows, happy_family, talgar, xlsx_bytes

pytestmark = pytest.mark.django_db


def imported():
    return Event.objects.filter(source_key__startswith="import").order_by("start")


def run(data, user, name="events.csv"):
    result = service.preview(name, data, user)
    assert result.errors == [] and not result.refused, result.errors or result.refused
    return service.confirm(result.record, user, result.file_hash)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_creates_its_events_with_a_revision_naming_the_import(kind):
    user = make_user(superuser=True)
    data = csv_bytes(good_rows()) if kind == "csv" else xlsx_bytes(good_rows())
    record = run(data, user, name=f"events.{kind}")
    assert (record.status, record.rows, record.created, record.updated, record.unchanged) == (
        ImportStatus.SAVED, 3, 3, 0, 0)
    assert record.user == user and record.file_name == f"events.{kind}"
    assert record.file_hash == service.file_hash(data) and record.plan is None
    events = list(imported())
    assert [event.title for event in events] == ["Отбасы күні", "День семьи", "Family day"]
    first = events[0]
    assert (first.project, first.district, first.participants, first.organiser, first.live) == (
        happy_family(), talgar(), 1200, user, True)
    assert events[1].settlement.slug == "talgar-town"
    for event in events:
        assert event.latest_revision is not None and event.live_revision == event.latest_revision
        entry = EventLogEntry.objects.get(object_id=str(event.pk), action="engagement.import")
        assert entry.revision == event.latest_revision
        assert entry.data == {"import": record.pk, "file_name": f"events.{kind}"}
        assert entry.message == f"Imported from “events.{kind}” (import no. {record.pk})"


def test_importing_the_same_file_again_changes_nothing():
    user = make_user(superuser=True)
    data = csv_bytes(good_rows())
    run(data, user)
    before = list(imported().values_list("pk", "latest_revision_id"))
    second = run(data, user)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert list(imported().values_list("pk", "latest_revision_id")) == before
    assert Revision.objects.filter(object_id__in=[str(pk) for pk, _r in before]).count() == 3


def test_an_edited_row_updates_its_event_with_a_new_revision():
    user = make_user(superuser=True)
    run(csv_bytes(good_rows()), user)
    event = imported().get(source_key="import-id:EV-1")
    old_revision = event.latest_revision_id
    rows = good_rows()
    rows[0][1] = "Отбасы күні (жаңартылған)"  # the title of the row with an external id
    rows[1][7] = "95"  # a headcount of a row keyed by project, district, start and title
    record = run(csv_bytes(rows), user)
    assert (record.created, record.updated, record.unchanged) == (0, 2, 1)
    event.refresh_from_db()
    assert event.title == "Отбасы күні (жаңартылған)"
    assert event.latest_revision_id != old_revision
    assert event.latest_revision.content["title"] == "Отбасы күні (жаңартылған)"
    assert imported().count() == 3
    assert imported().get(title="День семьи").participants == 95


def test_a_row_whose_event_is_outside_the_scope_cannot_update_it():
    """An organiser may not reach another district's event through its external id."""
    admin = make_user(superuser=True)
    run(csv_bytes(good_rows()[:1]), admin)
    from .helpers import veterans

    organiser = make_organiser(projects=[veterans()], districts=[talgar()])
    result = service.preview("events.csv", csv_bytes(good_rows()[:1]), organiser)
    assert [(error.row, error.column) for error in result.errors] == [(2, "district")]


def test_confirm_saves_the_stored_preview_and_only_once():
    user = make_user(superuser=True)
    result = service.preview("events.csv", csv_bytes(good_rows()), user)
    assert imported().count() == 0  # a preview saves nothing
    with pytest.raises(service.ImportRefused, match="changed after the preview"):
        service.confirm(result.record, user, "0" * 64)
    assert imported().count() == 0
    with pytest.raises(service.ImportRefused, match="another user"):
        service.confirm(result.record, make_user(superuser=True), result.file_hash)
    service.confirm(result.record, user, result.file_hash)
    assert imported().count() == 3
    with pytest.raises(service.ImportRefused, match="already been imported"):
        service.confirm(result.record, user, result.file_hash)
    assert imported().count() == 3


def test_an_event_edited_after_the_preview_refuses_the_confirmation():
    user = make_user(superuser=True)
    run(csv_bytes(good_rows()), user)
    rows = good_rows()
    rows[0][1] = "Жаңа атауы"
    result = service.preview("events.csv", csv_bytes(rows), user)
    event = imported().get(source_key="import-id:EV-1")
    event.title = "Біреу өзгертті"
    event.save_revision(user=user)
    with pytest.raises(service.ImportRefused, match="edited after the preview"):
        service.confirm(result.record, user, result.file_hash)
    event.refresh_from_db()
    assert event.latest_revision.content["title"] == "Біреу өзгертті"
    assert event.title == "Отбасы күні"  # the live version, untouched by the import


def test_an_organiser_without_publishing_rights_imports_drafts():
    organiser = make_organiser(projects=[happy_family()], districts=[talgar()])
    run(csv_bytes(good_rows()), organiser)
    assert set(imported().values_list("live", "has_unpublished_changes")) == {(False, True)}


def test_events_made_by_hand_are_never_matched():
    make_event(happy_family(), talgar(), title="Отбасы күні")
    run(csv_bytes(good_rows()), make_user(superuser=True))
    assert Event.objects.filter(title="Отбасы күні").count() == 2


def test_the_command_imports_checks_and_refuses(tmp_path, capsys):
    user = make_user(superuser=True)
    path = tmp_path / "events.csv"
    path.write_bytes(csv_bytes(good_rows()))
    call_command("import_events", str(path), "--dry-run", "--no-progress")
    assert "would create 3" in capsys.readouterr().out
    assert imported().count() == 0 and not EventImport.objects.exists()
    call_command("import_events", str(path), "--user", user.username, "--no-progress")
    assert "created 3, updated 0, unchanged 0" in capsys.readouterr().out
    assert EventImport.objects.get().user == user
    call_command("import_events", str(path), "--no-progress")
    assert "created 0, updated 0, unchanged 3" in capsys.readouterr().out
    rows = good_rows()
    rows[2][3] = "Нет такого района"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_events", str(path), "--no-progress")
    assert "row 4 [district]" in capsys.readouterr().err
    path.write_bytes("Title;Project\nа;б\n".encode("cp1251"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_events", str(path), "--no-progress")
