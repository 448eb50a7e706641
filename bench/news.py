"""Benchmark: a news article with a 30-image gallery and a news index over 500 articles.

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL says so), loads the
demo site, adds the gallery article and enough articles for a 500-article index, then requests
each page repeatedly through Django's test client and prints the median render time and the
queries per request.

    .venv/bin/python bench/news.py                      # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/engagement .venv/bin/python bench/news.py

The test database (``test_<name>``) is created and destroyed by the script; the named
database itself is not touched. Options: ``--repeat N`` (default 30), ``--articles N``
(default 500), ``--images N`` (default 30).
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--articles", type=int, default=500, help="articles in the index")
    parser.add_argument("--images", type=int, default=30, help="images in the gallery")
    return parser.parse_args()


def make_image(title, colour):
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    output = io.BytesIO()
    PillowImage.new("RGB", (1200, 800), colour).save(output, "JPEG", quality=80)
    image = get_image_model()(title=title, file=ImageFile(output, name="bench.jpg"))
    image.save()
    return image


def build(options):
    """The gallery article and the index's articles; returns the URLs to measure."""
    from tqdm import tqdm
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from home.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(locale__language_code="kk")
    existing = NewsPage.objects.child_of(index).count()
    images = [
        make_image(f"Bench {number}", (20 + number * 7 % 200, 60, 120))
        for number in tqdm(range(options.images), desc="gallery images", unit="image")
    ]
    gallery = {
        "images": [
            {"image": image.pk, "alt_text": f"Photo {n}", "decorative": False, "caption": f"#{n}"}
            for n, image in enumerate(images, start=1)
        ],
        "thumbnail_width": 150, "thumbnail_height": 150, "link": "lightbox", "titles": "hover",
    }
    import json

    body = json.dumps([
        {"type": "paragraph", "value": "<p>A report with a large gallery.</p>"},
        {"type": "gallery", "value": gallery},
        {"type": "paragraph", "value": "<p>The end.</p>"},
    ])
    hero = make_image("Bench hero", (11, 61, 145))
    with disable_reference_index_auto_update():
        article = NewsPage(
            title="Gallery benchmark", slug="gallery-benchmark", locale=index.locale,
            date=datetime.date(2021, 3, 5), lead="A lead.", body=body, live=True,
            hero_image=hero,
        )
        index.add_child(instance=article)
        start = datetime.date(2024, 1, 1)
        for number in tqdm(range(options.articles - existing - 1), desc="articles", unit="page"):
            page = NewsPage(
                title=f"Article {number}", slug=f"article-{number}", locale=index.locale,
                date=start - datetime.timedelta(days=number), lead="A short lead.",
                body=json.dumps([{"type": "paragraph", "value": "<p>Text.</p>"}]),
                hero_image=hero, live=True,
            )
            page.tags.add(f"tag-{number % 20}")
            index.add_child(instance=page)
    total = NewsPage.objects.child_of(index).live().count()
    pages = (total + index.per_page - 1) // index.per_page
    return total, [
        (f"news page, {options.images}-image gallery", article.url),
        ("news index, page 1", "/news/"),
        (f"news index, page {pages} (last)", f"/news/?page={pages}"),
        ("news index, ?year=2021", "/news/?year=2021"),
        ("news index, ?year=abc (ignored)", "/news/?year=abc"),
        ("RSS feed", "/feed/"),
    ]


def measure(client, url, repeat, cold):
    """Median milliseconds and queries per request of ``repeat`` requests to ``url``."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # renditions and caches are made on the first request
    client.get(url)
    timings, queries = [], []
    for _ in range(repeat):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(context.captured_queries))
    return statistics.median(timings), statistics.median(queries), max(queries)


def main():
    options = parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.settings_dict["NAME"]
    built = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("load_demo", verbosity=0)
        total, urls = build(options)
        built = time.perf_counter() - built
        client = Client()
        print(f"\nDatabase: {vendor}; {total} articles in the index; "
              f"{options.repeat} timed requests per URL (median). Setup took {built:.0f} s.")
        print(f"{'page':42} {'warm ms':>8} {'queries':>8} {'cold ms':>8} {'queries':>8}")
        rows = []
        for label, url in urls:
            warm = measure(client, url, options.repeat, cold=False)
            cold = measure(client, url, options.repeat, cold=True)
            rows.append((label, warm, cold))
            print(f"{label:42} {warm[0]:8.1f} {warm[1]:8.0f} {cold[0]:8.1f} {cold[1]:8.0f}")
        print("\nwarm: caches as they are between requests; cold: the cache (renditions, site "
              "root paths) cleared before each request.")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
