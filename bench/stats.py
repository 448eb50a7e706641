"""Benchmark: statistics at (a) 3,000 events / 1.2 million participants and (b) 300,000
events / 120 million participants.

Builds a throw-away test database (SQLite, or PostgreSQL when DATABASE_URL says so) with the
demo site, then the events of each dataset: (a) through ``seed_engagement`` (the real path),
(b) through a bulk generator (``bulk_create`` in batches, no search indexing), both inside
``engagement.stats.summary.deferred()`` so that the monthly summary is rebuilt once. It then
requests the statistics page, the statistics JSON endpoint and the dashboard panel repeatedly
with the statistics cache switched off (every request computes its figures) and prints p50,
p95 and queries per request; the cached figures are printed for comparison.

    .venv/bin/python bench/stats.py                       # SQLite, both datasets
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/engagement .venv/bin/python bench/stats.py

The test database (``test_<name>``) is created and destroyed by the script; the named
database itself is not touched. Options: ``--dataset a|b|both`` (default both),
``--repeat N`` (default 30).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

DATASETS = {"a": (3_000, 1_200_000), "b": (300_000, 120_000_000)}
TARGETS_MS = {("a", "sqlite"): 50, ("a", "postgresql"): 50, ("b", "postgresql"): 250}
BATCH = 5_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=["a", "b", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per surface")
    return parser.parse_args()


def generate_events(count, participants, seed=1):
    """``count`` live events over 2021-2025 whose headcounts add up to ``participants``."""
    import random

    from django.conf import settings
    from tqdm import tqdm
    from wagtail.models import Locale

    from engagement import conf
    from engagement.models import DISTRICT_KINDS, Event, Place, Project
    from engagement.services.headcounts import split_breakdown, split_total

    rng = random.Random(seed)
    zone = conf.event_time_zone()
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    projects = list(Project.objects.filter(locale=locale).values_list("pk", flat=True))
    districts = list(Place.objects.filter(locale=locale, kind__in=DISTRICT_KINDS)
                     .values_list("pk", flat=True))
    first, span = datetime.date(2021, 1, 1), (datetime.date(2025, 12, 31)
                                                - datetime.date(2021, 1, 1)).days
    now = datetime.datetime.now(datetime.UTC)
    cancelled = [rng.random() < 0.03 for _ in range(count)]
    starts = [
        datetime.datetime.combine(first + datetime.timedelta(days=rng.randrange(span + 1)),
                                  datetime.time(rng.randrange(9, 18)), tzinfo=zone)
        for _ in range(count)
    ]
    held = [i for i in range(count) if not cancelled[i] and starts[i] <= now]
    headcounts = dict(zip(held, split_total(participants, len(held),
                                            conf.plausible_participants_max(), rng),
                          strict=True))
    kinds = ["estimated", "registered", "verified"]
    with tqdm(total=count, desc="events", unit="event") as bar:
        for offset in range(0, count, BATCH):
            batch = []
            for i in range(offset, min(count, offset + BATCH)):
                start = starts[i]
                headcount = headcounts.get(i)
                fields = {}
                if headcount is not None:
                    fields["participants"] = headcount
                    fields["count_kind"] = rng.choice(kinds)
                    if rng.random() < 0.6:
                        fields.update(split_breakdown(headcount, rng))
                batch.append(Event(
                    title=f"Іс-шара {i}", project_id=rng.choice(projects),
                    district_id=rng.choice(districts), start=start,
                    end=start + datetime.timedelta(hours=2), cancelled=cancelled[i],
                    cancellation_reason="Ауа райы" if cancelled[i] else "",
                    locale=locale, translation_key=uuid.uuid4(), live=True,
                    has_unpublished_changes=False, source_key=f"bench:{i}", **fields,
                ))
            Event.objects.bulk_create(batch)
            bar.update(len(batch))


def build(dataset):
    """Fill the database with ``dataset``; returns a description of what is there."""
    from django.core.management import call_command
    from django.db.models import Sum

    from engagement.models import Event, MonthlyTotal
    from engagement.stats import counted_events, summary

    events, participants = DATASETS[dataset]
    started = time.perf_counter()
    if dataset == "a":
        call_command("seed_engagement", events=events, participants=participants,
                     random_seed=1, reset=True, no_progress=False, verbosity=0)
    else:
        with summary.deferred():
            Event.objects.filter(source_key__startswith="seed:").delete()
            generate_events(events, participants)
    seconds = time.perf_counter() - started
    counted = counted_events()
    return {
        "events": Event.objects.count(),
        "counted": counted.count(),
        "participants": counted.aggregate(total=Sum("participants"))["total"],
        "cells": MonthlyTotal.objects.count(),
        "seconds": seconds,
    }


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(call, repeat):
    """p50 and p95 milliseconds and the median queries of ``repeat`` calls (after a warm-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    timings, queries = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(context.captured_queries))
    return statistics.median(timings), percentile(timings, 0.95), statistics.median(queries)


def surfaces():
    """``[(label, callable)]``: each callable makes one request or renders the panel."""
    from django.contrib.auth import get_user_model
    from django.test import Client, RequestFactory

    from engagement.components import StatisticsPanel
    from engagement.models import Project
    from engagement.services.scope import clear_cached_scope

    client = Client()
    project = Project.objects.filter(locale__language_code="kk").order_by("pk").first()
    admin = get_user_model().objects.get(username="admin")
    organiser = get_user_model().objects.filter(
        username__startswith="seed-organiser-").order_by("username").first()

    def get(path):
        def call():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        return call

    def panel(user):
        request = RequestFactory().get("/admin/")
        request.user = user

        def call():
            clear_cached_scope(user)
            html = StatisticsPanel().render_html({"request": request})
            assert "data-total" in html
        return call

    found = [
        ("statistics page /statistics/", get("/statistics/")),
        ("statistics page ?project&year", get(f"/ru/statistics/?project={project.slug}"
                                              "&year=2023")),
        ("JSON /open-data/statistics.json", get("/en/open-data/statistics.json")),
        ("JSON ?project&year", get(f"/en/open-data/statistics.json?project={project.slug}"
                                   "&year=2023")),
        ("dashboard panel, administrator", panel(admin)),
    ]
    if organiser is not None:
        found.append(("dashboard panel, organiser", panel(organiser)))
    found.append(("events JSON, page 1 (extra)", get("/en/open-data/events.json")))
    return found


def run_dataset(dataset, repeat):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("load_demo", verbosity=0)
        if dataset == "b":
            # Organisers for the panel (the generator of (b) makes events only).
            call_command("seed_engagement", events=0, participants=0, organisers=3,
                         reset=True, no_progress=True, verbosity=0)
        built = build(dataset)
        vendor = connection.vendor
        print(f"\n== dataset ({dataset}) on {vendor}: {built['events']:,} events "
              f"({built['counted']:,} counted), {built['participants']:,} participants, "
              f"{built['cells']:,} summary rows; built in {built['seconds']:.0f} s")
        print(f"{'surface':36} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'cached p50':>11}")
        target = TARGETS_MS.get((dataset, vendor))
        worst = 0.0
        for label, call in surfaces():
            with override_settings(ENGAGEMENT_STATS_CACHE_TIMEOUT=0):
                p50, p95, queries = measure(call, repeat)
            cached = measure(call, repeat)[0]
            if "extra" not in label:
                worst = max(worst, p50)
            print(f"{label:36} {p50:8.1f} {p95:8.1f} {queries:8.0f} {cached:11.1f}")
        if target:
            verdict = "met" if worst < target else "NOT met"
            print(f"target: uncached p50 under {target} ms -> {verdict} (worst {worst:.1f} ms)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    options = parse_args()
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    print(f"{os.cpu_count()} CPUs; {options.repeat} timed requests per surface; "
          "uncached = statistics cache off (ENGAGEMENT_STATS_CACHE_TIMEOUT=0)")
    for dataset in ("a", "b") if options.dataset == "both" else (options.dataset,):
        run_dataset(dataset, options.repeat)


if __name__ == "__main__":
    main()
