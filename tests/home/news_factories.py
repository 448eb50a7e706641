"""Small factories for news tests: images, gallery values and articles."""

import datetime
import io
import json

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import NewsIndexPage, NewsPage, NewsPageProject, NewsPageTopic, Topic


def make_image(title="Test image", size=(400, 300), colour="#0b3d91"):
    """A small JPEG image in the Wagtail image library."""
    output = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(output, "JPEG")
    image = get_image_model()(
        title=title, file=ImageFile(io.BytesIO(output.getvalue()), name="test.jpg")
    )
    image.save()
    return image


def gallery_value(images, link="lightbox", titles="never", width=150, height=150, **item):
    """The raw value of a GalleryBlock showing ``images`` (alt text from the title)."""
    return {
        "images": [
            {
                "image": image.pk,
                "alt_text": item.get("alt_text", f"Alt of {image.title}"),
                "decorative": item.get("decorative", False),
                "caption": item.get("caption", f"Caption of {image.title}"),
            }
            for image in images
        ],
        "thumbnail_width": width,
        "thumbnail_height": height,
        "link": link,
        "titles": titles,
    }


def news_index(language="kk"):
    return NewsIndexPage.objects.get(locale__language_code=language)


def make_article(index=None, title="Test article", slug=None, date=None, body=(), topics=(),
                 projects=(), publish=True, **fields):
    """A live NewsPage under ``index`` (the kk demo index by default)."""
    index = index or news_index()
    page = NewsPage(
        title=title,
        slug=slug or f"test-{NewsPage.objects.count() + 1}",
        date=date or datetime.date(2021, 3, 5),
        locale=index.locale,
        # Raw JSON, as stored: image blocks hold image ids.
        body=json.dumps([{"type": name, "value": value} for name, value in body]),
        live=publish,
        **fields,
    )
    page.topic_links = [
        NewsPageTopic(topic=topic, sort_order=order) for order, topic in enumerate(topics)
    ]
    page.project_links = [NewsPageProject(project=project) for project in projects]
    index.add_child(instance=page)
    return page


def locale(code):
    return Locale.objects.get(language_code=code)


def make_topic(slug, kk, ru=None, en=None):
    """A Kazakh topic with its ru and en translations (wagtail-localize's, as the admin's)."""
    from engagement.translation import translate_instance

    topic = Topic.objects.create(slug=slug, name=kk, locale=locale("kk"))
    for code, name in (("ru", ru), ("en", en)):
        if name:
            translate_instance(topic, locale(code), {kk: name})
    return topic
