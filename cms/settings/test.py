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
