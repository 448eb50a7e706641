import pytest
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.tests.utils import get_test_image_file

from engagement.blocks import GalleryBlock
from engagement.legacy.content import convert
from engagement.legacy.stream import ImageOutcome, StreamBuilder

pytestmark = pytest.mark.django_db


def news_body():
    """The body the news page's contract promises (paragraph, heading, quote, image, …)."""
    return blocks.StreamBlock(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])),
            ("heading", blocks.StructBlock([
                ("text", blocks.CharBlock()),
                ("level", blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")])),
            ])),
            ("quote", blocks.StructBlock([
                ("quote", blocks.TextBlock()),
                ("attribution", blocks.CharBlock(required=False)),
            ])),
            ("image", ImageBlock()),
            ("gallery", GalleryBlock()),
            ("embed", EmbedBlock()),
        ]
    )


@pytest.fixture
def images():
    """Two real images standing for attachments 7 and 8; attachment 9 is a PDF."""
    Image = get_image_model()
    return {
        wp_id: Image.objects.create(title=f"a{wp_id}", file=get_test_image_file())
        for wp_id in (7, 8)
    }


def builder_for(stream_block, images):
    def by_id(wp_id):
        if wp_id == 9:
            return ImageOutcome(code="not_an_image", wp_id=9)
        if wp_id not in images:
            return ImageOutcome(code="missing_attachment", wp_id=wp_id)
        return ImageOutcome(image_id=images[wp_id].pk, alt=f"Alt {wp_id}",
                            caption=f"Caption {wp_id}", wp_id=wp_id)

    return StreamBuilder(stream_block, lambda node: by_id(node.wp_id), by_id)


def test_every_kind_of_content_lands_in_its_block_and_validates(images, monkeypatch):
    # Validating an embed asks the provider; the tests never go on the network.
    monkeypatch.setattr("wagtail.embeds.blocks.embed_to_frontend_html", lambda *a, **k: "<i>")
    body = news_body()
    conversion = convert(
        "<h2>Тақырып</h2><p onclick='x()'>Мәтін <a href='javascript:alert(1)'>сілтеме</a></p>"
        "<blockquote><p>Сөз</p><cite>Абай</cite></blockquote>"
        '<figure><img class="wp-image-7" alt="Ескерткіш"><figcaption>Жазу</figcaption></figure>'
        '[su_custom_gallery source=»media: 8,7″ link=»lightbox» width=»150″ height=»150″ '
        "title=»never»][embed]https://www.youtube.com/watch?v=1[/embed]"
    )

    data, galleries = builder_for(body, images).build(conversion)

    assert [item["type"] for item in data] == [
        "heading", "paragraph", "quote", "image", "gallery", "embed"
    ]
    assert data[0]["value"] == {"text": "Тақырып", "level": "h2"}
    assert "onclick" not in data[1]["value"] and "javascript" not in data[1]["value"]
    assert "сілтеме" in data[1]["value"]
    assert data[2]["value"] == {"quote": "Сөз", "attribution": "Абай"}
    assert data[3]["value"] == {"image": images[7].pk, "decorative": False,
                                "alt_text": "Ескерткіш"}
    gallery = data[4]["value"]
    assert [item["value"]["image"] for item in gallery["images"]] == [images[8].pk, images[7].pk]
    assert gallery["images"][0]["value"]["alt_text"] == "Alt 8"
    assert gallery["images"][0]["value"]["caption"] == "Caption 8"
    assert (gallery["thumbnail_width"], gallery["link"], gallery["titles"]) == (
        150, "lightbox", "never"
    )
    assert galleries == [{"wp_ids": [8, 7], "image_ids": [images[8].pk, images[7].pk],
                          "images": 2, "width": 150, "height": 150, "shape": "crop",
                          "link": "lightbox",
                          "title": "never"}]
    # What the importer writes is what an editor could have saved.
    body.clean(body.to_python(data))


def test_missing_and_non_image_attachments_are_skipped_and_reported(images):
    conversion = convert('[gallery ids="7,404,9,8"]')

    data, galleries = builder_for(news_body(), images).build(conversion)

    assert len(data[0]["value"]["images"]) == 2
    assert galleries[0]["image_ids"] == [images[7].pk, images[8].pk]
    assert [(w.code, w.params.get("wp_id")) for w in conversion.warnings] == [
        ("missing_attachment", 404), ("not_an_image", 9)
    ]


def test_a_gallery_with_no_importable_image_is_left_out_and_reported(images):
    conversion = convert("Before [gallery ids=\"404,9\"] after")

    data, galleries = builder_for(news_body(), images).build(conversion)

    assert [item["type"] for item in data] == ["paragraph", "paragraph"]
    assert galleries[0]["image_ids"] == []
    assert "empty_gallery" in [w.code for w in conversion.warnings]


def test_a_host_with_only_paragraphs_and_galleries_degrades_gracefully(images):
    body = blocks.StreamBlock([
        ("text", blocks.RichTextBlock(features=["h2", "bold"])),
        ("pictures", GalleryBlock()),
    ])
    conversion = convert(
        '<h2>Тақырып</h2><img class="wp-image-7" alt="A"><blockquote>Сөз</blockquote>'
        "<iframe src=\"https://www.youtube.com/embed/Q\"></iframe>"
    )

    data, _galleries = builder_for(body, images).build(conversion)

    assert [item["type"] for item in data] == ["text", "pictures", "text", "text"]
    assert data[0]["value"] == "<h2>Тақырып</h2>"
    assert data[1]["value"]["images"][0]["value"]["image"] == images[7].pk
    assert "youtube.com/watch?v=Q" in data[3]["value"]
    assert [w.code for w in conversion.warnings].count("block_degraded") == 3


def test_plain_heading_and_image_chooser_blocks_take_plain_values(images):
    body = blocks.StreamBlock([
        ("paragraph", blocks.RichTextBlock()),
        ("heading", blocks.CharBlock()),
        ("image", ImageChooserBlock()),
    ])
    conversion = convert('<h3>Екінші</h3><img class="wp-image-8">')

    data, _galleries = builder_for(body, images).build(conversion)

    assert [(item["type"], item["value"]) for item in data] == [
        ("heading", "Екінші"), ("image", images[8].pk)
    ]
