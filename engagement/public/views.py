"""The routes of :class:`~engagement.public.models.EventCalendarPage` (list, month, event, iCal)."""

import calendar
import datetime
import json
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.html import _json_script_escapes
from django.utils.translation import gettext as _

from engagement import conf
from engagement.models import Accessibility, EventFormat
from engagement.stats.catalogue import Catalogue
from engagement.stats.counting import local_date, month_start, next_month

from . import feed, ical
from .events import (
    LIST_DEFERRED,
    UpcomingThenPast,
    active_locale,
    find_event,
    public_events,
    wrap,
)
from .filters import CalendarFilterForm
from .ids import event_slug

PER_PAGE = 20
#: Events shown in a day of the month grid; the day's link lists them all.
EVENTS_PER_DAY = 3
#: The iCal feed covers events that ended at most this many days ago, and every later one.
FEED_PAST_DAYS = 90
FIRST_YEAR, LAST_YEAR = 2000, 2100


def event_months():
    """The months (first days, newest first) from the first to the last public event.

    Cached under the statistics version, which every change to an event bumps.
    """
    from django.core.cache import cache

    from engagement.stats.cache import current_version, has_uncommitted_changes

    # A connection with an uncommitted event change neither reads nor fills the cache.
    fresh = has_uncommitted_changes()
    key = f"engagement:calendar:months:{current_version()}"
    bounds = None if fresh else cache.get(key)
    if bounds is None:
        # Two walks of the start index, each stopping at its first public event (an aggregate
        # would read every event).
        events = public_events().values_list("start", flat=True)
        bounds = {"first": events.order_by("start").first(),
                  "last": events.order_by("-start").first()}
        if not fresh:
            cache.set(key, bounds, conf.stats_cache_timeout())
    if not bounds["first"]:
        return []
    month, last = month_start(local_date(bounds["first"])), month_start(local_date(bounds["last"]))
    months = []
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months[::-1]


def _form(request, catalogue):
    return CalendarFilterForm(request.GET or None, catalogue=catalogue, months=event_months())


def _common(page, request, form, *, feed_query=None, hide_month=False):
    """Context shared by the list and the month view: filters, notices, feed links."""
    refused = form.error_list()
    feed_query = form.query_string(day=False) if feed_query is None else feed_query
    feed_url = request.build_absolute_uri(f"{page.url}ical/{feed_query}")
    return {
        "base_template": conf.base_template(),
        "form": form,
        "refused": refused,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "selects": form.select_fields(hide_month=hide_month),
    }


def _page_number(request):
    """``(number, notice)``: an invalid ``?page=`` is named and page 1 shown."""
    value = request.GET.get("page")
    if value is None or (value.isdigit() and int(value) >= 1):
        return value or 1, None
    return 1, _("There is no page “%(value)s”: the first page is shown.") % {"value": value}


def _fragment(page, request, parts, build):
    """What ``build()`` makes for a page's content (a dict: the HTML under ``"content"`` and
    the few values the rest of the page needs), cached under the statistics version (every
    change to an event bumps it), the calendar page's publication, the language, the host and
    ``parts``.

    ``build()`` returns ``(value, valid until)``: a datetime past which the value is no longer
    true (the list's upcoming events change parts as they end), or None. Previews are never
    cached.
    """
    from django.utils.translation import get_language

    from engagement.stats.cache import get_or_compute

    if getattr(request, "is_preview", False):
        return build()[0]

    def compute():
        value, until = build()
        return ({"value": value, "until": until},
                None if until is None else (until - timezone.now()).total_seconds())

    parts = ("calendar-html", page.pk, page.last_published_at, page.url, get_language(),
             request.scheme, request.get_host(), *parts)
    cached = get_or_compute(parts, compute)
    if cached["until"] is not None and cached["until"] < timezone.now():
        # Stored a moment before it went stale (the cache's timeouts are whole seconds).
        cached = compute()[0]
    return cached["value"]


def _render_content(page, request, template, context):
    from django.template.loader import render_to_string

    return render_to_string(template, {**page.get_context(request), **context}, request)


def event_list(page, request):
    def build():
        catalogue = Catalogue()
        form = _form(request, catalogue)
        filtered = form.apply(public_events())
        events = UpcomingThenPast(filtered, cache_parts=(form.query_string(),))
        number, page_notice = _page_number(request)
        paginator = Paginator(events, PER_PAGE)
        page_obj = paginator.get_page(number)
        if page_notice is None and str(page_obj.number) != str(number):
            page_notice = _("There is no page “%(value)s”: the nearest page is shown.") % {
                "value": number
            }
        rows = wrap(page_obj.object_list, active_locale(), base_url=page.url,
                    defer=LIST_DEFERRED)
        query = form.query_string()
        page_query = query + (("&" if query else "?") + f"page={page_obj.number}"
                              if page_obj.number > 1 else "")
        today = timezone.localdate(timezone=conf.event_time_zone())
        common = _common(page, request, form)
        context = {
            **common,
            "events": rows,
            "page_obj": page_obj,
            "paginator": paginator,
            "elided_page_range": paginator.get_elided_page_range(page_obj.number),
            "filter_query": query,
            "page_notice": page_notice,
            # Held events only (a statistics figure's list): their headcounts add up as there.
            "participants_total": filtered.aggregate(
                total=Sum("participants", default=0))["total"] if form.held_only else None,
            "names": catalogue,
            "this_month_url": _month_url(page, today, form),
        }
        content = _render_content(
            page, request, "engagement/public/includes/calendar_content.html", context)
        # True until the next upcoming event ends (it moves to the past events) or the day
        # changes (the link to this month).
        until = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(),
                                          tzinfo=conf.event_time_zone())
        if events._counts["next_end"] is not None:
            until = min(until, events._counts["next_end"])
        return {"content": content, "feed_url": common["feed_url"],
                "page_query": page_query}, until

    value = _fragment(page, request, ("list", request.META.get("QUERY_STRING", "")), build)
    context = {
        "base_template": conf.base_template(),
        "content": value["content"],
        "feed_url": value["feed_url"],
        "language_urls": page.language_urls(request, query=value["page_query"]),
    }
    return page.render(request, context_overrides=context,
                       template="engagement/public/calendar_page.html")


def _month_url(page, month, form):
    return f"{page.url}{month.year}/{month.month:02d}/{form.query_string(month=False, day=False)}"


def month_grid(month, events, counts):
    """Weeks (Monday first) of cells ``{day, in_month, events, more}`` for the month view.

    ``events``: the shown events (the first ``EVENTS_PER_DAY`` of each day); ``counts``:
    ``{day: number of events}``.
    """
    by_day = defaultdict(list)
    for event in events:
        by_day[event.start.date()].append(event)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        cells = []
        for day in week:
            in_month = day.month == month.month
            count = counts.get(day, 0) if in_month else 0
            cells.append({
                "day": day, "in_month": in_month,
                "events": by_day.get(day, [])[:EVENTS_PER_DAY] if in_month else [],
                "count": count, "more": max(0, count - EVENTS_PER_DAY),
            })
        weeks.append(cells)
    return weeks


def _month_events(queryset):
    """``(first EVENTS_PER_DAY original rows of each day, {day: count})`` of a month.

    Two queries: the start of every event of the month (a few hundred pairs at most), then the
    rows of the ones the grid shows.
    """
    zone = conf.event_time_zone()
    counts, shown = defaultdict(int), []
    for pk, start in queryset.values_list("pk", "start"):
        day = timezone.localtime(start, zone).date()
        counts[day] += 1
        if counts[day] <= EVENTS_PER_DAY:
            shown.append(pk)
    rows = (queryset.filter(pk__in=shown).select_related("locale").defer(*LIST_DEFERRED)
            if shown else [])
    return list(rows), dict(counts)


def month_view(page, request, year, month):
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
    first = datetime.date(year, month, 1)

    def build():
        catalogue = Catalogue()
        form = _form(request, catalogue)
        queryset = form.apply(public_events(), month=first, use_day=False).order_by("start",
                                                                                    "pk")
        originals, counts = _month_events(queryset)
        events = wrap(originals, active_locale(), base_url=page.url, defer=LIST_DEFERRED)
        previous_month = month_start(first - datetime.timedelta(days=1))
        following_month = next_month(first)
        keep = form.query_string(month=False, day=False)
        day_query = [(name, value) for name, value in form.params(month=False, day=False)]
        # The page's URL once, not a {% pageurl %} (a page-tree walk) per day of the grid.
        page_url = page.get_url(request)
        weeks = month_grid(first, events, counts)
        day_link = f"{page_url}?{urlencode(day_query)}&day=" if day_query else f"{page_url}?day="
        for week in weeks:
            for cell in week:
                cell["url"] = f"{day_link}{cell['day']:%Y-%m-%d}"
        context = {
            **_common(page, request, form,
                      feed_query=f"{keep}{'&' if keep else '?'}month={first:%Y-%m}",
                      hide_month=True),
            "month": first,
            "weeks": weeks,
            "page_url": page_url,
            "weekdays": [(WEEKDAYS[number], WEEKDAYS_ABBR[number]) for number in range(7)],
            "event_count": sum(counts.values()),
            "previous_url": _month_url(page, previous_month, form),
            "next_url": _month_url(page, following_month, form),
            "previous_month": previous_month,
            "next_month": following_month,
            "list_url": f"{page.url}?{urlencode([*day_query, ('month', f'{first:%Y-%m}')])}",
            "day_query": urlencode(day_query),
            "names": catalogue,
        }
        content = _render_content(
            page, request, "engagement/public/includes/month_content.html", context)
        return {"content": content, "keep": keep}, None

    value = _fragment(page, request,
                      ("month", first, request.META.get("QUERY_STRING", "")), build)
    context = {
        "base_template": conf.base_template(),
        "content": value["content"],
        "month": first,
        "language_urls": page.language_urls(request, f"{year}/{month:02d}/",
                                             query=value["keep"]),
    }
    return page.render(request, context_overrides=context,
                       template="engagement/public/month_page.html")


def _absolute(request, url):
    return request.build_absolute_uri(url)


def google_calendar_url(event, url, location):
    fmt = "%Y%m%dT%H%M%SZ"
    start, end = (value.astimezone(datetime.UTC) for value in (event.start, event.end))
    details = "\n\n".join(part for part in (ical.plain_text(event.shown.description), url) if part)
    params = {
        "action": "TEMPLATE", "text": event.title, "dates": f"{start:{fmt}}/{end:{fmt}}",
        "details": details, "location": location, "ctz": conf.get("ENGAGEMENT_EVENT_TIME_ZONE"),
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def share_links(url, title):
    return [
        ("Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]


ATTENDANCE_MODES = {
    EventFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def json_ld(event, url, names, images):
    """The schema.org ``Event`` of the page, as a string safe inside ``<script>``."""
    original = event.original
    address = {"@type": "PostalAddress", "addressCountry": "KZ",
               "addressRegion": names.place(original.district_id).name}
    if event.shown.venue_address:
        address["streetAddress"] = event.shown.venue_address
    if original.settlement_id:
        address["addressLocality"] = names.place(original.settlement_id).name
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled" if event.cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(original.format),
        "location": {"@type": "Place", "name": event.shown.venue_address or address[
            "addressRegion"], "address": address},
        "url": url,
        "inLanguage": event.text_language,
        "organizer": {"@type": "Organization", "name": names.project(original.project_id).name},
    }
    description = ical.plain_text(event.shown.description)
    if description:
        data["description"] = description
    if images:
        data["image"] = images
    return json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)


def _photos(event, request):
    """``(stream value, absolute image URLs)`` of the event's gallery."""
    photos = event.shown.photos or event.original.photos
    urls = []
    for block in photos:
        for item in block.value.get("images", []):
            if item.get("image"):
                urls.append(item["image"].file.url)
    return photos, [request.build_absolute_uri(url) for url in urls[:5]]


def _related_news(event):
    news = event.original.related_news
    if news is None:
        return None
    localized = news.localized
    return localized if localized.live else (news if news.live else None)


def event_page(page, request, short, slug):
    locale = active_locale()
    event = find_event(short, locale, base_url=page.url)
    if event is None:
        raise Http404
    if slug != event.slug:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(event.url + (f"?{query}" if query else ""))
    names = Catalogue()
    url = _absolute(request, event.url)
    location = ical.location_of(event, names)
    photos, image_urls = _photos(event, request)
    original = event.original
    # Every language links the event: untranslated, it is shown there in its original.
    suffixes = {
        code: f"{event.short_id}-{event_slug_for(event.translations.get(code, original))}/"
        for code, _name in settings.LANGUAGES
    }
    context = {
        "base_template": conf.base_template(),
        "event": event,
        "names": names,
        "project": names.project(original.project_id),
        "district": names.place(original.district_id),
        "settlement": names.place(original.settlement_id) if original.settlement_id else None,
        "photos": photos,
        "related_news": _related_news(event),
        "absolute_url": url,
        "google_calendar_url": google_calendar_url(event, url, location),
        "share_links": share_links(url, event.title),
        "json_ld": json_ld(event, url, names, image_urls),
        "accessible": original.accessibility == Accessibility.ACCESSIBLE,
        "accessibility_unknown": original.accessibility == Accessibility.UNKNOWN,
        "language_urls": page.language_urls(request, suffixes),
        "project_url": f"{page.url}?project={names.project(original.project_id).slug}",
    }
    return page.render(request, context_overrides=context,
                       template="engagement/public/event_page.html")


def event_slug_for(row):
    return event_slug(row.title)


def _ical_response(content, filename, attachment=False):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    # Public events, no cookies involved: any site's calendar widget may read the feed.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _feed_cache_key(page, request):
    """The whole feed's cache key: the statistics version (bumped by every change to an
    event), the page, its language, the host, the query and the hour (the window moves)."""
    from django.utils.translation import get_language

    from engagement.stats.cache import cache_key

    hour = timezone.now().strftime("%Y%m%d%H")
    return cache_key("calendar-feed", page.pk, get_language(),
                     request.get_host(), request.META.get("QUERY_STRING", ""), hour)


def calendar_feed(page, request):
    from django.core.cache import cache

    from engagement.stats.cache import has_uncommitted_changes

    cacheable = not has_uncommitted_changes()
    key = _feed_cache_key(page, request) if cacheable else None
    content = cache.get(key) if cacheable else None
    if content is None:
        content = _calendar_feed_content(page, request)
        if cacheable:
            cache.set(key, content, ical.CACHE_TIMEOUT)
    return _ical_response(content, "events.ics")


def _calendar_feed_content(page, request):
    catalogue = Catalogue()
    form = CalendarFilterForm(request.GET or None, catalogue=catalogue)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    queryset = (
        form.apply(public_events(), use_day=False).filter(end__gte=since).order_by("start", "pk")
    )
    return feed.feed_bytes(queryset, active_locale(), catalogue, request, page.url,
                           name=page.title)


def event_feed(page, request, short):
    event = find_event(short, active_locale(), base_url=page.url)
    if event is None:
        raise Http404
    content = ical.calendar_bytes([event], Catalogue(), request, name=event.title)
    return _ical_response(content, f"event-{event.short_id}.ics", attachment=True)
