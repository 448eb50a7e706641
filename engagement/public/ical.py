"""iCalendar (RFC 5545) for the public events, written with the ``icalendar`` package.

* ``UID`` is ``<translation key>@<site host name>``: the same across edits and languages.
* ``DTSTART;TZID=Asia/Almaty`` (the event time zone) with a ``VTIMEZONE`` generated from the
  zone's rules (``tzdata``) over the feed's dates: +06 before 2024-03-01, +05 after.
* ``SEQUENCE`` is the number of seconds from 2020-01-01 to the event's last publication (of
  its original or its shown translation): every published change makes it grow, without a
  counter to store. ``DTSTAMP`` is that publication time.
* ``STATUS`` is ``CANCELLED`` for a cancelled event (its reason in the description), else
  ``CONFIRMED``; ``URL`` is the event page.

Serialising one event costs ~0.2 ms, so each event's ``VEVENT`` text is cached under its
translation key, language, host and last publication: a feed of thousands of events is then
mostly one ``get_many`` from the cache.
"""

import datetime
import functools
import hashlib
import html

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


def plain_text(rich_text):
    return html.unescape(strip_tags(rich_text or "")).strip()


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
    changed = event.last_changed.isoformat() if event.last_changed else ""
    raw = (f"{VEVENT_CACHE_VERSION}|{event.original.translation_key}|{event.shown.pk}|"
           f"{event.language}|{host}|{event.base_url}|{changed}")
    return "engagement:ical:" + hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 - a key


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


def calendar_bytes(events, names, request, name=""):
    """The whole ``VCALENDAR`` of ``events`` (PublicEvent objects, in order) as bytes."""
    host = uid_host(request)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conf.get("ENGAGEMENT_EVENT_TIME_ZONE"))
    if events:
        zone = conf.event_time_zone()
        days = [timezone.localtime(event.original.start, zone).date() for event in events]
        days += [timezone.localtime(event.original.end, zone).date() for event in events]
        calendar.add_component(vtimezone(min(days), max(days)))
    head = calendar.to_ical()
    # The calendar's own lines end with "END:VCALENDAR"; the events go before it.
    head, tail = head[: head.rindex(b"END:VCALENDAR")], b"END:VCALENDAR\r\n"
    keys = [_cache_key(event, host) for event in events]
    cached = cache.get_many(keys) if events else {}
    chunks, fresh = [], {}
    for event, key in zip(events, keys, strict=True):
        chunk = cached.get(key)
        if chunk is None:
            url = request.build_absolute_uri(event.url)
            chunk = build_vevent(event, names, url, host).to_ical()
            fresh[key] = chunk
        chunks.append(chunk)
    if fresh:
        cache.set_many(fresh, CACHE_TIMEOUT)
    return head + b"".join(chunks) + tail
