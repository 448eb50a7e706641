"""Which events the public sees, and in which language.

An event is public when its *original row* (the lowest id among its translations, the one
organisers edit; see ``engagement.stats.counting``) is published. It is shown in the reader's
language when that translation is published too, else in the original's language, marked as
a fallback so that templates can say so and set ``lang`` on its text.

Events are identified in URLs by a *short id* (``ids.py``).
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Locale

from engagement import conf
from engagement.models import Event, EventStatus, ProjectKind
from engagement.models.i18n import active_language_code
from engagement.stats.counting import published_events

from .ids import event_slug, key_range, short_id


def public_events():
    """Published original rows: one per event, cancelled ones included."""
    return published_events(Event.objects.all())


def translations_of(originals, locale, defer=()):
    """``{translation_key: row}`` of the live ``locale`` rows of the events in ``originals``.

    ``originals`` may be a queryset (used as a subquery: one query however many events) or a
    list of events.
    """
    if isinstance(originals, list):
        keys = [event.translation_key for event in originals
                if event.locale_id != locale.pk]
        if not keys:
            return {}
    else:
        keys = originals.values("translation_key")
    rows = Event.objects.filter(locale=locale, live=True, translation_key__in=keys).defer(*defer)
    return {row.translation_key: row for row in rows.select_related("locale")}


def active_locale():
    """The locale of the active language (the default one if it has no locale)."""
    try:
        # Through the manager's look-up, which remembers it for the request (locale_memo.py).
        return Locale.objects.get_for_language(active_language_code())
    except (Locale.DoesNotExist, LookupError):
        return Locale.get_default()


@dataclass
class PublicEvent:
    """An event as the public sees it: the original's facts, the reader's language's text."""

    original: Event
    shown: Event
    language: str  # the language the reader asked for
    base_url: str = ""  # the URL of the calendar page the event is shown under
    #: ``{language code: live row}`` of every published translation (event pages only).
    translations: dict = None

    @property
    def fallback(self):
        """True when the event is shown in its original language for want of a translation."""
        return self.shown.locale.language_code != self.language

    @property
    def text_language(self):
        return self.shown.locale.language_code

    @cached_property
    def short_id(self):
        return short_id(self.original.translation_key)

    @property
    def slug(self):
        return event_slug(self.shown.title)

    @cached_property
    def url(self):
        return f"{self.base_url}{self.short_id}-{self.slug}/"

    @property
    def ical_url(self):
        return f"{self.url}ical/"

    @property
    def title(self):
        return self.shown.title

    @cached_property
    def start(self):
        return timezone.localtime(self.original.start, conf.event_time_zone())

    @cached_property
    def end(self):
        return timezone.localtime(self.original.end, conf.event_time_zone())

    @property
    def status(self):
        return self.original.get_status()

    @property
    def cancelled(self):
        return self.original.cancelled

    @property
    def is_upcoming(self):
        return self.original.end >= timezone.now()

    @property
    def held(self):
        return self.status == EventStatus.HELD

    @property
    def last_changed(self):
        """When the event last changed publicly: the later publication of its two rows."""
        stamps = [row.last_published_at for row in (self.original, self.shown)
                  if row.last_published_at]
        return max(stamps) if stamps else None


def wrap(originals, locale, base_url="", defer=()):
    """:class:`PublicEvent` objects for a list of original rows (one query for translations)."""
    originals = list(originals)
    translations = translations_of(originals, locale, defer=defer)
    return [
        PublicEvent(
            original=event, shown=translations.get(event.translation_key, event),
            language=locale.language_code, base_url=base_url,
        )
        for event in originals
    ]


def find_event(short, locale, base_url=""):
    """The :class:`PublicEvent` with the short id ``short``, or ``None`` (unknown, unpublished).

    One query: every row whose key starts with ``short`` (the event's translations).
    """
    try:
        lowest, highest = key_range(short)
    except ValueError:
        return None
    rows = list(
        Event.objects.filter(translation_key__gte=lowest, translation_key__lte=highest)
        .select_related("locale", "project").order_by("translation_key", "pk")
    )
    if not rows:
        return None
    # A collision of short ids is very unlikely (see ids.py); the lowest key wins.
    key = rows[0].translation_key
    rows = [row for row in rows if row.translation_key == key]
    original = rows[0]
    if not original.live or original.project.kind != ProjectKind.PARTY_PROJECT:
        return None  # unpublished, or still filed under a state programme (see counting.py)
    shown = next(
        (row for row in rows if row.locale_id == locale.pk and row.live), original
    )
    live = {row.locale.language_code: row for row in reversed(rows) if row.live}
    return PublicEvent(original=original, shown=shown, language=locale.language_code,
                       base_url=base_url, translations=live)


#: Fields a list or a month grid never shows (large text and the gallery).
LIST_DEFERRED = ("description", "photos", "accessibility_notes", "cancellation_reason")


class UpcomingThenPast:
    """A sliceable sequence for a paginator: upcoming events (soonest first), then past ones
    (latest first). Each page costs at most two queries, plus one for the counts.

    The counts come with the bounds of both parts (the earliest start of an upcoming event, the
    latest start of a past one), which let each page's query walk the ``start`` index from the
    right place instead of over every event of the other part. All of it is one aggregate,
    cached under the statistics version (every change to an event bumps it) and the filters,
    and true until the next upcoming event ends: then one event moves from one part to the
    other, and the aggregate is computed again.
    """

    def __init__(self, queryset, now=None, cache_parts=None):
        """``cache_parts``: what identifies ``queryset`` (the filters), or None: no cache."""
        now = now or timezone.now()
        self.queryset, self.now, self.cache_parts = queryset, now, cache_parts

    def _compute_bounds(self):
        upcoming, past = Q(end__gte=self.now), Q(end__lt=self.now)
        bounds = self.queryset.order_by().aggregate(
            upcoming=Count("pk", filter=upcoming), past=Count("pk", filter=past),
            first_upcoming=Min("start", filter=upcoming), last_past=Max("start", filter=past),
            next_end=Min("end", filter=upcoming),
        )
        return bounds

    @cached_property
    def _counts(self):
        if self.cache_parts is None:
            return self._compute_bounds()
        from engagement.stats.cache import get_or_compute

        def compute():
            bounds = self._compute_bounds()
            until = bounds["next_end"]
            return bounds, None if until is None else (until - self.now).total_seconds()

        bounds = get_or_compute(("calendar-bounds", *self.cache_parts), compute)
        if bounds["next_end"] is not None and bounds["next_end"] < self.now:
            # Cached a moment before an event ended (the cache's timeouts are whole seconds).
            bounds = self._compute_bounds()
        return bounds

    @property
    def upcoming(self):
        queryset = self.queryset.filter(end__gte=self.now)
        if self._counts["first_upcoming"] is not None:
            queryset = queryset.filter(start__gte=self._counts["first_upcoming"])
        return queryset.order_by("start", "pk")

    @property
    def past(self):
        queryset = self.queryset.filter(end__lt=self.now)
        if self._counts["last_past"] is not None:
            queryset = queryset.filter(start__lte=self._counts["last_past"])
        return queryset.order_by("-start", "-pk")

    @property
    def upcoming_count(self):
        return self._counts["upcoming"]

    @property
    def past_count(self):
        return self._counts["past"]

    def count(self):
        return self.upcoming_count + self.past_count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        split = self.upcoming_count
        rows = []
        if start < split:
            rows += list(self.upcoming.select_related("locale").defer(*LIST_DEFERRED)
                         [start:min(stop, split)])
        if stop > split:
            rows += list(self.past.select_related("locale").defer(*LIST_DEFERRED)
                         [max(0, start - split):stop - split])
        return rows
