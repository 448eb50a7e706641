"""An import says when it failed, repairs what a killed run left, and shares SQLite with others."""

import json
import threading
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, connections
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from engagement.legacy import importer as legacy_importer
from engagement.models import Event
from home.models import NewsPage

from .helpers import add_upload, attachment, post, write_wxr
from .test_import_command import entry, page_for

Image = get_image_model()


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    add_upload(folder, "2021/06/hall.jpg", colour=(20, 60, 160))
    return folder


def fail_post(monkeypatch, wp_id):
    original = legacy_importer.WordPressImporter._redirects

    def failing(self, item, page, entry_, conversion):
        if item.wp_id == wp_id:
            raise RuntimeError("database is locked")
        return original(self, item, page, entry_, conversion)

    monkeypatch.setattr(legacy_importer.WordPressImporter, "_redirects", failing)


@pytest.mark.django_db
def test_a_failed_post_makes_the_command_fail_after_the_progress_and_summary(
    tmp_path, uploads, monkeypatch
):
    fail_post(monkeypatch, 71)
    export = write_wxr(tmp_path, post(70, "Бірінші"), post(71, "Екінші"), post(72, "Үшінші"))
    report_path = tmp_path / "report.json"
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", str(export), uploads=str(uploads),
                     report=str(report_path), stdout=out, stderr=err)

    assert "1 of 3 posts failed" in str(error.value)
    assert "created 2, updated 0, unchanged 0, skipped 0, failed 1" in out.getvalue()
    assert "post 71 failed: RuntimeError: database is locked" in out.getvalue()
    assert "100%" in err.getvalue()
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert entry(report, 71)["status"] == "failed"
    assert entry(report, 72)["status"] == "created"


@pytest.mark.django_db
def test_an_import_without_failures_still_exits_normally(tmp_path, uploads):
    export = write_wxr(tmp_path, post(73, "Мәтін"))

    call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0)

    assert page_for(73).live


def references_of(page):
    return set(
        ReferenceIndex.objects.filter(
            base_content_type=ReferenceIndex._get_base_content_type(page),
            object_id=str(page.pk),
        ).values_list("to_content_type", "to_object_id", "content_path")
    )


@pytest.mark.django_db
def test_a_killed_import_run_again_leaves_the_reference_and_search_index_complete(
    tmp_path, uploads, monkeypatch
):
    items = [
        post(wp_id, f"Сирексөз{wp_id} мәтіні.\n\n[gallery ids=\"80\"]", meta={"_thumbnail_id": 80})
        for wp_id in (81, 82, 83)
    ] + [attachment(80, "2021/06/hall.jpg", alt="Зал")]
    export = write_wxr(tmp_path, *items)
    calls = []

    def killed_while_indexing(model, objects):
        calls.append(model)
        raise KeyboardInterrupt  # Ctrl+C, or the process killed: no handler runs

    # Every post is saved before the search and reference index rows are written, in bulk.
    monkeypatch.setattr(legacy_importer.indexing, "add_to_search_index", killed_while_indexing)
    with pytest.raises(KeyboardInterrupt):
        call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0)
    monkeypatch.undo()
    assert calls
    first, second = page_for(81), page_for(82)
    # What the killed run left: the pages saved, none in the reference index.
    assert references_of(first) == references_of(second) == set()

    call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0)

    image = Image.objects.get(title="hall")
    image_type = str(ContentType.objects.get_for_model(Image).pk)
    for wp_id in (81, 82, 83):
        page = page_for(wp_id)
        paths = {path for type_id, object_id, path in references_of(page)
                 if (str(type_id), object_id) == (image_type, str(image.pk))}
        assert "hero_image" in paths, wp_id
        assert any(path.startswith("body.") for path in paths), wp_id
        assert list(NewsPage.objects.live().search(f"Сирексөз{wp_id}")) == [page], wp_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
def test_an_import_and_organisers_saving_events_at_once_lose_nothing(
    tmp_path, uploads, migrated_state, demo_site
):
    from tests.engagement.helpers import district, make_event, project

    assert connection.settings_dict["NAME"] != ":memory:" and "mode=memory" not in str(
        connection.settings_dict["NAME"]
    )
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    posts = [post(100 + number, f"Жазба {number}. " * 20) for number in range(40)]
    export = write_wxr(tmp_path, *posts)
    events_before = Event.objects.count()
    the_project, the_district = project(), district("talgar-district")
    errors = []
    start = threading.Barrier(3)

    def import_posts():
        try:
            start.wait()
            call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    def save_events(offset):
        try:
            start.wait()
            for number in range(40):
                event = make_event(the_project, the_district,
                                   title=f"Параллель {offset}-{number}")
                # As the admin does: a revision, then publishing it.
                event.save_revision().publish()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=import_posts)] + [
        threading.Thread(target=save_events, args=(offset,)) for offset in (1, 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    assert NewsPage.objects.filter(
        pk__in=[page_for(100 + number).pk for number in range(40)], live=True
    ).count() == 40
    assert Event.objects.count() == events_before + 80
