import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import translation

from engagement.legacy.wxr import WXRError, parse_wxr

from .helpers import attachment, post, wxr

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the site's default language is Kazakh)."""
    with translation.override("en"):
        yield


def parse(text):
    return parse_wxr(io.BytesIO(text.encode()))


def test_wxr_1_1_with_attachment_after_the_post_that_uses_it():
    export = parse_wxr(FIXTURES / "wxr-1.1.xml")

    assert export.wxr_version == "1.1"
    assert export.identity == "old.example.kz"
    [post_item] = export.posts
    assert post_item.wp_id == 101
    assert post_item.slug == "встреча"  # percent-encoded in the file
    assert post_item.date == datetime(2013, 5, 9, 12, 0)
    assert post_item.date_gmt == datetime(2013, 5, 9, 6, 0, tzinfo=UTC)
    assert post_item.comment_count == 2
    assert [(t.domain, t.slug, t.name) for t in post_item.terms_in("post_tag")] == [
        ("post_tag", "ветераны", "ветераны")
    ]
    assert '[gallery ids="202"]' in post_item.content
    photo = export.attachments[202]
    assert photo.parent_id == 101
    assert photo.meta_value("_wp_attachment_image_alt") == "Ветераны за столом"
    assert photo.excerpt == "Ветераны и молодёжь"


def test_wxr_1_2_items_keep_file_order_and_every_post_type():
    export = parse(wxr(post(1), attachment(2, "2021/06/a.jpg"), post(3, post_type="page")))

    assert export.wxr_version == "1.2"
    assert [(item.wp_id, item.post_type) for item in export.items] == [
        (1, "post"), (2, "attachment"), (3, "page")
    ]
    assert [item.wp_id for item in export.posts] == [1]


def test_zero_dates_and_an_empty_slug_parse_as_none_and_empty():
    export = parse(wxr(post(5, status="draft", slug="", date="0000-00-00 00:00:00")))

    [draft] = export.posts
    assert draft.status == "draft"
    assert draft.date is None and draft.date_gmt is None and draft.modified is None
    assert draft.slug == ""


def test_post_meta_keeps_every_value_of_a_repeated_key():
    export = parse(wxr(post(1, meta={"_wp_old_slug": ["first", "second"]})))

    assert export.posts[0].meta["_wp_old_slug"] == ["first", "second"]


def test_fingerprint_changes_with_content_and_only_then():
    first = parse(wxr(post(1, "Text"))).posts[0]
    same = parse(wxr(post(1, "Text"))).posts[0]
    edited = parse(wxr(post(1, "Text, edited"))).posts[0]

    assert first.fingerprint == same.fingerprint
    assert first.fingerprint != edited.fingerprint


def test_an_xml_bomb_is_refused_with_a_clear_message():
    with pytest.raises(WXRError, match="DTD or entities") as caught:
        parse_wxr(FIXTURES / "billion-laughs.xml")
    assert "refused for safety" in str(caught.value)


def test_the_refusal_is_translated():
    with translation.override("ru"), pytest.raises(WXRError, match="отклонён ради безопасности"):
        parse_wxr(FIXTURES / "billion-laughs.xml")


def test_an_external_entity_is_refused_and_never_read():
    with pytest.raises(WXRError, match="DTD or entities"):
        parse_wxr(FIXTURES / "external-entity.xml")


def test_malformed_xml_is_reported_with_where_it_broke():
    with pytest.raises(WXRError, match="not well-formed XML: .*line"):
        parse("<rss><channel><item></channel></rss>")


def test_xml_that_is_not_a_wordpress_export_is_refused():
    with pytest.raises(WXRError, match="not a WordPress export"):
        parse("<?xml version='1.0'?><html><body>Hello</body></html>")
