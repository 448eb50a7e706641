"""News articles: rendering in three languages, blocks, OpenGraph meta and query counts."""


import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation

from home.blocks import CaptionedImageBlock, NewsBodyBlock
from home.models import NewsPage
from tests.home.news_factories import gallery_value, make_article, make_image
from tests.utils import find_tags, hreflang_alternates, html_lang

pytestmark = pytest.mark.django_db

REPORT = "xxviii-reporting-election-conference"
REPORT_URLS = {"kk": f"/news/{REPORT}/", "ru": f"/ru/news/{REPORT}/", "en": f"/en/news/{REPORT}/"}


def meta(html):
    """{property or name: content} of the page's <meta> elements."""
    return {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in find_tags(html, "meta")
        if "content" in tag
    }


@pytest.mark.parametrize(
    ("language", "title", "date", "quote_by"),
    [
        ("kk", "Облыстық партия филиалының XXVIII есеп беру-сайлау конференциясы өтті",
         "2021 ж. 5 наурыз", "Амандық Баталов, Алматы облысының әкімі"),
        ("ru", "Прошла XXVIII отчётно-выборная конференция областного филиала партии",
         "5 марта 2021 г.", "Амандык Баталов, аким Алматинской области"),
        ("en", "The party’s regional branch holds its 28th reporting-election conference",
         "March 5, 2021", "Amandyk Batalov, akim of the Almaty Region"),
    ],
)
def test_conference_report_renders_in_each_language(client, language, title, date, quote_by):
    response = client.get(REPORT_URLS[language])

    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    assert f"<h1>{title}</h1>" in html
    assert f'<time datetime="2021-03-05">{date}</time>' in html
    assert f"<figcaption>— {quote_by}</figcaption>" in html
    assert '<a href="https://karasayinfo.kz/" rel="noopener">Karasayinfo.kz</a>' in html
    assert hreflang_alternates(html) == {
        code: f"http://testserver{url}" for code, url in REPORT_URLS.items()
    } | {"x-default": f"http://testserver{REPORT_URLS['kk']}"}


def test_english_report_has_no_untranslated_kazakh(client):
    html = client.get(REPORT_URLS["en"]).content.decode()
    main = html[html.index("<main"):html.index("</main>")]

    # Its topics too are in English, and link to the English index's filter.
    assert '<a href="/en/news/?topic=konferentsiya">Conference</a>' in main
    assert '<a href="/en/news/?topic=zhol-kartasy">Road map</a>' in main
    assert not any("\u0400" <= char <= "\u04ff" for char in main)


def test_report_shows_its_key_figures_gallery_and_projects_in_russian(client):
    html = client.get(REPORT_URLS["ru"]).content.decode()

    assert '2,6<span class="key-figure__unit"> трлн тенге</span>' in html
    assert '113<span class="key-figure__unit"> мероприятий</span>' in html
    assert "eg-gallery--titles-never" in html and "<dialog" in html
    # Projects are named in Russian and link to the Russian index's filter.
    assert (
        '<a href="/ru/news/?project=baqytty-otbasy">«Бақытты отбасы» («Счастливая семья»)</a>'
    ) in html
    assert '<a href="/ru/news/">' in html


def test_news_page_has_opengraph_and_twitter_meta(client):
    html = client.get(REPORT_URLS["en"]).content.decode()
    tags = meta(html)

    assert tags["og:type"] == "article"
    assert tags["og:title"] == tags["twitter:title"] == (
        "The party’s regional branch holds its 28th reporting-election conference"
    )
    assert tags["og:description"].startswith("The road map drawn up specifically")
    assert len(tags["og:description"]) <= 200
    assert tags["og:url"] == f"http://testserver{REPORT_URLS['en']}"
    assert tags["og:locale"] == "en_US"
    # No hero image: the gallery's first image (legacy media 34077) is shared.
    assert tags["og:image"].startswith("http://testserver/media/images/legacy-34077")
    assert tags["og:image"].endswith(".fill-1200x630.format-jpeg.jpg")
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["article:published_time"] == "2021-03-05"


def test_hero_image_is_a_picture_and_the_shared_image(client):
    hero = make_image("Hero")
    page = make_article(title="With hero", hero_image=hero, lead="A lead.")

    html = client.get(page.url).content.decode()

    assert "fill-1280x720" in html and 'type="image/avif"' in html
    assert ".fill-1200x630.format-jpeg" in meta(html)["og:image"]
    assert meta(html)["description"] == "A lead."


def test_article_without_images_has_a_summary_card(client):
    page = make_article(title="Plain", body=[("paragraph", "<p>Text</p>")])

    html = client.get(page.url).content.decode()

    assert meta(html)["twitter:card"] == "summary"
    assert "og:image" not in meta(html)


def test_every_body_block_renders(client):
    image = make_image("Inline")
    page = make_article(
        title="All blocks",
        body=[
            ("heading", {"text": "Section", "level": "h2"}),
            ("heading", {"text": "Subsection", "level": "h3"}),
            ("paragraph", "<p>Some <b>bold</b> text</p>"),
            ("quote", {"text": "Words", "attribution": "Somebody"}),
            ("image", {"image": image.pk, "alt_text": "An inline image", "caption": "Its caption"}),
            ("figures", [{"value": "2,6", "unit": "трлн теңге", "label": "allocated"}]),
        ],
    )

    html = client.get(page.url).content.decode()

    assert '<h2 class="news-heading">Section</h2>' in html
    assert '<h3 class="news-heading">Subsection</h3>' in html
    assert "<p>Some <b>bold</b> text</p>" in html
    assert "<blockquote><p>Words</p></blockquote>" in html
    assert "<figcaption>Its caption</figcaption>" in html
    inline = [img for img in find_tags(html, "img") if "width-1280" in img.get("srcset", "")]
    assert inline and inline[0]["alt"] == "An inline image"
    assert '<span class="key-figure__label">allocated</span>' in html


def test_image_block_without_alt_text_is_a_validation_error():
    block = CaptionedImageBlock()
    image = make_image()

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": "x"}))
        messages = error.value.as_json_data()["blockErrors"]["alt_text"]["messages"]

    assert messages == ["Describe the image, or mark it as decorative."]


def test_decorative_image_block_renders_empty_alt():
    block = CaptionedImageBlock()
    image = make_image()
    value = block.clean(block.to_python({"image": image.pk, "decorative": True}))

    html = block.render(value)

    assert {img["alt"] for img in find_tags(html, "img")} == {""}


def test_body_offers_the_contract_block_names():
    assert list(NewsBodyBlock().child_blocks) == [
        "paragraph", "heading", "quote", "image", "gallery", "embed", "figures", "live_figures",
        "table",
    ]
    figure = NewsBodyBlock().child_blocks["figures"].child_block
    assert list(figure.child_blocks) == ["value", "unit", "label"]


def test_body_blocks_have_previews_and_descriptions():
    for name, block in NewsBodyBlock().child_blocks.items():
        assert block.get_description(), name
        if name != "embed":  # an embed preview would fetch from the network
            assert block.is_previewable, name


def gallery_article(count, slug):
    images = [make_image(f"{slug} {number}") for number in range(count)]
    return make_article(
        title=f"{count} images", slug=slug,
        body=[("paragraph", "<p>Text</p>"), ("gallery", gallery_value(images))],
    )


def count_queries(client, url, django_assert_max_num_queries):
    client.get(url)  # creates the renditions once
    cache.clear()  # no help from the rendition cache: every rendition comes from the database
    with django_assert_max_num_queries(1000) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_news_page_queries_do_not_grow_with_the_gallery(client, django_assert_max_num_queries):
    small = gallery_article(2, "two-images")
    large = gallery_article(30, "thirty-images")

    small_count = count_queries(client, small.url, django_assert_max_num_queries)
    large_count = count_queries(client, large.url, django_assert_max_num_queries)

    assert large_count == small_count
    assert small_count <= 25


def test_share_image_is_the_first_body_image():
    images = [make_image("First"), make_image("Second")]
    page = make_article(body=[("gallery", gallery_value(images))])

    assert NewsPage.objects.get(pk=page.pk).share_image.pk == images[0].pk
