"""Shapes of real WordPress exports (issue 12), each as a minimal WXR written here.

Each test builds the smallest export that has the shape seen in real exports, imports it with
``manage.py import_wordpress`` and asserts the stored blocks, the rendered text and that a second
run creates nothing.
"""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from wagtail.images import get_image_model

from engagement.legacy.wxr import SYNTHETIC_ID_BASE, WXRError, parse_wxr

from .helpers import SITE, add_upload, attachment, post, wxr
from .test_import_command import blocks_of, counts, page_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the site's default language is Kazakh)."""
    with translation.override("en"):
        yield


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


def import_text(tmp_path, uploads, text, name="export.xml", **options):
    """Import the export ``text``; return the JSON report."""
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    report = tmp_path / "report.json"
    call_command("import_wordpress", str(export), uploads=str(uploads), report=str(report),
                 verbosity=0, **options)
    return json.loads(report.read_text(encoding="utf-8"))


def import_twice(tmp_path, uploads, text, **options):
    """Import ``text`` twice; assert the second run created nothing; return the first report."""
    first = import_text(tmp_path, uploads, text, **options)
    before = counts()
    second = import_text(tmp_path, uploads, text, **options)
    assert counts() == before
    assert second["totals"].get("created", 0) == 0
    return first


def rendered_text(page):
    """The words of the page's body as a reader sees them (tags gone, spaces collapsed)."""
    html = Client().get(page.url).content.decode()
    body = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(text.split())


def without_post_id(item):
    return re.sub(r"<wp:post_id>\d+</wp:post_id>\n", "", item)


# --- 1. every real export is read ---------------------------------------------------------


@pytest.mark.parametrize("scheme,version", [("http", "1.0"), ("https", "1.2"), ("https", "1.1"),
                                            ("http", "1.3")])
def test_both_namespace_schemes_and_any_1_x_version_are_read(tmp_path, uploads, scheme,
                                                             version):
    text = wxr(post(71, "<p>Аудандық жиналыс өтті.</p>", excerpt="Қысқаша", title="Жиналыс"),
               version=version).replace("http://wordpress.org/", f"{scheme}://wordpress.org/")

    export = parse_wxr(io.BytesIO(text.encode()))
    assert [(item.wp_id, item.status, item.excerpt) for item in export.posts] == [
        (71, "publish", "Қысқаша")
    ]
    assert export.wxr_version == version
    import_twice(tmp_path, uploads, text)
    page = page_for(71)
    assert blocks_of(page)[0][1].source == "<p>Аудандық жиналыс өтті.</p>"
    assert "Жиналыс Қысқаша Аудандық жиналыс өтті." in rendered_text(page)


@pytest.mark.parametrize("head", [
    "<!DOCTYPE html>\n<html lang='kk'><head><title>Кіру</title></head><body></body></html>",
    "\ufeff<?xml version='1.0'?>\n<!-- saved -->\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0"
    " Strict//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'><html></html>",
    "<html><body><p>Not found</p></body></html>",
])
def test_an_html_page_is_refused_as_an_html_page_not_as_a_dtd(tmp_path, uploads, head):
    with pytest.raises(WXRError, match="This is an HTML page, not a WordPress export"):
        parse_wxr(io.BytesIO(head.encode()))
    export = tmp_path / "export.html"
    export.write_text(head, encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match="HTML page") as caught:
        call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0)
    assert "DTD" not in str(caught.value)
    assert counts() == before


def test_a_stream_that_cannot_seek_is_still_read_whole():
    class OneWay(io.RawIOBase):
        def __init__(self, data):
            self.data = io.BytesIO(data)

        def readable(self):
            return True

        def seekable(self):
            return False

        def readinto(self, buffer):
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    # Longer than what is read to tell HTML apart, so the replay must join the two halves.
    text = wxr(post(72, "<p>" + "сөз " * 3000 + "</p>"))
    export = parse_wxr(io.BufferedReader(OneWay(text.encode())))

    assert [item.wp_id for item in export.posts] == [72]
    assert export.posts[0].content.count("сөз") == 3000


def test_an_item_without_post_id_gets_a_stable_id_from_its_guid(tmp_path, uploads):
    item = without_post_id(post(73, "<p>Ескі экспорттан келген жазба.</p>", title="Ескі жазба"))
    text = wxr(item)

    [read] = parse_wxr(io.BytesIO(text.encode())).posts
    [again] = parse_wxr(io.BytesIO(text.encode())).posts
    assert read.wp_id == again.wp_id >= SYNTHETIC_ID_BASE
    assert read.wp_id < 2**53
    report = import_twice(tmp_path, uploads, text)
    assert report["totals"]["created"] == 1
    page = page_for(read.wp_id)
    assert page.title == "Ескі жазба"
    assert "Ескі жазба Ескі экспорттан келген жазба." in rendered_text(page)


def test_an_item_with_neither_id_guid_nor_link_is_refused_with_a_non_zero_exit(tmp_path,
                                                                               uploads):
    item = without_post_id(post(74, "<p>Мәтін</p>", title="Белгісіз"))
    item = re.sub(r"<guid[^>]*>.*?</guid>\n", "", item)
    item = re.sub(r"<link>.*?</link>\n", "", item)
    export = tmp_path / "export.xml"
    export.write_text(wxr(item, post(75, "<p>Екінші</p>")), encoding="utf-8")
    report_path = tmp_path / "report.json"

    with pytest.raises(CommandError, match="1 of 2 posts failed"):
        call_command("import_wordpress", str(export), uploads=str(uploads),
                     report=str(report_path), verbosity=0)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    refused = next(entry for entry in report["posts"] if entry["wp_id"] is None)
    assert refused["title"] == "Белгісіз"
    assert refused["warnings"] == ["no_identity"]
    assert "no post id, guid or link" in refused["error"]
    assert page_for(75).title == "Post 75"


def test_a_plain_feed_item_without_wordpress_fields_is_a_published_post(tmp_path, uploads):
    item = (
        "<item><title>Жаңалық</title><link>https://blog.example.kz/news/1</link>"
        "<guid>https://blog.example.kz/news/1</guid>"
        "<content:encoded><![CDATA[<p>Жаңа кітапхана ашылды.</p>]]></content:encoded></item>"
    )
    report = import_twice(tmp_path, uploads, wxr(item))

    [entry] = report["posts"]
    assert (entry["status"], entry["live"]) == ("created", True)
    page = page_for(entry["wp_id"])
    assert "Жаңалық Жаңа кітапхана ашылды." in rendered_text(page)


# --- 2. WordPress.com media ---------------------------------------------------------------

COM_SITE = "https://ourbranch.wordpress.com"
COM_FILES = "https://ourbranch.files.wordpress.com"


def com_attachment(wp_id, relative, *, alt="", caption=""):
    """A WordPress.com attachment: its URL has no ``wp-content/uploads/`` and no file meta."""
    item = attachment(wp_id, relative, alt=alt, caption=caption)
    item = item.replace(f"{SITE}/wp-content/uploads/{relative}", f"{COM_FILES}/{relative}")
    return re.sub(r"<wp:postmeta><wp:meta_key><!\[CDATA\[_wp_attached_file\]\]>.*?"
                  r"</wp:postmeta>\n?", "", item)


def test_wordpress_com_attachments_and_inline_images_resolve_by_their_dated_path(tmp_path,
                                                                                uploads):
    add_upload(uploads, "2013/03/ny.jpg", colour=(10, 90, 200))
    add_upload(uploads, "2013/03/square.jpg", colour=(90, 10, 200))
    add_upload(uploads, "2013/04/unlisted.jpg", colour=(200, 90, 10))
    body = (
        '<p>Жаңа жыл кеші өтті.</p>\n\n[gallery ids="501"]\n\n'
        f'<p><img src="{COM_FILES}/2013/03/square.jpg?w=300&amp;h=300" alt="Шырша"></p>\n\n'
        f'<p><img src="{COM_FILES}/2013/04/unlisted-300x200.jpg" alt="Зал"></p>\n\n'
        f'<p><img src="{COM_FILES}/2013/05/gone.jpg" alt="Жоқ"></p>\n\n'
        f'<p><img src="{COM_FILES}/photo.jpg" alt="Белгісіз"></p>\n\n'
        '<p><img src="https://elsewhere.example.com/2013/03/ny.jpg" alt="Бөтен"></p>'
    )
    text = wxr(
        post(500, body, title="Жаңа жыл", link=f"{COM_SITE}/2013/03/10/new-year/"),
        com_attachment(501, "2013/03/ny.jpg", alt="Жаңа жыл", caption="Мерекелік кеш"),
        com_attachment(502, "2013/03/square.jpg", alt="Шырша"),
        site=COM_SITE,
    )
    report = import_twice(tmp_path, uploads, text)

    page = page_for(500)
    kinds = [kind for kind, _value in blocks_of(page)]
    assert kinds == ["paragraph", "gallery", "image", "image"], report["posts"][0]["details"]
    gallery = page.body[1].value
    assert [item["image"].pk for item in gallery["images"]] == [report["attachments"]["501"]]
    assert gallery["images"][0]["caption"] == "Мерекелік кеш"
    assert page.body[2].value["image"].pk == report["attachments"]["502"]
    unlisted = page.body[3].value["image"]
    assert unlisted.title == "unlisted"
    assert unlisted.file.name.endswith(".jpg") and "300x200" not in unlisted.file.name
    details = {(detail["code"], detail.get("url")) for detail in report["posts"][0]["details"]}
    assert ("missing_file", f"{COM_FILES}/2013/05/gone.jpg") in details
    assert ("unmappable_url", f"{COM_FILES}/photo.jpg") in details
    assert ("external_image", "https://elsewhere.example.com/2013/03/ny.jpg") in details
    html = Client().get(page.url).content.decode()
    assert 'alt="Шырша"' in html and 'alt="Зал"' in html
    assert "Жаңа жыл кеші өтті." in rendered_text(page)


def test_a_wordpress_com_attachment_whose_file_is_missing_is_reported_as_missing(tmp_path,
                                                                                uploads):
    report = import_text(tmp_path, uploads, wxr(
        post(510, '[gallery ids="511,512"]'),
        com_attachment(511, "2013/03/gone.jpg"),
        com_attachment(512, "x").replace(f"{COM_FILES}/x", f"{COM_FILES}/"),
        site=COM_SITE,
    ))

    codes = {(d["code"], d.get("wp_id")) for d in report["posts"][0]["details"]}
    assert ("missing_file", 511) in codes
    assert ("unmappable_url", 512) in codes


# --- 3. every Shortcodes Ultimate gallery becomes a gallery -------------------------------


def photos(uploads, *wp_ids):
    """Attachments ``wp_ids`` with their files, alt text "Сурет N" and caption "Түсінік N"."""
    items = []
    for wp_id in wp_ids:
        add_upload(uploads, f"2021/06/p{wp_id}.jpg", colour=(wp_id % 255, 80, 120))
        items.append(attachment(wp_id, f"2021/06/p{wp_id}.jpg", alt=f"Сурет {wp_id}",
                                caption=f"Түсінік {wp_id}"))
    return items


def gallery_settings(block):
    value = block.value
    return {
        "images": [item["alt_text"] for item in value["images"]],
        "size": (value["thumbnail_width"], value["thumbnail_height"]),
        "link": value["link"], "titles": value["titles"],
    }


@pytest.mark.parametrize("shortcode,expected", [
    ('[su_slider source="media: 601,602,603"]',
     {"images": ["Сурет 601", "Сурет 602", "Сурет 603"], "size": (600, 300), "link": "none",
      "titles": "always"}),
    ('[su_carousel source="media: 603, 601" link="lightbox" title="no" width="240" '
     'height="160"]',
     {"images": ["Сурет 603", "Сурет 601"], "size": (240, 160), "link": "lightbox",
      "titles": "never"}),
    ('[su_image_carousel source="media: 602,601" captions="yes" link="image"]',
     {"images": ["Сурет 602", "Сурет 601"], "size": (1024, 576), "link": "image",
      "titles": "always"}),
    ('[su_image_carousel source="media: 601" image_size="medium" crop="4:3"]',
     {"images": ["Сурет 601"], "size": (300, 225), "link": "none", "titles": "never"}),
    ('[su_custom_gallery source="media: 601,602,603" limit="2" title="always"]',
     {"images": ["Сурет 601", "Сурет 602"], "size": (90, 90), "link": "none",
      "titles": "always"}),
])
def test_each_shortcodes_ultimate_gallery_becomes_a_gallery(tmp_path, uploads, shortcode,
                                                           expected):
    body = f"<p>Кездесуден суреттер.</p>\n\n{shortcode}\n\n<p>Келесі кездесу мамырда.</p>"
    report = import_twice(tmp_path, uploads, wxr(post(600, body), *photos(uploads, 601, 602,
                                                                        603)))

    page = page_for(600)
    assert [kind for kind, _value in blocks_of(page)] == ["paragraph", "gallery", "paragraph"]
    assert gallery_settings(page.body[1]) == expected
    [entry] = report["posts"]
    assert entry["unhandled_shortcodes"] == {}
    assert (entry["galleries"][0]["width"], entry["galleries"][0]["height"]) == expected["size"]
    html = Client().get(page.url).content.decode()
    assert html.count('class="eg-gallery__item"') == len(expected["images"])
    text = rendered_text(page)
    assert text.index("Кездесуден суреттер.") < text.index("Келесі кездесу мамырда.")


def test_shortcodes_ultimate_show_twenty_images_unless_a_limit_says_otherwise(tmp_path,
                                                                               uploads):
    ids = list(range(611, 636))
    body = (f'[su_slider source="media: {",".join(map(str, ids))}"]'
            f'[su_carousel source="media: {",".join(map(str, ids))}" limit="-1"]')
    import_text(tmp_path, uploads, wxr(post(610, body), *photos(uploads, *ids)))

    slider, carousel = page_for(610).body
    assert len(slider.value["images"]) == 20
    assert len(carousel.value["images"]) == 25


@pytest.mark.parametrize("source", ["posts: recent", "category: 5", "taxonomy: category/5"])
def test_a_gallery_source_that_cannot_be_mapped_is_reported_never_an_empty_gallery(
    tmp_path, uploads, source
):
    body = f'<p>Алдыңғы мәтін.</p>\n\n[su_slider source="{source}"]\n\n<p>Соңғы мәтін.</p>'
    report = import_twice(tmp_path, uploads, wxr(post(640, body)))

    page = page_for(640)
    assert [kind for kind, _value in blocks_of(page)] == ["paragraph", "paragraph"]
    [entry] = report["posts"]
    assert entry["warnings"] == ["unsupported_gallery_source"]
    assert entry["details"][0]["source"] == source
    assert entry["galleries"] == [] and entry["unhandled_shortcodes"] == {}
    assert "Алдыңғы мәтін. Соңғы мәтін." in rendered_text(page)


def test_visible_text_of_other_shortcodes_ultimate_shortcodes_is_kept(tmp_path, uploads):
    body = (
        '[su_spoiler title="Бағдарлама туралы"]Толық мәтін.[/su_spoiler]\n\n'
        '[su_tabs][su_tab title="Бірінші күн"]Ашылу.[/su_tab][/su_tabs]\n\n'
        '[su_box title="Назар аударыңыз"]Тіркелу міндетті.[/su_box]\n\n'
        '[su_quote cite="Төраға"]Біз уәдемізді орындаймыз.[/su_quote]\n\n'
        '[su_button url="https://example.kz/register"]Тіркелу[/su_button]\n\n'
        '[su_document url="https://old.example.kz/wp-content/uploads/2021/06/plan.pdf" '
        'title="Жоспар"]'
    )
    report = import_twice(tmp_path, uploads, wxr(post(650, body)))

    page = page_for(650)
    sources = [value.source if hasattr(value, "source") else value
               for _kind, value in blocks_of(page)]
    assert sources[:2] == ["<p><strong>Бағдарлама туралы</strong></p>", "<p>Толық мәтін.</p>"]
    assert "<p><strong>Бірінші күн</strong></p>" in sources and "<p>Ашылу.</p>" in sources
    assert "<p><strong>Назар аударыңыз</strong></p>" in sources
    quote = next(value for kind, value in blocks_of(page) if kind == "quote")
    assert (quote["text"], quote["attribution"]) == ("Біз уәдемізді орындаймыз.", "Төраға")
    assert '<p><a href="https://example.kz/register">Тіркелу</a></p>' in sources
    assert ('<p><a href="https://old.example.kz/wp-content/uploads/2021/06/plan.pdf">'
            "Жоспар</a></p>") in sources
    assert report["posts"][0]["unhandled_shortcodes"] == {"su_tabs": 1}
    text = rendered_text(page)
    for words in ("Бағдарлама туралы Толық мәтін.", "Бірінші күн Ашылу.",
                  "Назар аударыңыз Тіркелу міндетті.", "Біз уәдемізді орындаймыз.", "Төраға",
                  "Тіркелу", "Жоспар"):
        assert words in text


def test_video_audio_and_embed_shortcodes_become_embeds_or_file_links(tmp_path, uploads):
    body = (
        '[su_video url="https://www.youtube.com/watch?v=abc123"]\n\n'
        '[video src="https://old.example.kz/wp-content/uploads/2021/06/speech.mp4"]\n\n'
        '[audio mp3="https://old.example.kz/wp-content/uploads/2021/06/anthem.mp3"][/audio]\n\n'
        '[su_audio url="https://old.example.kz/wp-content/uploads/2021/06/talk.mp3"]\n\n'
        '[embed]https://vimeo.com/12345[/embed]\n\n'
        '[video width="640"]'
    )
    report = import_twice(tmp_path, uploads, wxr(post(660, body)))

    page = page_for(660)
    values = [(kind, value.url if kind == "embed" else value.source)
              for kind, value in blocks_of(page)]
    base = "https://old.example.kz/wp-content/uploads/2021/06/"
    assert values == [
        ("embed", "https://www.youtube.com/watch?v=abc123"),
        ("paragraph", f'<p><a href="{base}speech.mp4">speech.mp4</a></p>'),
        ("paragraph", f'<p><a href="{base}anthem.mp3">anthem.mp3</a></p>'),
        ("paragraph", f'<p><a href="{base}talk.mp3">talk.mp3</a></p>'),
        ("embed", "https://vimeo.com/12345"),
    ]
    # A [video] without any address is reported, not silently dropped.
    assert report["posts"][0]["unhandled_shortcodes"] == {"video": 1}


# --- 4. captions and galleries of the block editor ----------------------------------------


def gutenberg_image(wp_id, caption, *, nested=False):
    img = (f'<img src="{SITE}/wp-content/uploads/2021/06/p{wp_id}.jpg" alt="Сурет {wp_id}" '
           f'data-id="{wp_id}" class="wp-image-{wp_id}"/>')
    figcaption = f'<figcaption class="blocks-gallery-item__caption">{caption}</figcaption>'
    if nested:
        return (f'<!-- wp:image {{"id":{wp_id}}} --><figure class="wp-block-image size-large">'
                f"{img}{figcaption}</figure><!-- /wp:image -->")
    return f'<li class="blocks-gallery-item"><figure>{img}{figcaption}</figure></li>'


def test_a_gutenberg_gallery_keeps_each_image_caption_and_its_own_caption(tmp_path, uploads):
    body = (
        "<!-- wp:paragraph --><p>Сенбілік өтті.</p><!-- /wp:paragraph -->"
        '<!-- wp:gallery {"ids":[701,702]} -->'
        '<figure class="wp-block-gallery columns-2 is-cropped"><ul class="blocks-gallery-grid">'
        + gutenberg_image(701, "Саябақта") + gutenberg_image(702, "<em>Аулада</em>")
        + '</ul><figcaption class="blocks-gallery-caption">Сенбілік, сәуір</figcaption>'
        "</figure><!-- /wp:gallery -->"
    )
    report = import_twice(tmp_path, uploads, wxr(post(700, body), *photos(uploads, 701, 702)))

    page = page_for(700)
    assert [kind for kind, _value in blocks_of(page)] == ["paragraph", "gallery"]
    gallery = page.body[1].value
    assert [(item["alt_text"], item["caption"]) for item in gallery["images"]] == [
        ("Сурет 701", "Саябақта"), ("Сурет 702", "Аулада")
    ]
    assert (gallery["caption"], gallery["shape"], gallery["titles"]) == (
        "Сенбілік, сәуір", "crop", "always"
    )
    assert report["posts"][0]["galleries"][0]["wp_ids"] == [701, 702]
    assert "Сенбілік өтті. Саябақта Аулада Сенбілік, сәуір" in rendered_text(page)


def test_a_wordpress_5_9_nested_gallery_keeps_its_captions(tmp_path, uploads):
    body = (
        '<!-- wp:gallery {"linkTo":"none"} -->'
        '<figure class="wp-block-gallery has-nested-images columns-default is-cropped">'
        + gutenberg_image(711, "Бірінші", nested=True) + gutenberg_image(712, "Екінші",
                                                                         nested=True)
        + '<figcaption class="blocks-gallery-caption wp-element-caption">Жиын</figcaption>'
        "</figure><!-- /wp:gallery -->"
    )
    import_twice(tmp_path, uploads, wxr(post(710, body), *photos(uploads, 711, 712)))

    [gallery] = page_for(710).body
    assert [item["caption"] for item in gallery.value["images"]] == ["Бірінші", "Екінші"]
    assert gallery.value["caption"] == "Жиын"
    assert "Бірінші Екінші Жиын" in rendered_text(page_for(710))


def test_a_wordpress_5_0_ul_gallery_is_a_gallery(tmp_path, uploads):
    body = (
        '<!-- wp:gallery {"ids":[721,722]} -->'
        '<ul class="wp-block-gallery columns-2 is-cropped">'
        + gutenberg_image(721, "Мектеп") + gutenberg_image(722, "Аула")
        + "</ul><!-- /wp:gallery -->"
    )
    import_twice(tmp_path, uploads, wxr(post(720, body), *photos(uploads, 721, 722)))

    page = page_for(720)
    assert [kind for kind, _value in blocks_of(page)] == ["gallery"]
    assert [(item["alt_text"], item["caption"]) for item in page.body[0].value["images"]] == [
        ("Сурет 721", "Мектеп"), ("Сурет 722", "Аула")
    ]
    assert "Мектеп Аула" in rendered_text(page)


def test_an_image_whose_file_is_missing_keeps_its_caption_as_text(tmp_path, uploads):
    body = (
        '<!-- wp:image {"id":731} --><figure class="wp-block-image">'
        f'<img src="{SITE}/wp-content/uploads/2021/06/gone.jpg" class="wp-image-731" alt="Зал"/>'
        "<figcaption>Облыстық кеңес, 2019 жыл</figcaption></figure><!-- /wp:image -->"
        '<!-- wp:gallery --><figure class="wp-block-gallery is-cropped"><ul>'
        + gutenberg_image(732, "Бар сурет") + gutenberg_image(733, "Жоғалған сурет")
        + "</ul></figure><!-- /wp:gallery -->"
    )
    report = import_twice(tmp_path, uploads, wxr(
        post(730, body), attachment(731, "2021/06/gone.jpg"), *photos(uploads, 732),
        attachment(733, "2021/06/gone-too.jpg"),
    ))

    page = page_for(730)
    values = [(kind, value.source if kind == "paragraph" else None)
              for kind, value in blocks_of(page)]
    assert values == [("paragraph", "<p>Облыстық кеңес, 2019 жыл</p>"), ("gallery", None),
                      ("paragraph", "<p>Жоғалған сурет</p>")]
    assert report["posts"][0]["warnings"] == ["missing_file"]
    assert "Облыстық кеңес, 2019 жыл Бар сурет Жоғалған сурет" in rendered_text(page)


def test_an_embed_keeps_its_caption(tmp_path, uploads):
    body = (
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=xyz"} -->'
        '<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\n'
        "https://www.youtube.com/watch?v=xyz\n</div>"
        "<figcaption>Төрағаның сөзі</figcaption></figure><!-- /wp:embed -->"
    )
    import_twice(tmp_path, uploads, wxr(post(740, body)))

    page = page_for(740)
    assert [(kind, value.url if kind == "embed" else value.source)
            for kind, value in blocks_of(page)] == [
        ("embed", "https://www.youtube.com/watch?v=xyz"), ("paragraph", "<p>Төрағаның сөзі</p>")
    ]
    assert "Төрағаның сөзі" in rendered_text(page)


def test_a_medium_core_gallery_keeps_the_images_aspect_ratio(tmp_path, uploads):
    add_upload(uploads, "2021/06/wide.jpg", size=(600, 400))
    add_upload(uploads, "2021/06/tall.jpg", size=(400, 800))
    report = import_twice(tmp_path, uploads, wxr(
        post(750, '[gallery ids="751,752" size="medium"][gallery ids="751"]'),
        attachment(751, "2021/06/wide.jpg", alt="Кең"),
        attachment(752, "2021/06/tall.jpg", alt="Биік"),
    ))

    medium, thumbnail = page_for(750).body
    assert (medium.value["shape"], medium.value["thumbnail_width"]) == ("fit", 300)
    assert thumbnail.value["shape"] == "crop"
    assert [g["shape"] for g in report["posts"][0]["galleries"]] == ["fit", "crop"]
    html = Client().get(page_for(750).url).content.decode()
    sizes = {alt: (int(width), int(height)) for alt, height, width in re.findall(
        r'<img alt="([^"]+)" class="eg-gallery__image" height="(\d+)"[^>]*width="(\d+)"', html)}
    # As WordPress showed them: within 300 × 300, each image keeping its own shape; the
    # thumbnail gallery cropped to 150 × 150.
    images = re.findall(
        r'<img alt="([^"]+)" class="eg-gallery__image" height="(\d+)"[^>]*src="[^"]*\.'
        r'(max-300x300|fill-150x150)\.jpg" width="(\d+)"', html)
    assert images == [("Кең", "200", "max-300x300", "300"), ("Биік", "300", "max-300x300", "150"),
                      ("Кең", "150", "fill-150x150", "150")]
    assert sizes["Биік"] == (150, 300)


# --- 5. the post's language ----------------------------------------------------------------

KAZAKH_POSTS = [
    ("Сенбілік", '[su_custom_gallery source="media: 11,12" link="lightbox" width="150" '
                 'height="150" title="never"]'),
    ("Ардагерлерге құрмет", '<p>Ардагерлер үйіне барып, сый-сияпат жасалды.</p>'
                            '[gallery ids="5,6,7"]'),
    ("Жастар форумы", '[su_slider source="media: 1,2,3,4" width="800" height="450"] '
                      "Форумға 200 жас қатысты."),
    ("Кездесу", 'Аудан тұрғындарымен кездесу өтті. [gallery size="medium" link="file" '
                'ids="41,42"]'),
    ("Қонаевта жиын", "[embed]https://www.youtube.com/watch?v=AbCdEf12345[/embed] "
                      "Жиынның толық жазбасы."),
    ("Саябақ ашылды", '<figure class="wp-block-image"><img src="https://old.example.kz/'
                      'wp-content/uploads/2021/06/park-1024x683.jpg" alt="Park opening '
                      'ceremony" class="wp-image-9"/></figure><p>Жаңа саябақ ашылды.</p>'),
    ("Наурыз мейрамы", '[su_carousel source="media: 7,8,9" limit="10" link="image" '
                       'title="no"]Мереке құтты болсын!'),
    ("Қайырымдылық акциясы", "Отбасыларға азық-түлік таратылды. "
                             "https://old.example.kz/?p=123"),
    ("Спорт", '[su_image_carousel source="media: 1,2" crop="none" captions="yes"] '
              "Жарыс жеңімпаздары марапатталды."),
    ("Талдықорғанда семинар", "<p>Семинар «Жаңа Қазақстан» бағдарламасы бойынша өтті.</p>"),
    ("Тіл мерекесі", '[caption id="attachment_5" align="aligncenter" width="300"]<img '
                     'src="https://old.example.kz/wp-content/uploads/2020/09/til.jpg" '
                     'class="wp-image-5" /> Тіл күні[/caption]'),
    ("Білім күні", '[su_youtube url="https://www.youtube.com/watch?v=Xyz"] '
                   "Мектептерде салтанатты жиын."),
]
RUSSIAN_POSTS = [
    ("Встреча в Қонаеве", "Аким района встретился с жителями сёл Қапшағай и Ұзынағаш."),
    ("Субботник", '[gallery ids="1,2,3"] Жители Талдықорған вышли на субботник в парке.'),
    ("Форум молодёжи", "В Есік прошёл форум, в котором участвовали 200 человек. "
                       '[su_slider source="media: 4,5"]'),
    ("Помощь ветеранам", "Ветеранам из Қаскелең и Талғар вручили подарки."),
    ("Семинар", "Семинар по программе «Жастар – Отанға!» прошёл в Алматинской области."),
    ("Наурыз", "Праздник Наурыз отметили в Райымбек ауданы и Кеген. "
               '[su_carousel source="media: 7,8"]'),
    ("Открытие школы", '<p>В селе Шелек открыли новую школу на 600 мест.</p>'
                       '[gallery size="medium" ids="1,2"]'),
    ("Спартакиада", "Команда Еңбекшіқазақ района заняла первое место."),
    ("Приём граждан", "Депутат провёл приём граждан в Жаркенте. "
                      "https://www.youtube.com/watch?v=abc"),
    ("Акция", '[su_image_carousel source="media: 1,2"] Волонтёры Қонаев раздали продукты '
              "семьям."),
    ("Собрание", "Собрание партийного актива Ұйғыр ауданы прошло в Шонжы."),
    ("Концерт", "[embed]https://vimeo.com/1234[/embed] Концерт ко Дню Независимости в Үшарал."),
]


@pytest.mark.parametrize("prior", [None, "kk", "ru", "en"])
def test_short_posts_with_shortcodes_and_place_names_are_in_their_own_language(prior):
    from engagement.legacy.locales import detect_language, reading_text

    found = {
        title: detect_language(reading_text(title, body), prior=prior)
        for title, body in KAZAKH_POSTS + RUSSIAN_POSTS
    }
    assert found == {
        **{title: "kk" for title, _body in KAZAKH_POSTS},
        **{title: "ru" for title, _body in RUSSIAN_POSTS},
    }


def test_the_text_read_for_the_language_has_no_shortcodes_addresses_or_attributes():
    from engagement.legacy.locales import reading_text

    text = reading_text(
        "Сенбілік",
        '<!-- wp:paragraph --><p class="has-text-color">Ауланы <a href="https://x.kz/a">'
        'тазаладық</a>.</p><!-- /wp:paragraph -->[su_spoiler title="Толығырақ"]Барлығы '
        '40 адам[/su_spoiler][su_private]Жасырын[/su_private] www.example.kz'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">'
        "https://youtu.be/x</div></figure>",
    )
    assert " ".join(text.split()) == "Сенбілік Ауланы тазаладық . Барлығы 40 адам"


def test_a_post_that_does_not_tell_takes_the_exports_language(tmp_path, uploads):
    text = wxr(post(801, '[gallery ids="1"]', title="2021"),
               post(802, '[su_slider source="media: 1"]', title="Фото"),
               post(803, "<p>Облыстық кеңес отырысы өтті.</p>", title="Кеңес"),
               post(804, "<p>В области прошло заседание совета.</p>", title="Совет"))
    report = import_twice(tmp_path, uploads, text.replace("<language>kk</language>",
                                                          "<language>ru-RU</language>"))

    assert {entry["wp_id"]: entry["locale"] for entry in report["posts"]} == {
        801: "ru", 802: "ru", 803: "kk", 804: "ru"
    }
    assert page_for(803).locale.language_code == "kk"
    assert "Кеңес Облыстық кеңес отырысы өтті." in rendered_text(page_for(803))


# --- 6. translations stay linked -------------------------------------------------------------


def polylang_post(wp_id, language, group, body, title):
    return post(wp_id, body, title=title, slug=f"p{wp_id}", terms=[
        ("language", language, {"kk": "Қазақша", "ru": "Русский"}[language]),
        ("post_translations", group, group),
    ])


def polylang_group(group, members):
    pairs = "".join(f's:{len(lang)}:"{lang}";i:{wp_id};' for lang, wp_id in members.items())
    return (f"<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy>post_translations"
            f"</wp:term_taxonomy><wp:term_slug>{group}</wp:term_slug><wp:term_name>{group}"
            f"</wp:term_name><wp:term_description><![CDATA[a:{len(members)}:{{{pairs}}}]]>"
            "</wp:term_description></wp:term>")


def wpml_post(wp_id, language, group, body, title, source=None):
    meta = {"_wpml_import_translation_group": str(group),
            "_wpml_import_language_code": language}
    if source:
        meta["_wpml_import_source_language_code"] = source
    return post(wp_id, body, title=title, slug=f"w{wp_id}", meta=meta)


def assert_linked(kk_page, ru_page):
    assert kk_page.translation_key == ru_page.translation_key
    assert (kk_page.locale.language_code, ru_page.locale.language_code) == ("kk", "ru")
    assert ru_page in [page.specific for page in kk_page.get_translations()]
    # The language switcher of each links to the other.
    kk_html = Client().get(kk_page.url).content.decode()
    ru_html = Client().get(ru_page.url).content.decode()
    assert f'href="{ru_page.url}"' in kk_html
    assert f'href="{kk_page.url}"' in ru_html


@pytest.mark.parametrize("order", ["source first", "translation first"])
def test_a_polylang_pair_becomes_one_page_in_two_languages(tmp_path, uploads, order):
    # Polylang's language terms say the language even where the text would not.
    kk = polylang_post(901, "kk", "pll_5f1a", "<p>Кеңес отырысы өтті.</p>", "Кеңес")
    ru = polylang_post(902, "ru", "pll_5f1a", "<p>Прошло заседание совета.</p>", "Совет")
    items = [kk, ru] if order == "source first" else [ru, kk]
    report = import_twice(tmp_path, uploads, wxr(polylang_group("pll_5f1a", {"kk": 901,
                                                                             "ru": 902}),
                                                 *items))

    assert_linked(page_for(901), page_for(902))
    assert all(entry["warnings"] == [] for entry in report["posts"])
    assert "Совет Прошло заседание совета." in rendered_text(page_for(902))


@pytest.mark.parametrize("order", ["source first", "translation first"])
def test_a_wpml_pair_becomes_one_page_in_two_languages(tmp_path, uploads, order):
    kk = wpml_post(911, "kk", 77, "<p>Жастар форумы өтті.</p>", "Форум")
    ru = wpml_post(912, "ru", 77, "<p>Прошёл форум молодёжи.</p>", "Форум", source="kk")
    items = [kk, ru] if order == "source first" else [ru, kk]
    import_twice(tmp_path, uploads, wxr(*items))

    assert_linked(page_for(911), page_for(912))


def test_a_translation_group_whose_source_is_missing_is_reported(tmp_path, uploads):
    report = import_twice(tmp_path, uploads, wxr(
        wpml_post(921, "ru", 78, "<p>Прошёл форум.</p>", "Форум", source="kk"),
        polylang_group("pll_x", {"kk": 930, "ru": 931}),
        polylang_post(931, "ru", "pll_x", "<p>Прошло собрание.</p>", "Собрание"),
    ))

    details = {entry["wp_id"]: entry["details"] for entry in report["posts"]}
    assert [(d["code"], d["missing"]) for d in details[921]] == [
        ("translation_source_missing", ["kk"])
    ]
    assert [(d["code"], d["missing"]) for d in details[931]] == [
        ("translation_source_missing", ["kk:930"])
    ]
    assert page_for(921).locale.language_code == "ru"


# --- 7. links between old posts become page links -------------------------------------------


def link_posts():
    """Post 951 links to 952 in every way a WordPress author did; 952 links back to 951."""
    first = post(951, (
        f'<p>Бағдарлама: <a href="{SITE}/?p=952">жоба</a>, '
        f'<a href="{SITE}/2021/06/15/plan/">толығырақ</a>, '
        '<a href="/2021/06/15/old-plan/">ескі сілтеме</a>, '
        '<a href="/?p=952">қысқа</a> және '
        f'<a href="{SITE}/wp-content/uploads/2021/06/p953-300x200.jpg">сурет</a>. '
        f'<a href="{SITE}/2020/01/01/not-exported/">Жоқ жазба</a>, '
        '<a href="https://example.org/2021/06/15/plan/">басқа сайт</a>.</p>'
    ), title="Бірінші", slug="first")
    second = post(952, f'<p>Алдыңғы: <a href="{SITE}/2021/06/15/first/">бірінші</a>.</p>',
                  title="Жоспар", slug="plan", meta={"_wp_old_slug": "old-plan"})
    return first, second


@pytest.mark.parametrize("order", ["linked post first", "linked post last"])
def test_links_to_other_posts_become_page_links_in_any_order(tmp_path, uploads, order):
    first, second = link_posts()
    items = [second, first] if order == "linked post first" else [first, second]
    report = import_twice(tmp_path, uploads, wxr(*items, *photos(uploads, 953)))

    source, target = page_for(951), page_for(952)
    html = source.body[0].value.source
    assert html.count(f'<a linktype="page" id="{target.pk}">') == 4
    image = get_image_model().objects.get(pk=report["attachments"]["953"])
    assert f'<a href="{image.file.url}">сурет</a>' in html
    assert f'<a href="{SITE}/2020/01/01/not-exported/">Жоқ жазба</a>' in html
    assert '<a href="https://example.org/2021/06/15/plan/">басқа сайт</a>' in html
    assert f'<a linktype="page" id="{source.pk}">бірінші</a>' in page_for(952).body[0].value.source
    entry = next(e for e in report["posts"] if e["wp_id"] == 951)
    assert [(d["code"], d["url"]) for d in entry["details"]
            if d["code"] == "internal_link_unresolved"] == [
        ("internal_link_unresolved", f"{SITE}/2020/01/01/not-exported/")
    ]
    # The public page links to the new address; an editor sees no change since the import.
    public = Client().get(source.url).content.decode()
    assert public.count(f'href="{target.url}"') >= 4
    assert f'href="{image.file.url}"' in public
    assert "Бағдарлама: жоба , толығырақ , ескі сілтеме , қысқа және сурет ." in rendered_text(
        source)
    assert source.latest_revision.as_object().body.raw_data[0]["value"] == html


# --- 8. nothing structural is flattened -------------------------------------------------------


def sources(page):
    return [(kind, value.source if hasattr(value, "source") else value)
            for kind, value in blocks_of(page)]


def test_pre_and_verse_keep_their_line_breaks(tmp_path, uploads):
    body = (
        '<!-- wp:verse --><pre class="wp-block-verse">Туған жер, <em>туған</em> ел,\n'
        "Сенен артық жер бар ма?</pre><!-- /wp:verse -->"
        '<!-- wp:preformatted --><pre class="wp-block-preformatted">09:00  Тіркелу\n'
        "10:00  Ашылу</pre><!-- /wp:preformatted -->"
    )
    import_twice(tmp_path, uploads, wxr(post(960, body)))

    page = page_for(960)
    assert sources(page) == [
        ("paragraph", "<p>Туған жер, туған ел,<br/>Сенен артық жер бар ма?</p>"),
        ("paragraph", "<p>09:00  Тіркелу<br/>10:00  Ашылу</p>"),
    ]
    html = Client().get(page.url).content.decode()
    assert "Туған жер, туған ел,<br/>Сенен артық жер бар ма?" in html


def test_definition_lists_sup_and_sub_keep_word_boundaries(tmp_path, uploads):
    body = (
        "<dl><dt>Мерзімі</dt><dd>2021–2025 жылдар</dd><dt>Қаржы</dt><dd>5 млрд теңге</dd></dl>"
        "<h2>Ауданы 40 м<sup>2</sup> зал</h2>"
        "<p>CO<sub>2</sub> шығарындылары азайды.</p>"
    )
    import_twice(tmp_path, uploads, wxr(post(961, body)))

    page = page_for(961)
    assert sources(page) == [
        ("paragraph", "<p><b>Мерзімі</b></p>"), ("paragraph", "<p>2021–2025 жылдар</p>"),
        ("paragraph", "<p><b>Қаржы</b></p>"), ("paragraph", "<p>5 млрд теңге</p>"),
        ("heading", {"text": "Ауданы 40 м2 зал", "level": "h2"}),
        ("paragraph", "<p>CO2 шығарындылары азайды.</p>"),
    ]
    assert ("Мерзімі 2021–2025 жылдар Қаржы 5 млрд теңге Ауданы 40 м2 зал "
            "CO2 шығарындылары азайды.") in rendered_text(page)


def test_footnotes_keep_their_text_and_numbers(tmp_path, uploads):
    body = (
        '<!-- wp:paragraph --><p>Бағдарлама қабылданды<sup data-fn="a1b2" class="fn">'
        '<a href="#a1b2" id="a1b2-link">1</a></sup> және бекітілді<sup data-fn="c3d4" '
        'class="fn"><a href="#c3d4" id="c3d4-link">2</a></sup>.</p><!-- /wp:paragraph -->'
        "<!-- wp:footnotes /-->"
    )
    notes = json.dumps([{"content": "2021 жылғы <em>съезд</em> шешімі.", "id": "a1b2"},
                        {"content": "Облыстық кеңес, 12 мамыр.", "id": "c3d4"}],
                       ensure_ascii=False)
    report = import_twice(tmp_path, uploads, wxr(post(962, body, meta={"footnotes": notes})))

    page = page_for(962)
    assert sources(page) == [
        ("paragraph", "<p>Бағдарлама қабылданды[1] және бекітілді[2].</p>"),
        ("paragraph", "<ol><li>2021 жылғы <em>съезд</em> шешімі.</li>"
                      "<li>Облыстық кеңес, 12 мамыр.</li></ol>"),
    ]
    assert report["posts"][0]["warnings"] == ["footnote_anchors_dropped"]
    assert ("Бағдарлама қабылданды[1] және бекітілді[2]. 2021 жылғы съезд шешімі. "
            "Облыстық кеңес, 12 мамыр.") in rendered_text(page)


def test_a_reusable_block_is_expanded_from_the_exports_wp_block_items(tmp_path, uploads):
    reusable = post(970, "<!-- wp:paragraph --><p>Филиалдың телефоны: 8 (7282) 00-00-00."
                         "</p><!-- /wp:paragraph -->", post_type="wp_block",
                    title="Байланыс", status="publish")
    body = ("<!-- wp:paragraph --><p>Жиналыс сенбіде.</p><!-- /wp:paragraph -->"
            '<!-- wp:block {"ref":970} /--><!-- wp:block {"ref":404} /-->')
    report = import_twice(tmp_path, uploads, wxr(post(971, body), reusable))

    page = page_for(971)
    assert sources(page) == [("paragraph", "<p>Жиналыс сенбіде.</p>"),
                             ("paragraph", "<p>Филиалдың телефоны: 8 (7282) 00-00-00.</p>")]
    entry = next(e for e in report["posts"] if e["wp_id"] == 971)
    assert [(d["code"], d["ref"]) for d in entry["details"]] == [("reusable_block_missing", 404)]
    assert report["totals"]["skipped_wp_block"] == 1
    assert "Жиналыс сенбіде. Филиалдың телефоны: 8 (7282) 00-00-00." in rendered_text(page)


def test_a_quote_keeps_bold_italics_and_links_in_one_paragraph(tmp_path, uploads):
    body = (
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Біз <strong>әр</strong> '
        '<em>уәдені</em> <a href="https://example.kz/programme">бағдарламаға</a> енгіздік.</p>'
        "<cite>Төраға</cite></blockquote><!-- /wp:quote -->"
        "<blockquote><p>Жай дәйексөз, екі</p><p>жолда.</p></blockquote>"
    )
    report = import_twice(tmp_path, uploads, wxr(post(980, body)))

    page = page_for(980)
    assert sources(page) == [
        ("paragraph", '<p>Біз <strong>әр</strong> <em>уәдені</em> '
                      '<a href="https://example.kz/programme">'
                      "бағдарламаға</a> енгіздік.</p><p>— Төраға</p>"),
        ("quote", {"text": "Жай дәйексөз, екі\nжолда.", "attribution": ""}),
    ]
    assert report["posts"][0]["warnings"] == ["quote_as_paragraph"]
    assert "Біз әр уәдені бағдарламаға енгіздік. — Төраға" in rendered_text(page)


def test_bracketed_text_that_is_not_a_shortcode_stays_text(tmp_path, uploads):
    body = "<p>Формула: [x = 5] және [y = x + 1], ал [Жаңартылды 14:20].</p>"
    report = import_twice(tmp_path, uploads, wxr(post(990, body)))

    assert sources(page_for(990)) == [("paragraph", body)]
    assert report["posts"][0]["unhandled_shortcodes"] == {}
    assert "Формула: [x = 5] және [y = x + 1], ал [Жаңартылды 14:20]." in rendered_text(
        page_for(990))


def test_a_table_becomes_a_table_block_with_its_header_row(tmp_path, uploads):
    body = (
        '<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Аудан</th>'
        "<th>Қатысушылар</th></tr></thead><tbody><tr><td>Ілі</td><td>1 200</td></tr>"
        "<tr><td>Талғар</td><td>m<sup>2</sup> 850</td></tr></tbody></table>"
        "<figcaption>Сенбілік қорытындысы</figcaption></figure><!-- /wp:table -->"
    )
    report = import_twice(tmp_path, uploads, wxr(post(995, body)))

    page = page_for(995)
    [(kind, value)] = blocks_of(page)
    assert kind == "table"
    assert value["data"] == [["Аудан", "Қатысушылар"], ["Ілі", "1 200"], ["Талғар", "m2 850"]]
    assert (value["first_row_is_table_header"], value["table_caption"]) == (
        True, "Сенбілік қорытындысы"
    )
    assert report["posts"][0]["warnings"] == []
    html = Client().get(page.url).content.decode()
    assert re.search(r"<thead>\s*<tr>\s*<th[^>]*>\s*Аудан\s*</th>", html)
    assert "Сенбілік қорытындысы Аудан Қатысушылар Ілі 1 200 Талғар m2 850" in rendered_text(
        page)


# --- 9. documents --------------------------------------------------------------------------


def test_pdf_and_docx_attachments_become_documents_once_and_are_linked(tmp_path, uploads):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    add_upload(uploads, "2021/06/plan.pdf", data=b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    add_upload(uploads, "2021/06/budget.docx", data=b"PK\x03\x04 docx")
    pdf = attachment(1002, "2021/06/plan.pdf", title="Жұмыс жоспары")
    docx = attachment(1003, "2021/06/budget.docx", title="Бюджет")
    first = post(1000, (
        f'<p>Жоспар: <a href="{SITE}/wp-content/uploads/2021/06/plan.pdf">жүктеу</a>.</p>\n\n'
        '[gallery ids="1001,1003"]'
    ))
    second = post(1001 + 100, f'<p><a href="{SITE}/?attachment_id=1002">Жоспар</a> және '
                              f'[su_document url="{SITE}/wp-content/uploads/2021/06/plan.pdf" '
                              'title="PDF"]</p>')
    before = Document.objects.count()
    report = import_twice(tmp_path, uploads, wxr(first, second, pdf, docx,
                                                 *photos(uploads, 1001)))

    assert Document.objects.count() == before + 2
    documents = report["documents"]
    assert set(documents) == {"1002", "1003"}
    plan = Document.objects.get(pk=documents["1002"])
    assert plan.title == "Жұмыс жоспары"
    page = page_for(1000)
    assert sources(page)[0] == (
        "paragraph", f'<p>Жоспар: <a linktype="document" id="{plan.pk}">жүктеу</a>.</p>')
    assert [kind for kind, _value in blocks_of(page)] == ["paragraph", "gallery", "paragraph"]
    assert sources(page)[2] == (
        "paragraph", f'<p><a linktype="document" id="{documents["1003"]}">Бюджет</a></p>')
    other = page_for(1101)
    assert other.body[0].value.source.count(f'<a linktype="document" id="{plan.pk}">') == 2
    html = Client().get(page.url).content.decode()
    assert f'href="{plan.url}"' in html
    assert f'href="{Document.objects.get(pk=documents["1003"]).url}"' in html
    assert "Жоспар: жүктеу ." in rendered_text(page) and "Бюджет" in rendered_text(page)


# --- 10. categories and tags ------------------------------------------------------------------


def topic_names(page):
    return sorted(link.topic.name for link in page.topic_links.all())


def test_categories_and_wxr_1_0_tags_become_topics(tmp_path, uploads):
    body = "<p>Аудандық кеңес өтті.</p>"
    text = wxr(post(1200, body, terms=[
        ("category", "zhanalyqtar", "Жаңалықтар"),
        ("category", "uncategorized", "Uncategorized"),
        ("tag", "kenes", "кеңес"),
        ("post_tag", "audan", "аудан"),
    ]), version="1.0")
    report = import_twice(tmp_path, uploads, text)

    page = page_for(1200)
    assert topic_names(page) == ["Жаңалықтар", "аудан", "кеңес"]
    # Topics of the post's language, with the WordPress terms' slugs; imported twice, once.
    from home.models import Topic

    assert sorted(Topic.objects.filter(name__in=topic_names(page)).values_list(
        "slug", "locale__language_code")) == [
        ("audan", "kk"), ("kenes", "kk"), ("zhanalyqtar", "kk")
    ]
    assert [(d["code"], d["category"]) for d in report["posts"][0]["details"]] == [
        ("default_category_dropped", "Uncategorized")
    ]
    html = Client().get(page.url).content.decode()
    assert "Жаңалықтар" in html and "кеңес" in html


def test_a_category_map_makes_categories_party_projects(tmp_path, uploads):
    from tests.engagement.helpers import project as make_project

    project = make_project("jastar-otanga-test", "«Жастар – Отанға!»")
    text = wxr(post(1210, "<p>Жастар форумы өтті.</p>", terms=[
        ("category", "zhastar", "Жастар"), ("category", "sport", "Спорт"),
        ("category", "ardager", "Ардагерлер"),
    ]))
    report = import_twice(tmp_path, uploads, text,
                          category_map="zhastar=jastar-otanga-test, ardager=no-such-project")

    page = page_for(1210)
    assert [link.project for link in page.project_links.all()] == [project]
    assert topic_names(page) == ["Ардагерлер", "Спорт"]
    assert [(d["code"], d["project"]) for d in report["posts"][0]["details"]] == [
        ("project_not_found", "no-such-project")
    ]
    assert "«Жастар – Отанға!»" in Client().get(page.url).content.decode()


def test_a_malformed_category_map_is_refused(tmp_path, uploads):
    export = tmp_path / "export.xml"
    export.write_text(wxr(post(1220)), encoding="utf-8")
    with pytest.raises(CommandError, match="category-slug=project-slug"):
        call_command("import_wordpress", str(export), uploads=str(uploads), verbosity=0,
                     category_map="zhastar")


# --- 11. the report tells the truth ----------------------------------------------------------


def test_renamed_slugs_and_shadowed_redirects_are_reported(tmp_path, uploads):
    import_text(tmp_path, uploads, wxr(post(1300, "<p>Бірінші мәтін.</p>", slug="kenes")))
    live = page_for(1300)
    # A second export: the same slug again, and an old address that is a live page's address.
    report = import_text(tmp_path, uploads, wxr(
        post(1301, "<p>Екінші мәтін.</p>", slug="kenes"),
        post(1302, "<p>Үшінші мәтін.</p>", slug="ush", link=f"{SITE}{live.url}"),
    ), name="second.xml")

    details = {entry["wp_id"]: entry["details"] for entry in report["posts"]}
    assert [(d["code"], d["slug"], d["new_slug"]) for d in details[1301]
            if d["code"] == "slug_renamed"] == [
        ("slug_renamed", "kenes", page_for(1301).slug)
    ]
    assert page_for(1301).slug != "kenes"
    assert [(d["code"], d["path"]) for d in details[1302]
            if d["code"] == "redirect_shadowed"] == [("redirect_shadowed", live.url.rstrip("/"))]
    # The live page still answers its own address.
    assert "Бірінші мәтін." in rendered_text(live)


def test_the_console_carries_no_library_warnings(tmp_path, uploads):
    import io as io_module

    export = tmp_path / "export.xml"
    # A body that is only an address makes BeautifulSoup warn that it looks like a URL.
    export.write_text(wxr(post(1310, "https://old.example.kz/file.html", title="https://x.kz"),
                          post(1311, "<?xml version='1.0'?><p>XML-ге ұқсас мәтін</p>")),
                      encoding="utf-8")
    out, err = io_module.StringIO(), io_module.StringIO()
    with _no_warnings():
        call_command("import_wordpress", str(export), uploads=str(uploads), stdout=out,
                     stderr=err)
    assert "Warning" not in err.getvalue()
    assert "2 posts read" in out.getvalue()


class _no_warnings:
    """Fails if any warning is emitted inside the block."""

    def __enter__(self):
        import warnings

        self.catcher = warnings.catch_warnings(record=True)
        self.caught = self.catcher.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        self.catcher.__exit__(*exc)
        assert [str(w.message) for w in self.caught] == []
