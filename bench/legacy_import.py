"""Benchmark of ``import_wordpress``: generated exports of 2,000 posts, with and without images.

Run from the project folder:

    .venv/bin/python bench/legacy_import.py [--posts 2000] [--images-per-post 2] [--repeat 3]

Each scenario runs in a child process of its own (so that its peak resident set size is its
own), ``--repeat`` times, and the medians are printed: posts per second of the first import and
of a second run of the same file (which must create nothing), the same per second of the
process's own CPU time (the figure to compare on a loaded machine), and the peak memory
(resident set size, and with ``--trace`` the peak Python heap measured by tracemalloc, which
slows the run).
The scenarios: ``without-images``, ``with-images`` (``--images-per-post`` each) and ``large``, an
export of about 20 MB (longer posts, with images) for the memory target.

It runs on a fresh SQLite database in a temporary folder per child, or on ``DATABASE_URL`` (give
it a throw-away database: the demo site and thousands of pages are written into it; each repeat
imports under a site name of its own, so each first run is a first run). ``DEBUG`` is off, as in
production: with it on, Django keeps every query in memory and formats it.
"""

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
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

from django.conf import settings  # noqa: E402

settings.DEBUG = False

from django.core.management import call_command  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from tests.engagement.legacy.helpers import attachment, post, wxr  # noqa: E402

PARAGRAPH = (
    "Облыс әкімі партия филиалының конференциясында сөз сөйлеп, 2021-2025 жылдарға арналған "
    "бағдарламаның орындалу барысын баяндады. Жиынға аудандардың өкілдері қатысты."
)


def make_export(posts, images_per_post, uploads, site, paragraphs=3):
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
        text = [f"{PARAGRAPH} ({wp_id}.{number})" for number in range(paragraphs)]
        body = "\n\n".join([text[0], "<h2>Нәтижелер</h2>", *text[1:-1], gallery, text[-1]])
        items.append(post(wp_id, body, title=f"Жаңалық {wp_id}", slug=f"zhanalyk-{wp_id}",
                          comments=wp_id % 3))
    return wxr(*items, site=site)


def timed_import(export_path, uploads, trace):
    if trace:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    out = io.StringIO()
    call_command("import_wordpress", str(export_path), uploads=str(uploads), verbosity=1,
                 stdout=out, stderr=io.StringIO())
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return elapsed, cpu, peak, out.getvalue().splitlines()[1]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: name: (images per post or None for --images-per-post, paragraphs per post, posts or None).
SCENARIOS = {
    "without-images": (0, 3, None),
    "with-images": (None, 3, None),
    # About 20 MB: 2,000 posts of 30 paragraphs and two images each.
    "large": (2, 30, 2000),
}


def child(name, args):
    """Run scenario ``name`` ``args.repeat`` times in this process; print one JSON line each."""
    from wagtail.images import get_image_model
    from wagtail.models import Page

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    images, paragraphs, posts = SCENARIOS[name]
    images = args.images_per_post if images is None else images
    posts = posts or args.posts
    setup_rss = peak_rss_mb()
    for repeat in range(args.repeat):
        folder = WORK / f"{name}-{repeat}"
        uploads = folder / "uploads"
        uploads.mkdir(parents=True)
        export_path = folder / "export.xml"
        export = make_export(posts, images, uploads, f"https://{name}-{repeat}.example.kz",
                             paragraphs)
        export_path.write_text(export, encoding="utf-8")
        del export
        pages_before = Page.objects.count()
        images_before = get_image_model().objects.count()
        result = {"scenario": name, "posts": posts, "images_per_post": images,
                  "export_mb": export_path.stat().st_size / 1024 / 1024,
                  "database": django.db.connection.vendor, "setup_rss_mb": setup_rss}
        for run in ("first", "second"):
            elapsed, cpu, peak, summary = timed_import(export_path, uploads, args.trace)
            result[run] = {"seconds": elapsed, "posts_per_second": posts / elapsed,
                           "cpu_seconds": cpu, "posts_per_cpu_second": posts / cpu,
                           "heap_mb": peak / 1024 / 1024 if peak else None,
                           "rss_mb": peak_rss_mb(), "summary": summary}
        result["pages_made"] = Page.objects.count() - pages_before
        result["images_made"] = get_image_model().objects.count() - images_before
        print(json.dumps(result), flush=True)


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--images-per-post", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scenario", action="append", choices=list(SCENARIOS),
                        help="run only these scenarios (default: all)")
    parser.add_argument(
        "--trace", action="store_true",
        help="also measure the peak Python heap with tracemalloc (slows the run down 2 to 5×)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args)
        return
    print(f"Database: {django.db.connection.vendor}; {args.repeat} runs per scenario, medians")
    for name in args.scenario or list(SCENARIOS):
        command = [sys.executable, __file__, "--child", name, "--posts", str(args.posts),
                   "--images-per-post", str(args.images_per_post), "--repeat", str(args.repeat)]
        if args.trace:
            command.append("--trace")
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        first = results[0]
        print(f"\n{name}: {first['posts']} posts, {first['images_per_post']} images each, "
              f"export {first['export_mb']:.1f} MB (after setup {first['setup_rss_mb']:.0f} MB)")
        for run in ("first", "second"):
            rates = [result[run]["posts_per_second"] for result in results]
            cpu_rates = [result[run]["posts_per_cpu_second"] for result in results]
            rss = max(result[run]["rss_mb"] for result in results)
            heaps = [result[run]["heap_mb"] for result in results if result[run]["heap_mb"]]
            heap = f", peak Python heap {max(heaps):.0f} MB" if heaps else ""
            print(f"  {run:6} run: median {median(rates):6.1f} posts/s "
                  f"(runs: {', '.join(f'{rate:.1f}' for rate in rates)}; "
                  f"per CPU second {median(cpu_rates):.1f}), "
                  f"peak RSS {rss:.0f} MB{heap} | {results[-1][run]['summary']}")
        print(f"  each repeat made {first['pages_made']} pages and {first['images_made']} images")


if __name__ == "__main__":
    main()
