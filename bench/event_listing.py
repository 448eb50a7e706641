"""Time the admin event listing and its exports at full scale, as an administrator and as an
organiser: queries and milliseconds per request.

    DATABASE_URL=sqlite:////tmp/.../bench.sqlite3 .venv/bin/python bench/event_listing.py

Run ``bench/seed_engagement.py --keep`` (or ``--database-url ...``) first: the database must hold
the seeded events (3,000 by default).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from engagement.models import Event  # noqa: E402
from engagement.services.scope import visible_events  # noqa: E402

REPEAT = 7


def measure(client, url, params):
    timings, queries = [], None
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params, HTTP_HOST="localhost")
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
        queries = len(captured.captured_queries)
    return queries, statistics.median(timings)


def main():
    setup_test_environment()
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).first()
    organiser = max(
        User.objects.filter(username__startswith="seed-organiser-"),
        key=lambda user: visible_events(user).count(),
    )
    url = reverse("wagtailsnippets_engagement_event:list")
    print(f"Event listing with {Event.objects.count()} events "
          f"({connection.vendor}, median of {REPEAT} requests)")
    for user in (admin, organiser):
        client = Client()
        client.force_login(user)
        client.get(url, HTTP_HOST="localhost")  # warm caches
        visible = visible_events(user).count()
        print(f"  {user.username} (sees {visible} events):")
        for label, params in (
            ("20 rows", {}),
            ("100 rows", {"per_page": 100}),
            ("search, 20 rows", {"q": "семинар"}),
            ("filtered: status, date range", {"status": "held", "start_from": "2023-01-01",
                                              "start_to": "2023-12-31"}),
            ("CSV export, all rows", {"export": "csv"}),
            ("XLSX export, all rows", {"export": "xlsx"}),
        ):
            queries, milliseconds = measure(client, url, params)
            print(f"    {label:32} {queries:4d} queries  {milliseconds:8.1f} ms")


if __name__ == "__main__":
    main()
