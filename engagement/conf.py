"""The plugin's settings, read in one place.

Every setting is optional; a host site overrides a default by defining the ``ENGAGEMENT_*``
name in its Django settings. Values are read on each call so that tests can override them.
"""

import zoneinfo

from django.apps import apps
from django.conf import settings

DEFAULTS = {
    # A headcount above this needs an explicit confirmation in the event form.
    "ENGAGEMENT_PARTICIPANTS_PLAUSIBLE_MAX": 50_000,
    # No event can report more participants than this (a typing error, not a big event).
    "ENGAGEMENT_PARTICIPANTS_MAX": 1_000_000,
    # The page model that an event's "related news" may point at ("app_label.ModelName").
    "ENGAGEMENT_NEWS_PAGE_MODEL": "home.NewsPage",
    # The lookup from that model to engagement.Project that finds a project's news (projects
    # are matched by translation key, so a link to any translation counts); None: no news.
    "ENGAGEMENT_NEWS_PROJECT_LOOKUP": "project_links__project",
    # The order of news on a project's page and in the plugin's blocks (newest first).
    "ENGAGEMENT_NEWS_ORDERING": ("-date", "-pk"),
    # The time zone in which event times are entered, listed and exported.
    "ENGAGEMENT_EVENT_TIME_ZONE": "Asia/Almaty",
    # Look each Locale up once per request (Wagtail asks for the active one many times).
    "ENGAGEMENT_LOCALE_PER_REQUEST": True,
    # The group of organisers (created by the plugin's migrations).
    "ENGAGEMENT_ORGANISERS_GROUP": "Organisers",
    # The page model WordPress posts become ("app_label.ModelName").
    "ENGAGEMENT_LEGACY_PAGE_MODEL": "home.NewsPage",
    # Which fields of that model receive what. A role mapped to None, or to a field the model
    # lacks, is left out; "body" must be a StreamField. A host may override some keys only.
    "ENGAGEMENT_LEGACY_FIELDS": {
        "body": "body",
        "date": "date",
        "lead": "lead",
        "hero_image": "hero_image",
        "tags": "tags",
        # A child relation (ParentalKey) whose model has a ``topic`` foreign key to a
        # translatable model with ``name`` and ``slug`` (the host's topics). When the model has
        # it, categories and tags become topics of the post's language instead of tags.
        "topics": "topic_links",
        # A child relation (ParentalKey) whose model has a ``project`` foreign key.
        "projects": "project_links",
    },
    # Seconds a computed statistic may be served from the cache (0: never cached). Any change
    # to an event makes cached statistics stale at once, whatever this says.
    "ENGAGEMENT_STATS_CACHE_TIMEOUT": 600,
    # Seconds a process trusts the statistics version it read from the database (the
    # engagement_statisticsversion row) before reading it again: how long another process's
    # change may take to reach it when the cache could not pass the change on (Redis down, or
    # a local-memory cache per process).
    "ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL": 1.0,
    # max-age of the open-data responses (Cache-Control), in seconds.
    "ENGAGEMENT_OPEN_DATA_MAX_AGE": 60,
    # Results per page of the open-data list of events (the largest a client may ask for).
    "ENGAGEMENT_OPEN_DATA_PAGE_SIZE": 100,
    "ENGAGEMENT_OPEN_DATA_MAX_PAGE_SIZE": 1000,
    # The largest spreadsheet of events that may be imported at once, in bytes, and in rows.
    "ENGAGEMENT_IMPORT_MAX_BYTES": 5_000_000,
    "ENGAGEMENT_IMPORT_MAX_ROWS": 20_000,
    # What an XLSX (a zip archive) may unpack to: more is a zip bomb, never opened.
    "ENGAGEMENT_IMPORT_MAX_EXPANDED_BYTES": 200_000_000,
    # The licence of the open data: named in every open-data response and on the statistics
    # page. "spdx" is its SPDX identifier (for programs); "name" is shown as it is.
    "ENGAGEMENT_OPEN_DATA_LICENCE": {
        "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "spdx": "CC-BY-4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    },
    # The template the plugin's public pages extend.
    "ENGAGEMENT_BASE_TEMPLATE": "base.html",
}


def get(name):
    """Return the host's value of the setting ``name`` or the plugin's default."""
    return getattr(settings, name, DEFAULTS[name])


def plausible_participants_max():
    return int(get("ENGAGEMENT_PARTICIPANTS_PLAUSIBLE_MAX"))


def participants_max():
    return int(get("ENGAGEMENT_PARTICIPANTS_MAX"))


def event_time_zone():
    return zoneinfo.ZoneInfo(get("ENGAGEMENT_EVENT_TIME_ZONE"))


def organisers_group_name():
    return get("ENGAGEMENT_ORGANISERS_GROUP")


def news_page_model():
    """The page model for related news, or ``None`` when the host has no such model."""
    try:
        return apps.get_model(get("ENGAGEMENT_NEWS_PAGE_MODEL"))
    except (LookupError, ValueError):
        return None


def legacy_page_model_label():
    """The page model WordPress posts become, as ``"app_label.ModelName"``."""
    return get("ENGAGEMENT_LEGACY_PAGE_MODEL")


def legacy_fields():
    """``{role: field name}``: the defaults updated with the host's own."""
    return {**DEFAULTS["ENGAGEMENT_LEGACY_FIELDS"], **get("ENGAGEMENT_LEGACY_FIELDS")}
def stats_cache_timeout():
    return int(get("ENGAGEMENT_STATS_CACHE_TIMEOUT"))


def stats_version_check_interval():
    return float(get("ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL"))


def open_data_max_age():
    return int(get("ENGAGEMENT_OPEN_DATA_MAX_AGE"))


def open_data_page_size():
    return int(get("ENGAGEMENT_OPEN_DATA_PAGE_SIZE"))


def open_data_max_page_size():
    return int(get("ENGAGEMENT_OPEN_DATA_MAX_PAGE_SIZE"))


def open_data_licence():
    """``{"name", "spdx", "url"}`` of the open data's licence (``spdx`` may be empty)."""
    licence = get("ENGAGEMENT_OPEN_DATA_LICENCE")
    return {"name": licence["name"], "spdx": licence.get("spdx", ""), "url": licence["url"]}


def base_template():
    return get("ENGAGEMENT_BASE_TEMPLATE")


def import_max_bytes():
    return int(get("ENGAGEMENT_IMPORT_MAX_BYTES"))


def import_max_rows():
    return int(get("ENGAGEMENT_IMPORT_MAX_ROWS"))


def import_max_expanded_bytes():
    return int(get("ENGAGEMENT_IMPORT_MAX_EXPANDED_BYTES"))
