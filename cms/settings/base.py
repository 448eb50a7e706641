"""Settings shared by every environment.

Environment variables read here (see README.md):

* ``DATABASE_URL``: a database URL (``postgres://user@host:5432/name``); without it an SQLite
  file ``db.sqlite3`` in the project folder is used.
* ``REDIS_URL``: a Redis URL (``redis://127.0.0.1:6379/1``) for Django's Redis cache (failing
  open: ``cms/cache.py``); without it a local-memory cache is used.
* ``WAGTAILADMIN_BASE_URL``: the site's public base URL, used in admin e-mails and links.
"""

import os
import zoneinfo
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "engagement",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "cms.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Search text (?q=) is cleaned before any view or search backend reads it.
    "engagement.middleware.SearchQueryMiddleware",
    "engagement.middleware.NullCharacterQueryMiddleware",
    # A tampered admin POST that Wagtail's widgets cannot parse is a 400, not a 500.
    "engagement.middleware.MalformedAdminPostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: PostgreSQL when DATABASE_URL is set, otherwise an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (the web server's threads, an import, a worker) on one SQLite file:
    # write-ahead logging lets readers go on while one writes, IMMEDIATE transactions take the
    # write lock at BEGIN (so a transaction never fails half-way on an upgrade to a write), and
    # the timeout lets a writer wait for the lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Cache: Redis when REDIS_URL is set, otherwise local memory (one process only).
# Redis failing is not the site failing: the backend answers as an empty cache while Redis is
# unreachable (cms/cache.py), and a connection attempt gives up after a quarter of a second.
# Sessions are in the database (Django's default SESSION_ENGINE), never only in the cache.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.FailOpenRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "engagement"),
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                # After a failure, answer as empty for this long before trying Redis again.
                "RETRY_AFTER": 1.0,
                # While Redis is down, one warning in the log per this many seconds.
                "WARNING_INTERVAL": 60.0,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "engagement",
            # Django's default of 300 entries culls the statistics version and the calendar's
            # per-event iCal texts (thousands) as soon as a feed is built.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Kazakh is the default language and has no URL prefix; LANGUAGE_CODE
# must be "kk" before the first migrate, because Wagtail creates the default Locale from it.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
# Translating never publishes: "Translate this page" (and translating an event) creates a draft
# in the target language, whatever the source's state; a translator publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's own catalogues first: their entries win over the Kazakh catalogue of Wagtail's
# and wagtail-localize's admin strings (Wagtail ships no kk), which comes second.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "wagtail_admin" / "locale"]
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Asia/Almaty"
# Time-zone rules come from the pinned tzdata package, never from the host: Asia/Almaty moved
# from UTC+6 to UTC+5 on 2024-03-01 and older hosts do not know it.
zoneinfo.reset_tzpath([])
USE_I18N = True
USE_TZ = True

# Static and media files.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a long article with a large gallery can exceed Django's 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail.
WAGTAIL_SITE_NAME = _("Almaty regional branch")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend (SQLite FTS5, PostgreSQL full text) with folding (ё/е,
        # Kazakh letters typed on a Russian keyboard), prefixes and Kazakh stems on both sides.
        "BACKEND": "engagement.textsearch.backend",
        # PostgreSQL has no Kazakh configuration: Kazakh is "simple" over the folded text and
        # the stems of engagement.textsearch.kazakh; Russian and English use their stemmers.
        "SEARCH_CONFIG": "simple",
        "LANGUAGE_CONFIGS": {"ru": "russian", "en": "english"},
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
# Wagtail's image form, also counting every frame of an animation and decoding the pixels.
WAGTAILIMAGES_IMAGE_FORM_BASE = "engagement.forms.ImageForm"
# wagtail-localize purges each translation's own URL, so Wagtail must not multiply them again.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# No Gravatar: it would tell a third party which e-mail addresses use the admin (and the
# admin's CSP allows images from the site only). Avatars are uploaded in the account settings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Kazakh first: a user who has not chosen a language in the account settings gets the admin in
# kk (the admin's URLs have no language prefix, so the request's language is LANGUAGE_CODE).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# The admin's date pickers show and read dates as people in Kazakhstan type them (strftime
# formats; Wagtail derives the picker's format from them). home.apps makes every date field of
# an admin form read them, and ISO too, in every admin language.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Security headers (cms/middleware.py; README "Security headers").
# Where embeds (the news EmbedBlock) may come from: YouTube (also without cookies) and Vimeo.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# Public pages: nothing inline runs or applies unless it carries the request's nonce
# (<script nonce="{{ request.csp_nonce }}">, <style nonce="...">); no style="" attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The admin: Wagtail writes inline scripts and style attributes, so those are allowed there
# (and no nonce is sent, which would cancel 'unsafe-inline'); uploads preview as blob: images;
# the dashboard asks releases.wagtail.org for Wagtail's latest version.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
    }
}
# No page may use these browser features (embeds may go full screen and picture-in-picture).
_EMBED_ORIGINS = [f'"{origin}"' for origin in EMBED_FRAME_SOURCES]
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "serial": [],
    "usb": [],
    "fullscreen": ["self", *_EMBED_ORIGINS],
    "picture-in-picture": ["self", *_EMBED_ORIGINS],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
