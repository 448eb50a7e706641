"""The calendar's iCal feed: thousands of ``VEVENT`` s written from plain values.

A feed at 30,000 events holds some 5,400 (the last 90 days and all future ones). Its cost is
per event, so each step avoids per-event overhead:

* the rows are read with ``values_list`` (tuples, no model instance), the texts only when
  some event must be written;
* the written ``VEVENT`` s of one feed (its URL, host and language) are kept in the cache as
  **one** entry, a dict ``{(original id, shown id, last change): bytes}``: one ``get`` and
  at most one ``set`` per request rather than a cache key (hashed, validated, pickled) per
  event. After a change to one event, only that event is written again. The entry also
  holds a fingerprint of the names the events show (projects, places), so renaming a
  project or a place writes the feed afresh;
* URLs and slugs are made by :func:`~engagement.public.ids.event_slug` and a one-pass
  ``iri_to_uri``; text is escaped only when it holds a character that needs it.

The bytes are those of :func:`~engagement.public.ical.build_vevent` (``icalendar``), which the
tests compare.
"""

import datetime
import hashlib
import uuid

from django.core.cache import cache
from django.db import models
from django.db.models import ExpressionWrapper, F
from django.utils import timezone

from engagement import conf
from engagement.models import Event

from . import ical
from .ids import SHORT_ID_LENGTH, event_slug

#: Bump when the bytes of an event change for the same data (a new property, say).
STORE_VERSION = 2
#: The texts of at most this many missing events are read by id; more, by the feed's query.
MISSING_BY_ID = 500

KEY_FIELDS = ("pk", "raw_key", "locale_id", "raw_published", "raw_start", "raw_end")
TEXT_FIELDS = ("title", "venue_address", "description", "project_id", "district_id",
               "settlement_id", "cancelled", "cancellation_reason")
(PK, KEY, LOCALE, PUBLISHED, START, END, TITLE, ADDRESS, DESCRIPTION, PROJECT, DISTRICT,
 SETTLEMENT, CANCELLED, REASON) = range(len(KEY_FIELDS) + len(TEXT_FIELDS))


def _raw(name):
    # The column as the driver gives it, without Django's converter per value (~3 us each on
    # SQLite, four a row): a naive UTC datetime (made aware below only where needed) and the
    # key's hex digits on SQLite, an aware datetime and a UUID on PostgreSQL.
    return ExpressionWrapper(F(name), output_field=models.Field())


def _with_raw_times(queryset):
    return queryset.annotate(raw_key=_raw("translation_key"),
                             raw_published=_raw("last_published_at"), raw_start=_raw("start"),
                             raw_end=_raw("end"))


def _key_texts(value):
    """``(UUID text, hex)`` of a raw translation key (SQLite keeps its 32 hex digits)."""
    if isinstance(value, uuid.UUID):
        return str(value), value.hex
    value = value.replace("-", "")
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}", value


def _datetime(value):
    """An aware datetime of a raw value (SQLite keeps UTC without an offset)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value


def _key_stamp(value):
    """A raw publication time as a cache key part that pickles fast (a float)."""
    return None if value is None else _datetime(value).timestamp()


def store_key(request, host, language):
    """The cache key of a feed's written events (its URL, host and language)."""
    raw = f"{STORE_VERSION}|{host}|{language}|{request.get_full_path()}"
    return "engagement:ical:feed:" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324


def names_fingerprint(names):
    """A digest of the project and place names a feed shows (the same in every process)."""
    raw = repr((sorted((pk, entry.name) for pk, entry in names.projects.items()),
                sorted((pk, entry.name) for pk, entry in names.places.items())))
    return hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - a fingerprint


def feed_bytes(originals, locale, names, request, base_url, name=""):
    """The whole ``VCALENDAR`` of ``originals`` (a queryset of original rows, in order), each
    in ``locale``'s translation when it has a live one, as bytes.

    One query when every event is written already (two when some event is in another
    language), one more when some is not; a feed never written (or whose names changed)
    reads its texts with its keys in the first query.
    """
    host, language = ical.uid_host(request), locale.language_code
    key = store_key(request, host, language)
    fingerprint = names_fingerprint(names)
    store = cache.get(key)
    written = store["events"] if store and store["names"] == fingerprint else {}
    cold = not written
    fields = KEY_FIELDS + TEXT_FIELDS if cold else KEY_FIELDS
    rows = list(_with_raw_times(originals).values_list(*fields))
    translations = None
    if any(row[LOCALE] != locale.pk for row in rows):
        translations = _with_raw_times(Event.objects.filter(
            locale=locale, live=True, translation_key__in=originals.values("translation_key")))
    shown = {} if translations is None else {
        row[KEY]: row for row in translations.values_list(*fields)}
    pairs = [(row, shown.get(row[KEY], row)) for row in rows]
    keys = [(original[PK], row[PK], _key_stamp(_changed(original, row)))
            for original, row in pairs]
    missing = [index for index, event_key in enumerate(keys) if event_key not in written]
    events = {}
    if missing:
        texts = {} if cold else _texts(originals, translations, pairs, missing)
        writer = _Writer(names, request, host, base_url)
        for index in missing:
            original, row = pairs[index]
            if not cold:
                original, row = texts[original[PK]], texts[row[PK]]
            events[keys[index]] = writer.write(original, row)
    chunks = [events.get(event_key) or written[event_key] for event_key in keys]
    if missing or len(written) != len(keys):
        # Only this feed's events: entries of changed or dropped events go.
        cache.set(key, {"names": fingerprint, "events": dict(zip(keys, chunks, strict=True))},
                  ical.CACHE_TIMEOUT)
    first_day = last_day = None
    if rows:
        zone = conf.event_time_zone()
        first_day = timezone.localtime(_datetime(min(row[START] for row in rows)), zone).date()
        last_day = timezone.localtime(_datetime(max(row[END] for row in rows)), zone).date()
    return ical._calendar_head(name, first_day, last_day) + b"".join(chunks) + ical.TAIL


def _changed(original, shown):
    """When the event last changed publicly: the later publication of its two rows."""
    stamps = [stamp for stamp in (original[PUBLISHED], shown[PUBLISHED]) if stamp]
    return max(stamps) if stamps else None


def _texts(originals, translations, pairs, missing):
    """``{row id: row with texts}`` of the rows of the ``missing`` events."""
    wanted = {row[PK] for index in missing for row in pairs[index]}
    fields = KEY_FIELDS + TEXT_FIELDS
    if len(wanted) <= MISSING_BY_ID:
        rows = _with_raw_times(Event.objects.filter(pk__in=wanted)).values_list(*fields)
        return {row[PK]: row for row in rows}
    texts = {row[PK]: row for row in _with_raw_times(originals).values_list(*fields)}
    if translations is not None:
        texts.update((row[PK], row) for row in translations.values_list(*fields))
    return texts


class _Writer:
    """Writes the ``VEVENT`` of an (original, shown) pair of value rows."""

    def __init__(self, names, request, host, base_url):
        self.names, self.host, self.base_url = names, host, base_url
        self.tzid = conf.get("ENGAGEMENT_EVENT_TIME_ZONE")
        self.root = request.build_absolute_uri("/")[:-1]
        self.projects = {pk: entry.name for pk, entry in names.projects.items()}

    def location(self, original, shown):
        """``address, settlement, district`` (as ``ical.location_of``)."""
        parts = [shown[ADDRESS]]
        for pk in (original[SETTLEMENT], original[DISTRICT]):
            if pk:
                parts.append(self.names.place(pk).name)
        return ", ".join(dict.fromkeys(part for part in parts if part))

    def write(self, original, shown):
        project = self.projects.get(original[PROJECT])
        if project is None:
            project = self.names.project(original[PROJECT]).name
        uid, digits = _key_texts(original[KEY])
        path = f"{self.base_url}{digits[:SHORT_ID_LENGTH]}-{event_slug(shown[TITLE])}/"
        changed = _changed(original, shown)
        return ical.write_vevent(
            title=shown[TITLE], start=_datetime(original[START]), end=_datetime(original[END]),
            changed=changed and _datetime(changed), uid=f"{uid}@{self.host}",
            project=project, description=shown[DESCRIPTION], cancelled=original[CANCELLED],
            reason=shown[REASON] or original[REASON], location=self.location(original, shown),
            url=self.root + ical._iri_to_uri(path), tzid=self.tzid,
        )
