"""The plugin's GalleryBlock: its HTML, its validation and its one-query renditions."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation

from engagement.blocks import GalleryBlock, GalleryItemBlock
from tests.home.news_factories import gallery_value, make_image
from tests.utils import find_tags

pytestmark = pytest.mark.django_db


def thumbnails(html):
    return [img for img in find_tags(html, "img") if "eg-gallery__image" in img.get("class", "")]


def gallery_links(html):
    return [a for a in find_tags(html, "a") if "eg-gallery__link" in a.get("class", "")]


def render(raw, language="en"):
    block = GalleryBlock()
    with translation.override(language):
        return block.render(block.to_python(raw))


@pytest.fixture
def images():
    return [make_image(f"Photo {number}") for number in (1, 2, 3)]


def test_each_thumbnail_is_a_picture_in_avif_webp_and_jpeg(images):
    html = render(gallery_value(images))

    sources = find_tags(html, "source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"] * 3
    assert all("fill-150x150" in source["srcset"] for source in sources)
    images = thumbnails(html)
    assert [img["src"].rsplit(".", 1)[-1] for img in images] == ["jpg"] * 3
    assert {(img["width"], img["height"]) for img in images} == {("150", "150")}
    assert all(img["loading"] == "lazy" for img in images)


def test_thumbnails_keep_the_given_order_and_alt_texts(images):
    html = render(gallery_value(list(reversed(images))))

    alts = [img["alt"] for img in thumbnails(html)]
    assert alts == ["Alt of Photo 3", "Alt of Photo 2", "Alt of Photo 1"]


def test_thumbnail_size_comes_from_the_block(images):
    html = render(gallery_value(images[:1], width=200, height=120))

    assert "fill-200x120" in find_tags(html, "source")[0]["srcset"]
    assert 'width="200"' in html and 'height="120"' in html


def test_lightbox_mode_links_to_the_large_image_and_has_a_dialog(images):
    html = render(gallery_value(images))

    links = gallery_links(html)
    assert len(links) == 3
    assert all(".max-1600x1600." in link["href"] for link in links)
    assert [link["data-eg-index"] for link in links] == ["0", "1", "2"]
    assert links[0]["data-eg-alt"] == "Alt of Photo 1"
    assert links[0]["data-eg-caption"] == "Caption of Photo 1"
    assert html.count("<dialog") == 1
    assert 'src="/static/engagement/gallery.js"' in html and 'type="module"' in html


def test_image_mode_links_without_dialog_or_script(images):
    html = render(gallery_value(images, link="image"))

    links = gallery_links(html)
    assert len(links) == 3 and all("data-eg-index" not in link for link in links)
    assert "<dialog" not in html and "gallery.js" not in html


def test_none_mode_has_no_links(images):
    html = render(gallery_value(images, link="none"))

    assert not gallery_links(html)
    assert len(find_tags(html, "picture")) == 3


@pytest.mark.parametrize(
    ("titles", "shown", "css_class"),
    [
        ("never", False, "eg-gallery--titles-never"),  # captions only in the lightbox
        ("hover", True, "eg-gallery--titles-hover"),  # in the page, revealed by CSS
        ("always", True, "eg-gallery--titles-always"),
    ],
)
def test_title_modes(images, titles, shown, css_class):
    html = render(gallery_value(images, titles=titles))

    assert css_class in html
    caption = '<figcaption class="eg-gallery__title">Caption of Photo 1</figcaption>'
    assert (caption in html) is shown


def test_decorative_image_gets_empty_alt_and_a_named_link(images):
    html = render(gallery_value(images[:2], decorative=True, alt_text=""), language="ru")

    assert [img["alt"] for img in thumbnails(html)] == ["", ""]
    links = gallery_links(html)
    assert links[1]["aria-label"] == "Изображение 2 из 2"


def test_dialog_controls_are_translated(images):
    html = render(gallery_value(images), language="kk")

    assert "Келесі сурет" in html and "Жабу" in html


def test_gallery_item_without_alt_text_is_a_validation_error(images):
    block = GalleryBlock()
    value = block.to_python(gallery_value(images[:1], alt_text=""))

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            block.clean(value)
        errors = error.value.as_json_data()["blockErrors"]["images"]["blockErrors"][0]
        messages = errors["blockErrors"]["alt_text"]["messages"]

    assert messages == ["Describe the image, or mark it as decorative."]


def test_decorative_gallery_item_needs_no_alt_text(images):
    item = GalleryItemBlock()

    value = item.clean(item.to_python({"image": images[0].pk, "alt_text": "", "decorative": True}))

    assert value["decorative"] is True


def test_all_renditions_of_a_gallery_come_in_one_query(images, django_assert_num_queries):
    block = GalleryBlock()
    raw = gallery_value(images)
    render(raw)  # creates the renditions
    cache.clear()  # renditions are cached too: prove the single query, not the cache
    value = block.to_python(raw)  # fetches the images (one query)

    with django_assert_num_queries(1):
        block.render(value)


def test_rendition_specs_match_the_picture_tag(images):
    block = GalleryBlock()
    value = block.to_python(gallery_value(images, width=150, height=150))

    assert block.rendition_specs(value) == [
        "format-avif|fill-150x150",
        "format-webp|fill-150x150",
        "format-jpeg|fill-150x150",
        "max-1600x1600",
    ]
