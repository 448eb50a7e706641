"""Benchmark of ``import_wordpress``: a generated export of 2,000 posts, with and without images.

Run from the project folder:

    .venv/bin/python bench/legacy_import.py [--posts 2000] [--images-per-post 2]

It runs on a fresh SQLite database in a temporary folder, or on ``DATABASE_URL`` (give it a
throw-away database: the demo site and 4,000 pages are written into it), with the demo site
loaded. For the first import and for a second run of the same file (which must create nothing)
it prints wall time, posts per second and the process's peak resident set size (with
``--trace``, also the peak Python heap measured by tracemalloc, which slows the run down).
"""

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Python puts this script's folder first on the path, where bench/calendar.py would shadow
# the standard library's calendar module (which requests and Wagtail's embeds import).
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

WORK = Path(tempfile.mkdtemp(prefix="legacy-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ["MEDIA_ROOT"] = str(WORK / "media")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from tests.engagement.legacy.helpers import attachment, post, wxr  # noqa: E402

PARAGRAPH = (
    "Облыс әкімі партия филиалының конференциясында сөз сөйлеп, 2021-2025 жылдарға арналған "
    "бағдарламаның орындалу барысын баяндады. Жиынға аудандардың өкілдері қатысты."
)


def make_export(posts, images_per_post, uploads, site):
    items = []
    next_attachment = 100_000
    jpeg = io.BytesIO()
    PILImage.new("RGB", (320, 240), (180, 40, 40)).save(jpeg, format="JPEG")
    for wp_id in range(1, posts + 1):
        ids = []
        for _index in range(images_per_post):
            next_attachment += 1
            relative = f"2021/{wp_id % 12 + 1:02d}/photo-{next_attachment}.jpg"
            path = uploads / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(jpeg.getvalue())
            items.append(attachment(next_attachment, relative, alt=f"Фото {next_attachment}"))
            ids.append(next_attachment)
        gallery = ""
        if ids:
            gallery = (
                f"[su_custom_gallery source=»media: {','.join(map(str, ids))}″ link=»lightbox» "
                "width=»150″ height=»150″ title=»never»]"
            )
        body = "\n\n".join([PARAGRAPH, "<h2>Нәтижелер</h2>", PARAGRAPH, gallery, PARAGRAPH])
        items.append(post(wp_id, body, title=f"Жаңалық {wp_id}", slug=f"zhanalyk-{wp_id}",
                          comments=wp_id % 3))
    return wxr(*items, site=site)


def timed_import(export_path, uploads, trace):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    out = io.StringIO()
    call_command("import_wordpress", str(export_path), uploads=str(uploads), verbosity=1,
                 stdout=out, stderr=io.StringIO())
    elapsed = time.perf_counter() - started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return elapsed, peak, out.getvalue().splitlines()[1]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scenario(name, posts, images_per_post, trace=False):
    from wagtail.images import get_image_model
    from wagtail.models import Page

    folder = WORK / name
    uploads = folder / "uploads"
    uploads.mkdir(parents=True)
    export_path = folder / "export.xml"
    export = make_export(posts, images_per_post, uploads, f"https://{name}.example.kz")
    export_path.write_text(export, encoding="utf-8")
    size = export_path.stat().st_size / 1024 / 1024
    pages_before = Page.objects.count()
    images_before = get_image_model().objects.count()
    print(f"\n{name}: {posts} posts, {images_per_post} images each, export {size:.1f} MB")
    for run in ("first run", "second run"):
        elapsed, peak, summary = timed_import(export_path, uploads, trace)
        memory = f"peak Python heap {peak / 1024 / 1024:5.1f} MB, " if trace else ""
        print(
            f"  {run:11} {elapsed:7.1f} s  {posts / elapsed:6.1f} posts/s  {memory}"
            f"peak RSS {peak_rss_mb():4.0f} MB  | {summary}"
        )
    print(
        f"  made {Page.objects.count() - pages_before} pages and "
        f"{get_image_model().objects.count() - images_before} images"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--images-per-post", type=int, default=2)
    parser.add_argument(
        "--trace", action="store_true",
        help="also measure the peak Python heap with tracemalloc (slows the run down 2 to 5×)",
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"Database: {django.db.connection.vendor}; work folder {WORK}")
    print(f"Peak RSS after setup: {peak_rss_mb():.0f} MB")
    scenario("without-images", args.posts, 0, args.trace)
    scenario("with-images", args.posts, args.images_per_post, args.trace)


if __name__ == "__main__":
    main()
