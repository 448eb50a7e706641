import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="engagement-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests run against REDIS_URL when CI sets it (to prove that backend); otherwise local memory.
# Serve static files straight from the finders: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
