"""``manage.py import_wordpress``: posts into news pages, end to end."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from engagement.legacy.models import LegacyObject
from home.models import NewsIndexPage, NewsPage

from .helpers import SITE, add_upload, attachment, png_claiming, post, write_wxr

pytestmark = pytest.mark.django_db
Image = get_image_model()
FIXTURES = Path(__file__).parent / "fixtures"
SEED_SHORTCODE = (
    "[su_custom_gallery source=»media: 34077,34076″ link=»lightbox» width=»150″ "
    "height=»150″ title=»never»]"
)
SEED_TEXT = (FIXTURES / "conference-report.kk.txt").read_text(encoding="utf-8")


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads with the two photos of the seed article's gallery."""
    folder = tmp_path / "uploads"
    add_upload(folder, "2021/06/hall.jpg", colour=(20, 60, 160))
    add_upload(folder, "2021/06/speaker.jpg", colour=(160, 60, 20))
    return folder


SEED_ATTACHMENTS = (
    attachment(34077, "2021/06/hall.jpg", title="Hall", alt="Конференция залы",
               caption="Облыстық конференция"),
    attachment(34076, "2021/06/speaker.jpg", title="Speaker", alt="Баяндамашы"),
)


def run_import(tmp_path, uploads, *items, **options):
    """Import an export of ``items``; return the JSON report."""
    export = write_wxr(tmp_path, *items)
    report = tmp_path / "report.json"
    call_command("import_wordpress", str(export), uploads=str(uploads), report=str(report),
                 verbosity=0, **options)
    return json.loads(report.read_text(encoding="utf-8"))


def page_for(wp_id):
    return LegacyObject.objects.get(wp_id=wp_id, wp_type="post").content_object.specific


def blocks_of(page):
    return [(block.block_type, block.value) for block in page.body]


def entry(report, wp_id):
    return next(post_entry for post_entry in report["posts"] if post_entry["wp_id"] == wp_id)


def counts():
    return {
        "pages": Page.objects.count(), "images": Image.objects.count(),
        "redirects": Redirect.objects.count(), "revisions": Revision.objects.count(),
        "records": LegacyObject.objects.count(),
    }


def test_the_seed_article_shows_its_gallery_between_the_right_paragraphs(tmp_path, uploads):
    # The classic editor stores paragraphs separated by blank lines.
    body = SEED_TEXT.replace("\n", "\n\n")
    report = run_import(
        tmp_path, uploads,
        post(34100, body, title="Конференция", slug="konferentsiya"),
        *SEED_ATTACHMENTS,  # the attachments come after the post that uses them
    )

    page = page_for(34100)
    kinds = [kind for kind, _value in blocks_of(page)]
    assert kinds == ["paragraph"] * 4 + ["gallery"] + ["paragraph"] * 4
    gallery = page.body[4].value
    images = report["attachments"]
    assert [item["image"].pk for item in gallery["images"]] == [images["34077"], images["34076"]]
    assert [item["alt_text"] for item in gallery["images"]] == ["Конференция залы", "Баяндамашы"]
    assert gallery["images"][0]["caption"] == "Облыстық конференция"
    assert (gallery["thumbnail_width"], gallery["thumbnail_height"]) == (150, 150)
    assert (gallery["link"], gallery["titles"]) == ("lightbox", "never")
    assert page.body[3].value.source.startswith("<p>«Кәсіпкерлікті дамыту»")
    assert page.body[5].value.source.startswith("<p>«Өмір сүру сапасын арттыру»")
    assert "su_custom_gallery" not in str(page.body.raw_data)
    # Indexed once, after the post was published: the site search finds it.
    assert page in list(NewsPage.objects.live().search("Кәсіпкерлікті"))
    seed_entry = entry(report, 34100)
    assert seed_entry["galleries"] == [{
        "wp_ids": [34077, 34076], "image_ids": [images["34077"], images["34076"]], "images": 2,
        "width": 150, "height": 150, "shape": "crop", "link": "lightbox", "title": "never",
    }]
    assert seed_entry["warnings"] == ["typographic_quotes_normalised"]
    assert (seed_entry["locale"], seed_entry["live"], seed_entry["page_id"]) == ("kk", True,
                                                                                   page.pk)
    assert seed_entry["url"] == page.url
    # The gallery the old site never showed is on the public page, between its paragraphs.
    html = client_get(page.url)
    assert html.index("Кәсіпкерлікті дамыту") < html.index("eg-gallery__list") < html.index(
        "Өмір сүру сапасын арттыру"
    )
    assert html.count('class="eg-gallery__item"') == 2
    assert 'alt="Конференция залы"' in html


def client_get(url):
    from django.test import Client

    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_straight_quotes_and_spaced_ids_give_the_same_gallery(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(1, 'A [su_custom_gallery source="media: 34077,34076" link="lightbox" '
                'width="150" height="150" title="never"] B'),
        post(2, "A [su_custom_gallery source=»media: 34077 34076″ link=»lightbox» "
                "width=»150″ height=»150″ title=»never»] B"),
        *SEED_ATTACHMENTS,
    )

    straight, spaced = entry(report, 1), entry(report, 2)
    assert straight["galleries"] == spaced["galleries"]
    assert straight["galleries"][0]["image_ids"] == [
        report["attachments"]["34077"], report["attachments"]["34076"]
    ]
    assert straight["warnings"] == []
    assert spaced["warnings"] == ["typographic_quotes_normalised", "whitespace_separated_ids"]
    assert [kind for kind, _value in blocks_of(page_for(2))] == [
        "paragraph", "gallery", "paragraph"
    ]


def test_unknown_and_enclosing_shortcodes_keep_their_content_and_are_counted(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(3, '[su_note note_color="#ffcc00"]Маңызды хабарландыру[/su_note]\n\n'
                'Мәтін [contact-form-7 id="12" title="Байланыс"] соңы. [Жаңартылды 14:20] '
                '[su_note]Тағы бір[/su_note]'),
    )

    page = page_for(3)
    text = " ".join(value.source for _kind, value in blocks_of(page))
    assert "Маңызды хабарландыру" in text and "Тағы бір" in text
    assert "Мәтін" in text and "соңы." in text
    assert "[Жаңартылды 14:20]" in text
    assert "su_note" not in text and "contact-form-7" not in text
    assert entry(report, 3)["unhandled_shortcodes"] == {"su_note": 2, "contact-form-7": 1}
    assert report["totals"]["unhandled_shortcodes"] == {"contact-form-7": 1, "su_note": 2}


def test_a_missing_attachment_is_reported_and_not_fatal(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(4, '[gallery ids="34077,99999"]'),
        attachment(34077, "2021/06/hall.jpg", alt="Зал"),
        attachment(34078, "2021/06/gone.jpg"),
        post(5, '[gallery ids="34078"] Text stays'),
    )

    assert entry(report, 4)["status"] == "created"
    assert entry(report, 4)["galleries"][0]["image_ids"] == [report["attachments"]["34077"]]
    assert "missing_attachment" in entry(report, 4)["warnings"]
    assert {"code": "missing_attachment", "wp_id": 99999} in [
        {key: detail[key] for key in ("code", "wp_id")}
        for detail in entry(report, 4)["details"] if "wp_id" in detail
    ]
    assert entry(report, 5)["warnings"] == ["empty_gallery", "missing_file"]
    assert [kind for kind, _value in blocks_of(page_for(5))] == ["paragraph"]


def test_a_core_gallery_with_a_pdf_leaves_the_pdf_out_of_the_gallery(tmp_path, uploads):
    add_upload(uploads, "2021/06/programme.pdf", data=b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    images_before = Image.objects.count()

    report = run_import(
        tmp_path, uploads,
        post(6, '[gallery ids="34077,34090,34076" size="medium" link="file" columns="2"]'),
        *SEED_ATTACHMENTS,
        attachment(34090, "2021/06/programme.pdf", title="Бағдарлама"),
    )

    assert Image.objects.count() == images_before + 2
    assert not Image.objects.filter(title="Бағдарлама").exists()
    gallery_report = entry(report, 6)["galleries"][0]
    assert gallery_report["wp_ids"] == [34077, 34090, 34076]
    assert gallery_report["image_ids"] == [report["attachments"]["34077"],
                                           report["attachments"]["34076"]]
    assert (gallery_report["width"], gallery_report["link"], gallery_report["title"]) == (
        300, "image", "always"
    )
    assert "34090" not in report["attachments"]
    # The PDF is a document, linked after the gallery (issue 12).
    document = report["documents"]["34090"]
    assert [kind for kind, _value in blocks_of(page_for(6))] == ["gallery", "paragraph"]
    assert page_for(6).body[1].value.source == (
        f'<p><a linktype="document" id="{document}">Бағдарлама</a></p>'
    )


def test_a_draft_with_zero_dates_and_no_slug_is_imported_as_a_draft(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(7, "Жоба мәтіні", title="Жоба", slug="", status="draft",
             date="0000-00-00 00:00:00", link=f"{SITE}/?p=7"),
    )

    page = page_for(7)
    assert not page.live and page.first_published_at is None
    assert page.slug == "жоба"
    assert page.date is not None
    assert entry(report, 7)["live"] is False
    assert entry(report, 7)["warnings"] == ["zero_date"]
    assert not Redirect.objects.filter(redirect_page=page).exists()
    assert report["totals"]["drafts"] == 1


def test_published_posts_keep_their_date_slug_tags_excerpt_and_featured_image(tmp_path, uploads):
    run_import(
        tmp_path, uploads,
        post(8, "Мәтін", title="«Nur Otan» &amp; жастар", date="2021-06-15 10:30:00",
             date_gmt="2021-06-15 04:30:00", excerpt="<p>Қысқаша</p>",
             slug="%d0%b6%d0%b0%d1%81%d1%82%d0%b0%d1%80",
             terms=[("post_tag", "jastar", "жастар"), ("category", "news", "Жаңалықтар")],
             meta={"_thumbnail_id": "34077"}, comments=4),
        *SEED_ATTACHMENTS,
    )

    page = page_for(8)
    assert page.title == "«Nur Otan» & жастар"
    assert page.slug == "жастар"
    assert str(page.date) == "2021-06-15"
    assert page.first_published_at.isoformat() == "2021-06-15T04:30:00+00:00"
    assert page.lead == "Қысқаша"
    # Categories are kept as topics too (issue 12, then 13).
    assert sorted(link.topic.name for link in page.topic_links.all()) == ["Жаңалықтар", "жастар"]
    assert page.hero_image.title == "Hall"
    assert isinstance(page.get_parent().specific, NewsIndexPage)


def test_scripts_handlers_and_javascript_links_do_not_survive(tmp_path, uploads):
    run_import(
        tmp_path, uploads,
        post(9, '<p onclick="steal()">Мәтін <a href="javascript:alert(1)">сілтеме</a>'
                '<script>alert("x")</script> <a href="https://example.kz/" '
                'onmouseover="x()">дұрыс</a></p><iframe src="javascript:alert(2)"></iframe>'),
    )

    stored = json.dumps(list(page_for(9).body.raw_data), ensure_ascii=False)
    assert "script" not in stored and "alert" not in stored
    assert "onclick" not in stored and "onmouseover" not in stored
    assert "сілтеме" in stored and '<a href=\\"https://example.kz/\\">дұрыс</a>' in stored


def test_the_locale_comes_from_polylang_or_the_text_and_chooses_the_news_index(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(10, "Аким области встретился с ветеранами.", slug="vstrecha"),
        post(11, "The governor met veterans.", slug="meeting"),
        post(12, "Облыс әкімі ардагерлермен кездесті.", slug="kezdesu"),
        post(13, "Text without a word of Russian", slug="ru-by-plugin",
             terms=[("language", "ru", "Русский")]),
    )

    assert [entry(report, wp_id)["locale"] for wp_id in (10, 11, 12, 13)] == [
        "ru", "en", "kk", "ru"
    ]
    for wp_id, code in ((10, "ru"), (11, "en"), (12, "kk")):
        parent = page_for(wp_id).get_parent().specific
        assert isinstance(parent, NewsIndexPage) and parent.locale.language_code == code
    assert entry(report, 10)["url"].startswith("/ru/")


def test_locale_and_parent_options(tmp_path, uploads):
    kk_index = NewsIndexPage.objects.get(locale__language_code="kk")
    en_index = NewsIndexPage.objects.get(locale__language_code="en")

    report = run_import(
        tmp_path, uploads, post(14, "Аким области встретился с ветеранами."),
        locale="en", parent=str(kk_index.pk),
    )

    assert entry(report, 14)["locale"] == "en"
    assert page_for(14).get_parent().pk == en_index.pk  # the parent's English translation


def test_bad_options_are_refused_with_a_clear_message_and_change_nothing(tmp_path, uploads):
    export = write_wxr(tmp_path, post(15, "x"))
    before = counts()
    home = Page.objects.get(depth=2, locale__language_code="kk")

    cases = [
        ({"uploads": str(tmp_path / "nowhere")}, "uploads folder"),
        ({"uploads": str(uploads), "parent": "999999"}, "no page with id 999999"),
        ({"uploads": str(uploads), "parent": str(home.pk)}, "cannot be created under"),
        ({"uploads": str(uploads), "locale": "de"}, "no locale de"),
        ({"uploads": str(uploads), "report": str(tmp_path / "no" / "r.json")}, "for the report"),
    ]
    for options, message in cases:
        # In English although the site's language is kk: a developer reads the console.
        with pytest.raises(CommandError, match=message):
            call_command("import_wordpress", str(export), verbosity=0, **options)
    # Even when the caller had a language active.
    with translation.override("kk"), pytest.raises(CommandError, match="no page with id 999999"):
        call_command("import_wordpress", str(export), uploads=str(uploads), parent="999999")
    assert counts() == before


@pytest.mark.parametrize("fixture", ["billion-laughs.xml", "external-entity.xml"])
def test_an_xml_bomb_or_external_entity_is_refused_and_nothing_changes(fixture, uploads):
    before = counts()

    with translation.override("en"), pytest.raises(CommandError, match="DTD or entities"):
        call_command("import_wordpress", str(FIXTURES / fixture), uploads=str(uploads),
                     verbosity=0)

    assert counts() == before


def test_a_path_traversal_file_name_is_refused(tmp_path, uploads):
    secret = add_upload(tmp_path, "secret.jpg")
    report = run_import(
        tmp_path, uploads,
        post(16, '[gallery ids="34095"]'),
        attachment(34095, "../secret.jpg"),
    )

    assert secret.exists()
    assert "unsafe_path" in entry(report, 16)["warnings"]
    assert report["attachments"] == {}


def test_a_decompression_bomb_image_is_refused(tmp_path, uploads):
    add_upload(uploads, "2021/06/bomb.png", data=png_claiming(40000, 40000))
    images_before = Image.objects.count()

    report = run_import(tmp_path, uploads, post(17, '[gallery ids="34096"]'),
                        attachment(34096, "2021/06/bomb.png"))

    assert "too_many_pixels" in entry(report, 17)["warnings"]
    assert Image.objects.count() == images_before


def test_a_second_run_creates_nothing_and_reuses_every_image(tmp_path, uploads):
    items = (
        post(18, "Бір " + SEED_SHORTCODE, slug="bir", meta={"_wp_old_slug": "eski"}),
        post(19, '[gallery ids="34077"] Екі', slug="eki"),
        *SEED_ATTACHMENTS,
    )
    first = run_import(tmp_path, uploads, *items)
    before = counts()

    second = run_import(tmp_path, uploads, *items)

    assert counts() == before
    assert [post_entry["status"] for post_entry in second["posts"]] == ["unchanged"] * 2
    assert second["attachments"] == first["attachments"]
    assert second["totals"]["attachments_created"] == 0
    assert second["totals"]["attachments_reused"] == 2
    assert [p["galleries"] for p in second["posts"]] == [p["galleries"] for p in first["posts"]]


def test_a_changed_post_is_updated_in_place(tmp_path, uploads):
    run_import(tmp_path, uploads, post(20, "Бірінші нұсқа", slug="nusqa"))
    page = page_for(20)
    pages_before = Page.objects.count()

    report = run_import(tmp_path, uploads, post(20, "Екінші нұсқа", slug="nusqa"))

    assert entry(report, 20)["status"] == "updated"
    assert Page.objects.count() == pages_before
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert "Екінші нұсқа" in page.body[0].value.source


def test_a_page_edited_since_the_import_is_left_alone(tmp_path, uploads):
    run_import(tmp_path, uploads, post(21, "Бастапқы", slug="bastapqy"))
    page = page_for(21)
    page.lead = "Редактор өзгертті"
    page.save_revision().publish()

    report = run_import(tmp_path, uploads, post(21, "WordPress-те өзгерген", slug="bastapqy"))

    page.refresh_from_db()
    assert entry(report, 21)["warnings"] == ["edited_since_import"]
    assert page.lead == "Редактор өзгертті"
    assert "Бастапқы" in page.body[0].value.source


def test_a_failure_in_the_middle_of_a_post_leaves_nothing_of_it(tmp_path, uploads, monkeypatch):
    from engagement.legacy import importer

    original = importer.WordPressImporter._redirects

    def fail_for_22(self, item, page, entry_, conversion):
        if item.wp_id == 22:
            raise RuntimeError("disk full")
        return original(self, item, page, entry_, conversion)

    monkeypatch.setattr(importer.WordPressImporter, "_redirects", fail_for_22)
    pages_before = Page.objects.count()

    with pytest.raises(CommandError, match="1 of 2 posts failed"):
        run_import(
            tmp_path, uploads,
            post(22, "Сәтсіз " + SEED_SHORTCODE, slug="satsiz"),
            post(23, "Сәтті", slug="satti"),
            *SEED_ATTACHMENTS,
        )
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))

    assert entry(report, 22)["status"] == "failed"
    assert "disk full" in entry(report, 22)["error"]
    assert not NewsPage.objects.filter(slug="satsiz").exists()
    assert not LegacyObject.objects.filter(wp_id=22).exists()
    assert not Redirect.objects.filter(old_path="/?p=22").exists()
    assert entry(report, 23)["status"] == "created"
    assert Page.objects.count() == pages_before + 1
    # The images it needed stay imported, for the next run to reuse.
    assert set(report["attachments"]) == {"34077", "34076"}


def test_redirects_resolve_from_permalinks_old_slugs_and_post_ids(tmp_path, uploads, client):
    run_import(
        tmp_path, uploads,
        post(24, "Мәтін", slug="%d0%ba%d0%be%d0%bd%d1%84%d0%b5%d1%80%d0%b5%d0%bd%d1%86%d0%b8%d1%8f",
             link=f"{SITE}/2021/06/15/%d0%ba%d0%be%d0%bd%d1%84%d0%b5%d1%80%d0%b5%d0%bd%d1%86"
                  "%d0%b8%d1%8f/",
             meta={"_wp_old_slug": ["old-conference", "%d0%b5%d1%81%d0%ba%d1%96"]}),
    )
    page = page_for(24)

    for old in ("/2021/06/15/конференция/", "/2021/06/15/%D0%BA%D0%BE%D0%BD%D1%84%D0%B5%D1%80"
                "%D0%B5%D0%BD%D1%86%D0%B8%D1%8F/", "/2021/06/15/old-conference/",
                "/2021/06/15/ескі/", "/?p=24"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_a_dry_run_reports_everything_and_saves_nothing(tmp_path, uploads):
    before = counts()

    report = run_import(tmp_path, uploads, post(25, "Мәтін " + SEED_SHORTCODE),
                        *SEED_ATTACHMENTS, dry_run=True)

    assert counts() == before
    assert report["dry_run"] is True
    assert entry(report, 25)["status"] == "created"
    assert entry(report, 25)["page_id"] is None
    gallery_report = entry(report, 25)["galleries"][0]
    assert gallery_report["wp_ids"] == [34077, 34076]
    assert gallery_report["image_ids"] == [None, None]  # would be created
    # Sizes and counts as a real run reports them.
    assert (gallery_report["images"], gallery_report["width"], gallery_report["shape"]) == (
        2, 150, "crop"
    )
    assert report["totals"]["gallery_images"] == 2
    assert entry(report, 25)["warnings"] == ["typographic_quotes_normalised"]


def test_comments_are_counted_not_imported_and_other_types_are_skipped(tmp_path, uploads):
    report = run_import(
        tmp_path, uploads,
        post(26, "Мәтін", comments=3),
        post(27, "About", post_type="page"),
        post(28, "", post_type="nav_menu_item"),
        post(29, "Себетте", status="trash"),
    )

    assert entry(report, 26)["comments"] == 3
    assert report["totals"]["comments"] == 3
    assert report["totals"]["skipped_page"] == 1
    assert report["totals"]["skipped_nav_menu_item"] == 1
    assert entry(report, 29)["status"] == "skipped"
    assert not LegacyObject.objects.filter(wp_id__in=[27, 28, 29]).exists()


def test_a_wxr_1_1_export_imports_with_its_gallery_from_later_attachments(tmp_path):
    uploads = tmp_path / "uploads"
    add_upload(uploads, "2013/05/veterans.jpg")

    call_command("import_wordpress", str(FIXTURES / "wxr-1.1.xml"), uploads=str(uploads),
                 verbosity=0)

    page = page_for(101)
    assert page.locale.language_code == "ru" and page.slug == "встреча"
    assert [kind for kind, _value in blocks_of(page)] == ["paragraph", "gallery", "paragraph"]
    assert page.body[1].value["images"][0]["alt_text"] == "Ветераны за столом"


def test_progress_and_summary_are_printed(tmp_path, uploads, capsys):
    from io import StringIO

    export = write_wxr(tmp_path, post(30, "Мәтін " + SEED_SHORTCODE), *SEED_ATTACHMENTS)
    out, err = StringIO(), StringIO()

    call_command("import_wordpress", str(export), uploads=str(uploads), stdout=out, stderr=err)

    summary = out.getvalue()
    # In English although the site speaks Kazakh: a developer reads the console.
    assert "1 post read" in summary
    assert "created 1, updated 0, unchanged 0, skipped 0, failed 0" in summary
    assert "typographic_quotes_normalised" in summary
    assert "100%" in err.getvalue()


def test_queries_per_post_do_not_grow_with_the_export(tmp_path, uploads):
    def import_queries(wp_ids, name):
        export = write_wxr(tmp_path, *(post(wp_id, f"Мәтін {wp_id}", slug=f"q-{wp_id}")
                                       for wp_id in wp_ids), name=name)
        with CaptureQueriesContext(connection) as context:
            call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0)
        return len(context.captured_queries)

    one = import_queries([31], "one.xml")
    five = import_queries([32, 33, 34, 35, 36], "five.xml")
    unchanged_one = import_queries([31], "one.xml")
    unchanged_five = import_queries([32, 33, 34, 35, 36], "five.xml")

    # A new post costs the same whatever came before it (page, revision, publication, history,
    # search index, redirects, record)...
    assert (five - one) / 4 <= 120
    # ...and a post that did not change costs a few: its page, and the check of its reference
    # index rows (a killed run may have left them out; the search index check is one query
    # for all of them).
    assert (unchanged_five - unchanged_one) / 4 <= 6


def test_a_post_twice_in_one_export_is_one_page(tmp_path, uploads):
    report = run_import(tmp_path, uploads, post(37, "Бір", slug="twice"),
                        post(37, "Бір", slug="twice"))

    assert [post_entry["status"] for post_entry in report["posts"]] == ["created", "unchanged"]
    assert NewsPage.objects.filter(slug__startswith="twice").count() == 1
