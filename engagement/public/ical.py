"""iCalendar (RFC 5545) for the public events, written with the ``icalendar`` package.

* ``UID`` is ``<translation key>@<site host name>``: the same across edits and languages.
* ``DTSTART;TZID=Asia/Almaty`` (the event time zone) with a ``VTIMEZONE`` generated from the
  zone's rules (``tzdata``) over the feed's dates: +06 before 2024-03-01, +05 after.
* ``SEQUENCE`` is the number of seconds from 2020-01-01 to the event's last publication (of
  its original or its shown translation): every published change makes it grow, without a
  counter to store. ``DTSTAMP`` is that publication time.
* ``STATUS`` is ``CANCELLED`` for a cancelled event (its reason in the description), else
  ``CONFIRMED``; ``URL`` is the event page.

Building an event with ``icalendar``'s objects costs ~0.2 ms, so a feed's ``VEVENT`` texts are
written line by line by :func:`vevent_bytes` (the same bytes as ``build_vevent(...).to_ical()``,
which the tests check, with ``icalendar``'s own escaping and folding), and each is cached under
its translation key, language, host and last publication: a feed of thousands of events is
then mostly one ``get_many`` from the cache. :func:`feed_bytes` reads the rows as values, not
model instances, and reads the text fields only when some event is not cached.
"""

import datetime
import functools
import hashlib
import html
import re
import zoneinfo

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from engagement import conf

PRODID = "-//engagement//public events//EN"
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
CACHE_TIMEOUT = 24 * 3600
VEVENT_CACHE_VERSION = 1


def sequence_of(changed):
    """The ``SEQUENCE`` of an event last published at ``changed`` (grows with each change)."""
    if changed is None:
        return 0
    return max(0, int((changed - SEQUENCE_EPOCH).total_seconds()))


#: A start or end tag whose every ``<`` and ``>`` is its own (quoted attribute values without
#: them, no comment, doctype or processing instruction): ``strip_tags`` removes exactly it.
_SIMPLE_TAG = re.compile(
    r"</[a-zA-Z][a-zA-Z0-9]*\s*>"
    r"|<[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    r"""(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))?)*\s*/?>""")
#: Elements whose content ``HTMLParser`` reads as raw text (left to ``strip_tags``).
_RAW_TEXT = re.compile(r"<(?:script|style)\b", re.IGNORECASE)
#: A character reference ``strip_tags`` would rewrite (one without its ``;``).
_LOOSE_REFERENCE = re.compile(
    r"&(?![a-zA-Z][-.a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)[a-zA-Z#]")


def plain_text(rich_text):
    """The text of a rich text field: ``html.unescape(strip_tags(rich_text)).strip()``.

    ``strip_tags`` runs Python's ``HTMLParser`` at least twice (~0.3 ms a description, the
    largest part of a cold feed); rich text as Wagtail stores it (simple tags, references
    with their ``;``) is stripped by one regular expression with the same result (the tests
    compare the two on random markup), anything else by ``strip_tags`` itself.
    """
    rich_text = rich_text or ""
    if "<" in rich_text:
        text = _SIMPLE_TAG.sub("", rich_text)
        if "<" in text or _LOOSE_REFERENCE.search(text) or _RAW_TEXT.search(rich_text):
            text = strip_tags(rich_text)
    else:
        text = rich_text  # strip_tags leaves text without a tag as it is
    if "&" in text:
        text = html.unescape(text)
    return text.strip()


def location_of(event, names):
    """``address, settlement, district`` in the shown language (names from the catalogue)."""
    parts = [event.shown.venue_address]
    for pk in (event.original.settlement_id, event.original.district_id):
        if pk:
            parts.append(names.place(pk).name)
    seen, unique = set(), []
    for part in parts:
        if part and part not in seen:
            seen.add(part)
            unique.append(part)
    return ", ".join(unique)


def build_vevent(event, names, absolute_url, host):
    """The ``VEVENT`` of a :class:`~engagement.public.events.PublicEvent`."""
    zone = conf.event_time_zone()
    vevent = VEvent()
    vevent.add("uid", f"{event.original.translation_key}@{host}")
    changed = event.last_changed or event.original.start
    vevent.add("dtstamp", changed.astimezone(datetime.UTC))
    vevent.add("last-modified", changed.astimezone(datetime.UTC))
    vevent.add("sequence", sequence_of(event.last_changed))
    vevent.add("dtstart", timezone.localtime(event.original.start, zone))
    vevent.add("dtend", timezone.localtime(event.original.end, zone))
    vevent.add("summary", event.title)
    location = location_of(event, names)
    if location:
        vevent.add("location", location)
    description = plain_text(event.shown.description)
    if event.cancelled:
        vevent.add("status", "CANCELLED")
        reason = event.shown.cancellation_reason or event.original.cancellation_reason
        description = "\n\n".join(part for part in (reason, description) if part)
    else:
        vevent.add("status", "CONFIRMED")
    if description:
        vevent.add("description", description)
    vevent.add("url", absolute_url)
    project = names.project(event.original.project_id).name
    if project:
        vevent.add("categories", [project])
    return vevent


def _cache_key(event, host):
    return _key_of(event.original.translation_key, event.shown.pk, event.language, host,
                   event.base_url, event.last_changed)


def _key_of(translation_key, shown_pk, language, host, base_url, changed):
    changed = changed.isoformat() if changed else ""
    raw = (f"{VEVENT_CACHE_VERSION}|{translation_key}|{shown_pk}|{language}|{host}|{base_url}|"
           f"{changed}")
    return "engagement:ical:" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - a key


def _line(name, value):
    """A content line as UTF-8, folded as ``icalendar`` folds it (``_foldline``: at most 74
    octets a line, never inside a character, an escaping backslash kept with what it escapes),
    on bytes rather than character by character."""
    data = f"{name}:{value}".encode()
    if len(data) < 75:
        return data
    parts, position = [], 0
    while len(data) - position > 74:
        cut = position + 74
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: inside a character
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        parts.append(data[position:cut])
        position = cut
    parts.append(data[position:])
    return b"\r\n ".join(parts)


def _utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


@functools.lru_cache(maxsize=8)
def _zone(tzid):
    return zoneinfo.ZoneInfo(tzid)


def _escape(text):
    """``icalendar``'s ``_escape_char`` of a ``str`` (its replacements, in its order)."""
    return (text.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
            .replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n")
            .replace("\r", r"\n"))


#: A run of characters that ``iri_to_uri`` percent-encodes (it keeps these and ASCII letters
#: and digits as they are).
_URI_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-~/#%\[\]=:;$&()+,!?*@']+")


def _iri_to_uri(iri):
    """Django's ``iri_to_uri``, a run of characters at a time rather than byte by byte."""
    return _URI_UNSAFE.sub(lambda match: "%" + match.group().encode().hex("%").upper(), iri)


def vevent_bytes(event, names, absolute_url, host, tzid=None):
    """``build_vevent(event, names, absolute_url, host).to_ical()``, written directly (~20
    times faster): the properties in ``icalendar``'s order (its canonical ones, then the
    others alphabetically), text escaped as ``icalendar`` escapes it and lines folded as it
    folds them. ``tzid`` (the event time zone's name) spares a settings look-up per event."""
    tzid = tzid or conf.get("ENGAGEMENT_EVENT_TIME_ZONE")
    zone = _zone(tzid)
    original, shown = event.original, event.shown
    changed = event.last_changed or original.start
    stamp = _utc(changed)
    lines = [
        b"BEGIN:VEVENT",
        _line("SUMMARY", _escape(shown.title)),
        _line(f"DTSTART;TZID={tzid}", original.start.astimezone(zone).strftime("%Y%m%dT%H%M%S")),
        _line(f"DTEND;TZID={tzid}", original.end.astimezone(zone).strftime("%Y%m%dT%H%M%S")),
        _line("DTSTAMP", stamp),
        _line("UID", _escape(f"{original.translation_key}@{host}")),
        _line("SEQUENCE", sequence_of(event.last_changed)),
    ]
    project = names.project(original.project_id).name
    if project:
        lines.append(_line("CATEGORIES", _escape(project)))
    description = plain_text(shown.description)
    cancelled = original.cancelled
    if cancelled:
        reason = shown.cancellation_reason or original.cancellation_reason
        description = "\n\n".join(part for part in (reason, description) if part)
    if description:
        lines.append(_line("DESCRIPTION", _escape(description)))
    lines.append(_line("LAST-MODIFIED", stamp))
    location = location_of(event, names)
    if location:
        lines.append(_line("LOCATION", _escape(location)))
    lines.append(_line("STATUS", "CANCELLED" if cancelled else "CONFIRMED"))
    lines.append(_line("URL", absolute_url))
    lines.append(b"END:VEVENT\r\n")
    return b"\r\n".join(lines)


def uid_host(request):
    """The domain part of UIDs: the Wagtail site's host name, so that a UID does not change
    with the name the feed was fetched by."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return (site.hostname if site else "") or request.get_host().split(":")[0] or "localhost"


@functools.lru_cache(maxsize=64)
def _vtimezone_bytes(tzid, first_day, last_day):
    # Generating a VTIMEZONE walks the zone's rules (~12 ms): done once per range and zone.
    return Timezone.from_tzid(
        tzid, first_date=first_day - datetime.timedelta(days=1),
        last_date=last_day + datetime.timedelta(days=1),
    ).to_ical()


def vtimezone(first_day, last_day):
    """The ``VTIMEZONE`` of the event time zone between the two days."""
    tzid = conf.get("ENGAGEMENT_EVENT_TIME_ZONE")
    return Timezone.from_ical(_vtimezone_bytes(tzid, first_day, last_day))


def _calendar_head(name, first_day, last_day):
    """The calendar's own lines, without ``END:VCALENDAR`` (its events go after them)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conf.get("ENGAGEMENT_EVENT_TIME_ZONE"))
    if first_day:
        calendar.add_component(vtimezone(first_day, last_day))
    head = calendar.to_ical()
    return head[: head.rindex(b"END:VCALENDAR")]


TAIL = b"END:VCALENDAR\r\n"


def calendar_bytes(events, names, request, name=""):
    """The whole ``VCALENDAR`` of ``events`` (PublicEvent objects, in order) as bytes."""
    host = uid_host(request)
    first_day = last_day = None
    if events:
        zone = conf.event_time_zone()
        days = [timezone.localtime(event.original.start, zone).date() for event in events]
        days += [timezone.localtime(event.original.end, zone).date() for event in events]
        first_day, last_day = min(days), max(days)
    head, tail = _calendar_head(name, first_day, last_day), TAIL
    keys = [_cache_key(event, host) for event in events]
    cached = cache.get_many(keys) if events else {}
    chunks, fresh = [], {}
    for event, key in zip(events, keys, strict=True):
        chunk = cached.get(key)
        if chunk is None:
            url = request.build_absolute_uri(event.url)
            chunk = vevent_bytes(event, names, url, host)
            fresh[key] = chunk
        chunks.append(chunk)
    if fresh:
        cache.set_many(fresh, CACHE_TIMEOUT)
    return head + b"".join(chunks) + tail


class _Row:
    """An event row's fields as attributes, read with ``values()`` (no model instance)."""

    def __init__(self, values):
        self.__dict__.update(values)


#: What the cache keys of a feed need (and the time zone's range); the rest is read only for
#: the events that are not cached.
KEY_FIELDS = ("pk", "translation_key", "locale_id", "last_published_at", "start", "end")
TEXT_FIELDS = ("title", "venue_address", "description", "project_id", "district_id",
               "settlement_id", "cancelled", "cancellation_reason")


def _written_key(request, host, language):
    """The cache key that says a feed (its URL, host and language) was written."""
    raw = f"{VEVENT_CACHE_VERSION}|{host}|{language}|{request.get_full_path()}"
    return "engagement:ical:written:" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324


def feed_bytes(originals, locale, names, request, base_url, name=""):
    """The whole ``VCALENDAR`` of ``originals`` (a queryset of original rows, in order), each
    in ``locale``'s translation when it has a live one, as bytes.

    Two queries (three when some event is in another language) when every event is cached,
    two more when some is not; when this feed was never written since the cache was emptied,
    the first query reads the texts too (one query less).
    """
    from engagement.models import Event

    from .events import PublicEvent

    host, language = uid_host(request), locale.language_code
    written_key = _written_key(request, host, language)
    # Cold (this feed never written since the cache was emptied): every event will be missing,
    # so the text fields are read with the keys' rather than by a second pass of the query.
    cold = cache.get(written_key) is None
    fields = KEY_FIELDS + TEXT_FIELDS if cold else KEY_FIELDS
    rows = [_Row(values) for values in originals.values(*fields)]
    translations = None
    if any(row.locale_id != locale.pk for row in rows):
        translations = Event.objects.filter(
            locale=locale, live=True, translation_key__in=originals.values("translation_key"))
    shown = {} if translations is None else {
        row.translation_key: row for row in map(_Row, translations.values(*KEY_FIELDS))}
    events = [
        PublicEvent(original=row, shown=shown.get(row.translation_key, row), language=language,
                    base_url=base_url)
        for row in rows
    ]
    first_day = last_day = None
    if rows:
        zone = conf.event_time_zone()
        first_day = timezone.localtime(min(row.start for row in rows), zone).date()
        last_day = timezone.localtime(max(row.end for row in rows), zone).date()
    keys = [_key_of(event.original.translation_key, event.shown.pk, language, host, base_url,
                    event.last_changed) for event in events]
    cached = cache.get_many(keys) if keys else {}
    missing = [index for index, key in enumerate(keys) if key not in cached]
    fresh = {}
    if missing:
        tzid = conf.get("ENGAGEMENT_EVENT_TIME_ZONE")
        root = request.build_absolute_uri("/")[:-1]
        texts = {} if cold else {
            values["pk"]: values for values in originals.values("pk", *TEXT_FIELDS)}
        if translations is not None:
            texts.update((values["pk"], values)
                         for values in translations.values("pk", *TEXT_FIELDS))
        for index in missing:
            event = events[index]
            for row in {event.original, event.shown}:
                if row.pk in texts:
                    row.__dict__.update(texts[row.pk])
            url = root + _iri_to_uri(event.url)  # as build_absolute_uri(), once for the host
            fresh[keys[index]] = vevent_bytes(event, names, url, host, tzid)
        cache.set_many(fresh, CACHE_TIMEOUT)
    if cold:
        cache.set(written_key, True, CACHE_TIMEOUT)
    chunks = [cached.get(key) or fresh[key] for key in keys]
    return _calendar_head(name, first_day, last_day) + b"".join(chunks) + TAIL
