"""wagtail-localize's translation editor names each gallery segment by field and image number.

Checked in the editor's own props (what its React app shows above each segment), for a news
page and an event, in English and Russian; other segments keep wagtail-localize's labels.
"""

import html
import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from engagement.models import Event
from engagement.segment_labels import gallery_segment_label
from engagement.translation import translate_instance
from tests.engagement.helpers import make_user
from tests.home.news_factories import gallery_value, make_article, make_image

pytestmark = pytest.mark.django_db

LABELS = {
    "en": [
        "Alt text of image 1", "Caption of image 1", "Alt text of image 2", "Caption of image 2",
    ],
    "ru": [
        "Альтернативный текст изображения 1", "Подпись к изображению 1",
        "Альтернативный текст изображения 2", "Подпись к изображению 2",
    ],
}
IMAGE_LABELS = {"en": ["Image 1", "Image 2"], "ru": ["Изображение 1", "Изображение 2"]}


def saved_gallery(images):
    """A gallery value as the editor saves it: each image an item with its own id."""
    value = gallery_value(images)
    value["images"] = [
        {"type": "item", "value": item, "id": str(uuid.uuid4())} for item in value["images"]
    ]
    return value


def editor_segments(client, url):
    response = client.get(url)
    assert response.status_code == 200
    props = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.text)
    return json.loads(html.unescape(props.group(1)))["segments"]


def gallery_labels(segments, kind):
    return [
        segment["location"]["subField"] for segment in segments
        if segment["type"] == kind and segment["location"]["field"] in ("Gallery", "Галерея")
    ]


@pytest.fixture
def images():
    return [make_image("Hall"), make_image("Rostrum")]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_news_gallery_segments_are_named_by_field_and_image_number(client, images, language):
    article = make_article(body=[
        ("paragraph", "<p>Before the gallery.</p>"),
        ("gallery", saved_gallery(images)),
    ])
    russian = translate_instance(article, Locale.objects.get(language_code="ru"), {},
                                 publish=False)
    client.force_login(make_user(superuser=True, language=language))

    segments = editor_segments(client, reverse("wagtailadmin_pages:edit", args=[russian.pk]))

    assert gallery_labels(segments, "string") == LABELS[language]
    assert gallery_labels(segments, "synchronised_value") == IMAGE_LABELS[language]
    # The sources are the alt texts and captions, in the gallery's order.
    assert [s["source"] for s in segments if s["location"]["subField"] in LABELS[language]] == [
        "Alt of Hall", "Caption of Hall", "Alt of Rostrum", "Caption of Rostrum",
    ]
    # A segment outside the gallery keeps wagtail-localize's own label.
    (title,) = [s for s in segments if s["contentPath"] == "title"]
    assert title["location"]["subField"] is None


def test_event_gallery_segments_are_named_by_image_number(client, images):
    event = Event.objects.filter(locale__language_code="kk").order_by("pk").first()
    event.photos = json.dumps([{"type": "gallery", "value": saved_gallery(images)}])
    event.save()
    russian = translate_instance(event, Locale.objects.get(language_code="ru"), {})
    client.force_login(make_user(superuser=True, language="ru"))

    url = reverse("wagtailsnippets_engagement_event:edit", args=[russian.pk])

    assert gallery_labels(editor_segments(client, url), "string") == LABELS["ru"]


def test_paths_that_do_not_match_the_content_keep_the_default_label(images):
    article = make_article(body=[("gallery", saved_gallery(images))])
    (gallery,) = article.body
    item_id = gallery.value["images"].bound_blocks[1].id

    with translation.override("en"):
        label = gallery_segment_label(article, f"body.{gallery.id}.images.{item_id}.caption")
    assert label == "Caption of image 2"
    for path in [
        f"body.{gallery.id}.images.unknown-id.caption",
        f"body.{gallery.id}.images.{item_id}.decorative",
        f"body.{gallery.id}.thumbnail_width",
        "body.unknown-block.images",
        "title",
        "no_such_field.x",
    ]:
        assert gallery_segment_label(article, path) is None
