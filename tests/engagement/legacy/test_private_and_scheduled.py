"""Members-only content never becomes public text; scheduled posts become scheduled pages."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from engagement.legacy import content

from .helpers import SITE, post
from .test_import_command import entry, page_for, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


def all_text(page):
    return " ".join(str(block.value.source if hasattr(block.value, "source") else block.value)
                    for block in page.body)


@pytest.mark.parametrize("name", ["su_private", "su_members", "members_only", "restrict",
                                  "private"])
def test_members_only_shortcodes_are_dropped_and_reported(name):
    conversion = content.convert(
        f"<p>Ашық мәтін.</p>[{name} message=»Кіріңіз»]<p>Құпия телефон 8 701 000 00 00</p>"
        f"[/{name}]<p>Соңы.</p>"
    )

    text = " ".join(getattr(block, "html", "") for block in conversion.blocks)
    assert "Ашық мәтін." in text and "Соңы." in text
    assert "Құпия" not in text and "8 701" not in text
    assert [w.code for w in conversion.warnings if w.code == "private_content_dropped"] == [
        "private_content_dropped"
    ]
    assert name not in conversion.unhandled


def test_an_unclosed_members_only_shortcode_drops_the_rest_of_the_post():
    conversion = content.convert("<p>Ашық.</p>[su_private]<p>Құпия мәтін</p><p>Тағы құпия</p>")

    text = " ".join(getattr(block, "html", "") for block in conversion.blocks)
    assert "Ашық." in text and "құпия" not in text.lower()
    assert "private_content_dropped" in {w.code for w in conversion.warnings}


def test_private_content_in_an_import_never_reaches_the_page(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(60, "Жиналыс өтті.\n\n[su_members]Мүшелерге: құпия сілтеме[/su_members]\n\nСоңы."),
    )

    page = page_for(60)
    assert page.live
    assert "Жиналыс өтті." in all_text(page) and "Соңы." in all_text(page)
    assert "құпия" not in all_text(page)
    assert "private_content_dropped" in entry(report, 60)["warnings"]
    assert report["totals"]["warnings"]["private_content_dropped"] == 1


def test_private_content_in_an_excerpt_never_reaches_the_lead(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(64, "Мәтін", excerpt="Қысқаша. [su_private]Құпия шешім[/su_private] Соңы."),
    )

    lead = page_for(64).lead
    assert "Қысқаша." in lead and "Соңы." in lead and "Құпия" not in lead
    assert "private_content_dropped" in entry(report, 64)["warnings"]


def test_a_future_post_becomes_a_page_scheduled_for_its_date_in_almaty(tmp_path, uploads):
    # 10:00 in Almaty (UTC+5 since March 2024) is 05:00 UTC.
    report = run_import(
        tmp_path, uploads,
        post(61, "Алдағы жиын", status="future", date="2027-03-10 10:00:00",
             date_gmt="2027-03-10 05:00:00", link=f"{SITE}/?p=61"),
    )

    page = page_for(61)
    go_live = datetime(2027, 3, 10, 5, 0, tzinfo=UTC)
    assert not page.live
    assert page.go_live_at == go_live
    revision = page.latest_revision
    assert revision.approved_go_live_at == go_live
    assert page.scheduled_revision == revision
    assert timezone.localtime(page.go_live_at).hour == 10
    post_entry = entry(report, 61)
    assert post_entry["status"] == "created" and post_entry["live"] is False
    assert "scheduled" in post_entry["warnings"]
    assert "scheduled_as_draft" not in post_entry["warnings"]


def test_a_future_post_before_the_2024_change_is_read_at_utc_plus_6(tmp_path, uploads):
    # Without a GMT date the local date is read in Asia/Almaty, which was UTC+6 until 2024-03-01.
    run_import(
        tmp_path, uploads,
        post(62, "Ескі жоспар", status="future", date="2024-02-20 12:00:00",
             date_gmt="0000-00-00 00:00:00", link=f"{SITE}/?p=62"),
    )

    page = page_for(62)
    assert page.go_live_at == datetime(2024, 2, 20, 6, 0, tzinfo=UTC)


def test_a_scheduled_page_goes_live_at_its_date(tmp_path, uploads, monkeypatch):
    from django.core.management import call_command

    run_import(
        tmp_path, uploads,
        post(63, "Жиын", status="future", date="2027-03-10 10:00:00",
             date_gmt="2027-03-10 05:00:00", link=f"{SITE}/?p=63"),
    )
    page = page_for(63)
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live

    # The day comes.
    later = datetime(2027, 3, 10, 5, 1, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled", verbosity=0)

    page.refresh_from_db()
    assert page.live
    assert page.first_published_at == later
