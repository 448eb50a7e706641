import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="engagement-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's default in-memory database: the live server of the browser tests
    # then has connections of its own instead of sharing the test thread's one, so the admin
    # editor's background requests (autosave, editing-session pings) cannot collide with the
    # page's own queries on a shared connection ("database table is locked").
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"engagement-test-{os.getpid()}.sqlite3")
    }
# Tests run against REDIS_URL when CI sets it (to prove that backend); otherwise local memory.
# Serve static files straight from the finders: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A process re-reads the database's statistics version once per this many seconds (default 1),
# and at once after a change of its own (the tests' live server is a thread of this process):
# here never by the clock, so that query counts and "served from the cache, no query"
# assertions do not depend on how fast a busy machine runs. Tests of the interval set their own.
ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL = 3600.0

# pytest-xdist (`make test` runs the suite in two processes) gives each worker its own test
# database (pytest-django adds the worker's name to it), its own MEDIA_ROOT (mkdtemp above) and
# live server port. The cache needs the same: tests empty it between tests, and on Redis that is
# FLUSHDB, which would wipe the other worker's keys mid-test. So worker N uses the Redis
# database after REDIS_URL's by N (gw0: REDIS_URL's own, gw1: the next one, ...).
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _XDIST_WORKER.startswith("gw") and os.environ.get("REDIS_URL"):
    from urllib.parse import urlsplit, urlunsplit

    from django.core.exceptions import ImproperlyConfigured

    _redis = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    _redis_db = int(_redis.path.strip("/") or 0) + int(_XDIST_WORKER[2:])
    if _redis_db > 15:
        raise ImproperlyConfigured(
            f"REDIS_URL {_redis.geturl()}: worker {_XDIST_WORKER} would need Redis database "
            f"{_redis_db}; Redis has 16 (0-15) unless configured otherwise: use a lower one"
        )
    CACHES["default"]["LOCATION"] = urlunsplit(_redis._replace(path=f"/{_redis_db}"))  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += f"-{_XDIST_WORKER}"  # noqa: F405
