"""iCalendar (RFC 5545) for the public events, written with the ``icalendar`` package.

* ``UID`` is ``<translation key>@<site host name>``: the same across edits and languages.
* ``DTSTART;TZID=Asia/Almaty`` (the event time zone) with a ``VTIMEZONE`` generated from the
  zone's rules (``tzdata``) over the feed's dates: +06 before 2024-03-01, +05 after.
* ``SEQUENCE`` is the number of seconds from 2020-01-01 to the event's last publication (of
  its original or its shown translation): every published change makes it grow, without a
  counter to store. ``DTSTAMP`` is that publication time.
* ``STATUS`` is ``CANCELLED`` for a cancelled event (its reason in the description), else
  ``CONFIRMED``; ``URL`` is the event page.

Building an event with ``icalendar``'s objects costs ~0.2 ms, so ``VEVENT`` texts are written
line by line by :func:`write_vevent` (the same bytes as ``build_vevent(...).to_ical()``, which
the tests check, with ``icalendar``'s own escaping and folding). The calendar's feed, which
writes thousands of them from plain values, is in ``feed.py``.
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


@functools.lru_cache(maxsize=8192)  # a feed's events share many times: formatted once each
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
    times faster, see :func:`write_vevent`). ``tzid`` (the event time zone's name) spares a
    settings look-up per event."""
    original, shown = event.original, event.shown
    return write_vevent(
        title=shown.title, start=original.start, end=original.end,
        changed=event.last_changed, uid=f"{original.translation_key}@{host}",
        project=names.project(original.project_id).name, description=shown.description,
        cancelled=original.cancelled,
        reason=shown.cancellation_reason or original.cancellation_reason,
        location=location_of(event, names), url=absolute_url,
        tzid=tzid or conf.get("ENGAGEMENT_EVENT_TIME_ZONE"),
    )


#: Characters that ``_escape`` changes: text without them is written as it is.
_NEEDS_ESCAPE = re.compile(r"[\\;,\r\n]")


def write_vevent(*, title, start, end, changed, uid, project, description, cancelled, reason,
                 location, url, tzid):
    """The bytes of a ``VEVENT`` from its values: the properties in ``icalendar``'s order
    (its canonical ones, then the others alphabetically), text escaped as ``icalendar``
    escapes it and lines folded as it folds them.

    Args:
        changed: the last publication (``SEQUENCE``, ``DTSTAMP``), or None (then the start).
        description: rich text (made plain here); ``reason``: the cancellation's, if any.
        location: the plain ``LOCATION`` text, or ``""``.
    """
    zone = _zone(tzid)
    stamp = _utc(changed or start)
    lines = [
        b"BEGIN:VEVENT",
        _line("SUMMARY", _text(title)),
        _line(f"DTSTART;TZID={tzid}", _local(start, zone)),
        _line(f"DTEND;TZID={tzid}", _local(end, zone)),
        _line("DTSTAMP", stamp),
        _line("UID", _text(uid)),
        _line("SEQUENCE", sequence_of(changed)),
    ]
    if project:
        lines.append(_line("CATEGORIES", _text(project)))
    description = plain_text(description)
    if cancelled:
        description = "\n\n".join(part for part in (reason, description) if part)
    if description:
        lines.append(_line("DESCRIPTION", _text(description)))
    lines.append(_line("LAST-MODIFIED", stamp))
    if location:
        lines.append(_line("LOCATION", _text(location)))
    lines.append(b"STATUS:CANCELLED" if cancelled else b"STATUS:CONFIRMED")
    lines.append(_line("URL", url))
    lines.append(b"END:VEVENT\r\n")
    return b"\r\n".join(lines)


def _text(value):
    return _escape(value) if _NEEDS_ESCAPE.search(value) else value


@functools.lru_cache(maxsize=8192)
def _local(value, zone):
    return value.astimezone(zone).strftime("%Y%m%dT%H%M%S")


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
