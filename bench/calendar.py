"""Benchmark: the public calendar at 3,000 and 30,000 events.

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL says so) with the
demo site, then bulk-inserts live events of the four party projects spread from 2021-01-01 to
a year from today (so the feed, which covers the last 90 days and everything ahead, holds a
realistic share of them). It requests, through Django's test client, the calendar list, the
month view of this month, an event page and the full iCal feed, and prints the median time
(wall and CPU) and the queries per request. The baseline is a bare ``wagtail start`` home page
(a plain page with Wagtail's own welcome templates, see ``bench/bare.py``) served the same way:
same routing, site, locale and middleware, without this site's header and navigation.

    .venv/bin/python bench/calendar.py                  # SQLite, both sizes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/engagement .venv/bin/python bench/calendar.py

Targets: each HTML page within 3x the CPU time of the bare page; the feed under 300 ms at
30,000 events. The feed is measured cold (every cache cleared before each request), after a
change (the statistics version bumped, as any event change does: the whole feed is rebuilt from
the per-event cache) and warm (the whole feed cached). The list and the month view cache their
content under the statistics version too: they are measured as served (warm) and after a change
(the version bumped before each request, so the content is rendered afresh).
Options: ``--sizes 3000,30000``, ``--repeat N`` (default 20), ``--profile DIR`` (a pyinstrument
profile of ten requests of each URL, as text, in ``DIR``).
"""

import argparse
import datetime
import os
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

# This file's name hides the standard library's ``calendar`` from the other modules unless
# bench/ leaves the path: the project root takes its place.
sys.path[0] = str(Path(__file__).resolve().parents[1])
sys.path.append(str(Path(__file__).resolve().parent))  # bare.py, after the standard library
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

BATCH = 5_000
PARTY_PROJECTS = ("kedergisiz-keleshek", "ardagerlerdi-ardaqtaiyq", "baqytty-otbasy",
                  "jastar-otanga")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="3000,30000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", metavar="DIR",
                        help="also write a pyinstrument profile of each URL to DIR")
    return parser.parse_args()


def add_events(count, seed=1):
    """Bulk-insert live events until the database holds ``count`` bench events."""
    import random

    from django.conf import settings
    from django.utils import timezone
    from wagtail.models import Locale

    from engagement import conf
    from engagement.models import DISTRICT_KINDS, Event, Place, Project

    existing = Event.objects.filter(source_key__startswith="bench:").count()
    rng = random.Random(seed + existing)
    zone = conf.event_time_zone()
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    projects = list(Project.objects.filter(locale=locale, slug__in=PARTY_PROJECTS)
                    .values_list("pk", flat=True))
    districts = list(Place.objects.filter(locale=locale, kind__in=DISTRICT_KINDS)
                     .values_list("pk", flat=True))
    first = datetime.date(2021, 1, 1)
    span = (timezone.localdate() + datetime.timedelta(days=365) - first).days
    now = timezone.now()
    for offset in range(existing, count, BATCH):
        batch = []
        for number in range(offset, min(count, offset + BATCH)):
            day = first + datetime.timedelta(days=rng.randrange(span))
            start = datetime.datetime.combine(day, datetime.time(rng.randrange(9, 18)),
                                              tzinfo=zone)
            cancelled = rng.random() < 0.03
            batch.append(Event(
                title=f"Тұрғындармен кездесу {number}", project_id=rng.choice(projects),
                district_id=rng.choice(districts), start=start,
                end=start + datetime.timedelta(hours=2), venue_address="Мәдениет үйі",
                description="<p>Барлығы шақырылады.</p>", accessibility="accessible",
                accessibility_notes="Пандус бар.", cancelled=cancelled,
                cancellation_reason="Ауа райы" if cancelled else "",
                locale=locale, translation_key=uuid.uuid4(), live=True,
                has_unpublished_changes=False, last_published_at=now,
                source_key=f"bench:{number}",
            ))
        Event.objects.bulk_create(batch)


def measure(client, url, repeat, before=None):
    """Median wall ms, median CPU ms and median queries of ``repeat`` requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(url)
    walls, cpus, queries = [], [], []
    for _ in range(repeat):
        if before:
            before()
        with CaptureQueriesContext(connection) as context:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(context.captured_queries))
    return statistics.median(walls), statistics.median(cpus), statistics.median(queries), \
        len(response.content)


def profile(client, url, before, path):
    """A pyinstrument profile of ten requests of ``url``, written to ``path`` as text."""
    from pyinstrument import Profiler

    path.parent.mkdir(parents=True, exist_ok=True)
    profiler = Profiler(interval=0.0005)
    for _ in range(10):
        if before:
            before()
        profiler.start()
        client.get(url)
        profiler.stop()
    path.write_text(profiler.output_text(unicode=True, show_all=False))


def urls():
    from django.utils import timezone

    from engagement.public.events import public_events
    from engagement.public.ids import event_slug, short_id

    today = timezone.localdate()
    event = public_events().filter(source_key__startswith="bench:",
                                   start__gt=timezone.now()).order_by("start").first()
    return [
        ("calendar list /events/", "/events/"),
        ("calendar list (after a change)", "/events/"),
        ("calendar list ?project&page=3", "/ru/events/?project=baqytty-otbasy&page=3"),
        ("month view", f"/events/{today.year}/{today.month:02d}/"),
        ("month view (after a change)", f"/events/{today.year}/{today.month:02d}/"),
        ("event page", f"/events/{short_id(event.translation_key)}-{event_slug(event.title)}/"),
        ("iCal feed (cold)", "/events/ical/"),
        ("iCal feed (after a change)", "/events/ical/"),
        ("iCal feed (warm)", "/events/ical/"),
    ]


def main():
    options = parse_args()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from bare import add_bare_page, install_templates

    install_templates()
    from engagement.stats.cache import _bump as bump  # what an event change does at commit

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("load_demo", verbosity=0)
        bare_url = add_bare_page()
        client = Client()
        print(f"{os.cpu_count()} CPUs; database {connection.vendor}; {options.repeat} timed "
              "requests per URL (median)")
        for size in (int(value) for value in options.sizes.split(",")):
            started = time.perf_counter()
            add_events(size)
            from django.utils import timezone

            from engagement.models import Event
            from engagement.public.events import public_events
            from engagement.public.views import FEED_PAST_DAYS

            since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
            in_feed = public_events().filter(end__gte=since).count()
            print(f"\n== {Event.objects.count():,} events ({in_feed:,} in the feed); "
                  f"built in {time.perf_counter() - started:.0f} s")
            print(f"{'page':34} {'wall ms':>8} {'CPU ms':>8} {'queries':>8} {'KB':>7} "
                  f"{'CPU / bare':>10}")
            home = measure(client, bare_url, options.repeat)
            print(f"{'baseline: wagtail start page':34} {home[0]:8.1f} {home[1]:8.1f} "
                  f"{home[2]:8.0f} {home[3] / 1024:7.0f} {1:10.1f}")
            for label, url in urls():
                before = {"cold": cache.clear, "change": bump}.get(
                    next((word for word in ("cold", "change") if word in label), None))
                result = measure(client, url, options.repeat, before=before)
                ratio = result[1] / home[1] if home[1] else 0
                print(f"{label:34} {result[0]:8.1f} {result[1]:8.1f} {result[2]:8.0f} "
                      f"{result[3] / 1024:7.0f} {ratio:10.1f}")
                if options.profile:
                    name = re.sub(r"\W+", "-", label).strip("-")
                    profile(client, url, before, Path(options.profile) / f"{size}-{name}.txt")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
