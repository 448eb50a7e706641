"""Redis down is not the site down: pages, feeds, open data and the admin answer through an
outage, statistics stay right, and the cache is used again when Redis comes back.

Each test starts a throw-away ``redis-server`` of its own on a free port (never the shared one
on 6379), points the cache at it, and stops it (or freezes it with SIGSTOP, which keeps its
data) mid-test. Skipped without ``redis-server``; under ``CI=true`` that is a failure.
"""

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from engagement.stats import StatsQuery, get_statistics
from engagement.stats import cache as stats_cache

from .engagement.helpers import make_user
from .engagement.stats_helpers import fresh_project, held_event, sql_totals

REDIS_SERVER = shutil.which("redis-server")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowAwayRedis:
    """A ``redis-server`` subprocess that a test may stop, start, freeze and thaw."""

    def __init__(self):
        self.port = _free_port()
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = self.client()
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def freeze(self):
        """Stop answering (connections hang) but keep the data: SIGSTOP."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)

    def cache_settings(self, warning_interval=60.0):
        return {
            "default": {
                **settings.CACHES["default"],
                "BACKEND": "cms.cache.FailOpenRedisCache",
                "LOCATION": self.url,
                "KEY_PREFIX": "outage-test",
                "OPTIONS": {
                    "socket_connect_timeout": 0.25,
                    "socket_timeout": 0.25,
                    "RETRY_AFTER": 0.2,
                    "WARNING_INTERVAL": warning_interval,
                },
            }
        }


@pytest.fixture
def redis_server():
    """A running throw-away Redis; killed at the end of the test whatever happened."""
    if REDIS_SERVER is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed (required under CI=true)")
        pytest.skip("redis-server is not installed")
    server = ThrowAwayRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.process.kill()
        server.process.wait(10)
    stats_cache.missed_bump.since = None


def _stats_keys(server):
    return [key for key in server.client().keys("*") if b"engagement:stats:" in key]


def _public_and_admin_paths():
    from engagement.models import StatisticsPage
    from home.models import NewsPage

    article = NewsPage.objects.live().filter(locale__language_code="kk").first()
    statistics = StatisticsPage.objects.live().filter(locale__language_code="ru").first()
    return [
        "/", "/ru/", "/en/", "/news/", article.url, statistics.url, "/statistics/",
        "/feed/", "/ru/feed/", "/sitemap.xml", "/search/?q=Алматы",
        "/open-data/statistics.json", "/en/open-data/statistics.csv",
        "/ru/open-data/events.json", "/events/", "/ru/events/2026/12/", "/en/events/ical/",
    ], [
        "/admin/", "/admin/pages/", f"/admin/pages/{article.pk}/edit/",
        "/admin/snippets/engagement/event/", "/admin/snippets/engagement/event/add/",
        "/admin/engagement/statistics/", "/admin/engagement/statistics.json",
    ]


def test_sessions_do_not_live_only_in_the_cache():
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db",
    )


@pytest.mark.django_db
def test_every_page_answers_while_redis_is_down_and_the_cache_returns_with_redis(
    redis_server, client, caplog
):
    public, admin = _public_and_admin_paths()
    admin_user = make_user(superuser=True)
    expected_events, expected_participants = sql_totals()
    caplog.set_level(logging.WARNING, logger="cms.cache")

    with override_settings(CACHES=redis_server.cache_settings()):
        cache.clear()
        for path in public:
            assert client.get(path).status_code == 200, path
        assert _stats_keys(redis_server), "statistics are cached while Redis is up"

        redis_server.stop()

        started = time.monotonic()
        # Signing in works: the session is in the database.
        assert client.login(username=admin_user.username, password="password")
        for path in public + admin:
            response = client.get(path)
            assert response.status_code == 200, path
        elapsed = time.monotonic() - started
        totals = json.loads(client.get("/open-data/statistics.json").content)["totals"]
        assert (totals["events"], totals["participants"]) == (
            expected_events, expected_participants
        )
        figures = get_statistics(StatsQuery()).total
        assert (figures.events, figures.participants) == (expected_events, expected_participants)
        # Slower, not stuck: a refused connection fails fast, and after a failure the
        # backend answers as empty for RETRY_AFTER without trying.
        assert elapsed < 30, elapsed
        outage_warnings = [r for r in caplog.records if "is unavailable" in r.getMessage()]
        assert len(outage_warnings) == 1, [r.getMessage() for r in caplog.records]

        redis_server.start()
        time.sleep(0.25)  # past RETRY_AFTER: the next call tries Redis again

        assert client.get("/ru/").status_code == 200
        assert any("is back" in r.getMessage() for r in caplog.records)
        assert client.get("/open-data/statistics.json").status_code == 200
        assert _stats_keys(redis_server), "statistics are cached again once Redis is back"
        cache.set("outage-probe", 1)
        assert redis_server.client().keys("*outage-probe*")


@pytest.mark.django_db(transaction=True)
def test_a_bump_missed_during_an_outage_never_serves_stale_statistics(
    redis_server, demo_site, django_assert_num_queries
):
    project_ = fresh_project()
    event = held_event(project_, 10)
    query = StatsQuery(projects=frozenset({project_.pk}))

    with override_settings(CACHES=redis_server.cache_settings()):
        assert get_statistics(query).total.participants == 10
        with django_assert_num_queries(0):
            assert get_statistics(query).total.participants == 10
        version_key = f"outage-test:1:{stats_cache.VERSION_KEY}"
        version_before = redis_server.client().get(version_key)

        # Redis hangs (its data, the figure 10 included, survives); the change commits and
        # its bump of the version fails.
        redis_server.freeze()
        event.participants = 25
        event.save()
        assert stats_cache.missed_bump.pending()
        assert get_statistics(query).total.participants == 25

        # Redis answers again: the background retry makes the old figure stale for every
        # process, without waiting for a statistics request.
        redis_server.thaw()
        deadline = time.monotonic() + 5
        while redis_server.client().get(version_key) == version_before:
            assert time.monotonic() < deadline, "the missed bump was never made up for"
            time.sleep(0.05)
        assert not stats_cache.missed_bump.pending()

        assert get_statistics(query).total.participants == 25
        with django_assert_num_queries(0):
            assert get_statistics(query).total.participants == 25


@pytest.mark.django_db(transaction=True)
def test_while_the_bump_is_owed_statistics_are_computed_uncached(
    redis_server, demo_site, monkeypatch
):
    # Only a statistics request may settle the bump here, not the background retry.
    bump = stats_cache.missed_bump
    monkeypatch.setattr(bump, "_retry_loop", lambda: setattr(bump, "retrying", False))
    project_ = fresh_project()
    held_event(project_, 7)
    query = StatsQuery(projects=frozenset({project_.pk}))

    with override_settings(CACHES=redis_server.cache_settings()):
        redis_server.freeze()
        stats_cache._bump()
        assert stats_cache.missed_bump.pending()
        assert get_statistics(query).total.participants == 7

        redis_server.thaw()
        time.sleep(0.25)  # past RETRY_AFTER
        keys_before = _stats_keys(redis_server)
        # The first statistic after Redis is back settles the bump, then caches again.
        assert get_statistics(query).total.participants == 7
        assert not stats_cache.missed_bump.pending()
        assert len(_stats_keys(redis_server)) > len(keys_before)


def test_the_outage_warning_is_logged_once_per_interval(redis_server, caplog):
    caplog.set_level(logging.WARNING, logger="cms.cache")
    redis_server.stop()

    with override_settings(CACHES=redis_server.cache_settings(warning_interval=0.5)):
        started = time.monotonic()
        for _ in range(50):
            assert cache.get("anything", "default") == "default"
            cache.set("anything", 1)
            assert cache.incr("counter") is None
            assert cache.get_many(["a", "b"]) == {}
        assert time.monotonic() - started < 0.5
        assert len([r for r in caplog.records if "is unavailable" in r.getMessage()]) == 1

        time.sleep(0.55)
        for _ in range(20):
            cache.get("anything")
        assert len([r for r in caplog.records if "is unavailable" in r.getMessage()]) == 2


def test_a_hung_redis_costs_a_short_timeout_not_a_hung_request(redis_server):
    with override_settings(CACHES=redis_server.cache_settings()):
        cache.set("x", 1)
        redis_server.freeze()
        started = time.monotonic()
        for _ in range(20):
            assert cache.get("x") is None
        # One attempt waits for the socket timeout (0.25 s); the next ones answer at once.
        assert time.monotonic() - started < 1.0
        redis_server.thaw()
        time.sleep(0.25)
        assert cache.get("x") == 1


@pytest.mark.django_db(transaction=True)
def test_a_bump_lost_with_its_process_during_an_outage_still_reaches_the_others(
    redis_server, demo_site, monkeypatch
):
    """The gap the in-process retry leaves: the process whose bump failed exits before Redis is
    back, so nobody makes the bump up in Redis, and another process finds the figure from
    before the change there. The database's version was counted up with the change."""
    bump = stats_cache.missed_bump
    monkeypatch.setattr(bump, "_retry_loop", lambda: setattr(bump, "retrying", False))
    project_ = fresh_project()
    event = held_event(project_, 10)
    query = StatsQuery(projects=frozenset({project_.pk}))

    with override_settings(CACHES=redis_server.cache_settings(),
                           ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL=0.5):
        assert get_statistics(query).total.participants == 10  # cached in Redis
        version_key = f"outage-test:1:{stats_cache.VERSION_KEY}"
        version_before = redis_server.client().get(version_key)
        # What the other process last read from the database, before the change.
        seen_by_the_other_process = stats_cache.database_version.value

        redis_server.freeze()
        event.participants = 25
        event.save()
        assert bump.pending()
        bump.since = None  # the process that made the change exits: its owed bump is lost
        redis_server.thaw()
        time.sleep(0.25)  # past RETRY_AFTER: Redis is used again
        assert redis_server.client().get(version_key) == version_before, (
            "Redis still holds the version (and the figure) from before the change"
        )

        # This process is now the other one, whose copy of the database version was read
        # before the change, one check interval ago.
        stats_cache.database_version.value = seen_by_the_other_process
        stats_cache.database_version.read_at = time.monotonic() - 0.5
        keys_before = _stats_keys(redis_server)
        assert get_statistics(query).total.participants == 25
        assert len(_stats_keys(redis_server)) > len(keys_before), "and it is cached again"


@pytest.mark.django_db(transaction=True)
def test_a_change_the_cache_never_heard_of_reaches_a_process_within_the_check_interval(
    demo_site, django_assert_num_queries
):
    """Several gunicorn workers with local-memory caches: a change in one worker bumps its own
    cache only. The others learn of it from the database within the check interval."""
    project_ = fresh_project()
    event = held_event(project_, 10)
    query = StatsQuery(projects=frozenset({project_.pk}))

    with override_settings(ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL=1.0):
        assert get_statistics(query).total.participants == 10
        version_before = cache.get(stats_cache.VERSION_KEY)
        seen_before = stats_cache.database_version.value

        # Another worker changes the event: its cache's bump never reaches this one's.
        event.participants = 25
        event.save()
        cache.set(stats_cache.VERSION_KEY, version_before, None)
        stats_cache.database_version.value = seen_before
        stats_cache.database_version.read_at = time.monotonic()

        # Within the interval this worker may still serve the figure it cached (no query) ...
        with django_assert_num_queries(0):
            assert get_statistics(query).total.participants == 10
        # ... and once it has passed, one query reads the version and the figure is fresh.
        time.sleep(1.05)
        assert get_statistics(query).total.participants == 25
        with django_assert_num_queries(0):
            assert get_statistics(query).total.participants == 25
