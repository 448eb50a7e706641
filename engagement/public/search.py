"""The search results piece a host's search page adds: published events of the active language.

Wagtail search (the host's backend) over the events' title, venue address and description,
limited to the live rows of the active locale; each result links to its event page under the
calendar page of that language.
"""

from engagement.models import Event

from .events import PublicEvent, active_locale

#: The most events a search page shows (above its pages).
MAX_EVENT_RESULTS = 10


def search_events(terms, limit=MAX_EVENT_RESULTS):
    """``[PublicEvent]`` matching ``terms`` in the active language (empty without a calendar)."""
    from .models import EventCalendarPage

    page = EventCalendarPage.for_active_language()
    if page is None or not terms:
        return []
    locale = active_locale()
    from wagtail.search.backends import get_search_backend

    queryset = Event.objects.filter(locale=locale, live=True)
    rows = list(get_search_backend().search(terms, queryset)[:limit * 3])
    if not rows:
        return []
    originals = {}
    for original in Event.objects.filter(
        translation_key__in=[row.translation_key for row in rows]
    ).select_related("locale").order_by("pk"):
        originals.setdefault(original.translation_key, original)
    results = []
    for row in rows:
        original = originals.get(row.translation_key)
        if original is None or not original.live:
            continue
        results.append(PublicEvent(original=original, shown=row,
                                   language=locale.language_code, base_url=page.url))
    return results[:limit]


def count_events(terms, locale):
    """How many live events of ``locale`` match ``terms`` (for "N results in …" notes)."""
    from wagtail.search.backends import get_search_backend

    if not terms:
        return 0
    queryset = Event.objects.filter(locale=locale, live=True)
    return get_search_backend().search(terms, queryset).count()
