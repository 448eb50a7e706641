"""Open data: published events and statistics as JSON, statistics as CSV.

Read-only, public, cacheable (``Cache-Control: public, max-age=ENGAGEMENT_OPEN_DATA_MAX_AGE``).
No personal data: no organiser, no free text an organiser typed about people (cancellation
reasons, descriptions). Filters are those of the statistics page (``project``, ``district``,
``year``) plus ``count_kind`` and ``status``; an unknown or malformed value is a 400 with a
message per parameter, in the language of the URL.

Readable by people and programs: JSON is UTF-8 text (Kazakh and Russian letters as they are,
not ``\\u`` escapes) with the charset in ``Content-Type``; every answer, refusals included,
carries ``Access-Control-Allow-Origin: *`` (any site's scripts may read it: the data are public
and nothing depends on cookies) and names the licence (``ENGAGEMENT_OPEN_DATA_LICENCE``): a
``licence`` object in JSON, and a ``Link: <...>; rel="license"`` header (RFC 8288) on every
response. CSV has no comment syntax, and a comment line would be read as a data row by
spreadsheets, ``csv.DictReader`` and pandas alike, so the CSV names its licence in that header
only; the statistics page says it in words next to the links.
"""

import csv
import datetime
import functools

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from engagement import conf
from engagement.exports import neutralise
from engagement.models import BREAKDOWN_FIELDS, Event, EventStatus
from engagement.models.i18n import active_language_code
from engagement.stats import cache as stats_cache
from engagement.stats import get_region_statistics, get_statistics, presentation
from engagement.stats.catalogue import Catalogue
from engagement.stats.counting import local_midnight, published_events
from engagement.stats.forms import EventDataForm, StatisticsDataForm

GROUPS = tuple(name.removeprefix("participants_") for name in BREAKDOWN_FIELDS)


def public(response):
    patch_cache_control(response, public=True, max_age=conf.open_data_max_age())
    return response


def licence_document():
    """The licence as the JSON documents give it: ``{"name", "spdx", "url"}``."""
    return conf.open_data_licence()


def with_open_data_headers(response):
    """Let any origin's scripts read ``response`` (and its ``Link``), and name the licence."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Link"
    response["Link"] = f'<{conf.open_data_licence()["url"]}>; rel="license"'
    return response


def open_data_view(view):
    """A public open-data view: GET only, and every answer (a 400 or a 405 too) goes through
    :func:`with_open_data_headers`."""
    view = require_GET(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return with_open_data_headers(view(request, *args, **kwargs))

    return wrapped


def json_response(data, status=200):
    return JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


def refused(form, licence=False):
    """A 400 with a message per refused parameter (``licence``: name it, as open data do)."""
    document = {"detail": _("Some filter values are not valid."), "errors": form.error_dict()}
    if licence:
        document = {"licence": licence_document(), **document}
    response = json_response(document, status=400)
    patch_cache_control(response, no_store=True)
    return response


def filters_of(form):
    data = form.valid_data
    return {
        "project": [form.catalogue.project(pk).slug for pk in data.get("project", [])],
        "district": [form.catalogue.place(pk).slug for pk in data.get("district", [])],
        "year": data.get("year"),
        "count_kind": list(data.get("count_kind") or []),
        "status": data.get("status") or None,
    }


def region_rows(regions, catalogue):
    """``(slug, name, Figures)`` of each region, counted by the region of the event's day."""
    return [
        (catalogue.place(pk).slug, catalogue.place(pk).name, figures)
        for pk, figures in regions.items()
    ]


def statistics_document(statistics, catalogue, filters, regions=None):
    """The statistics as a JSON-ready dict (also used by the admin's scoped endpoint).

    ``regions`` (from :func:`~engagement.stats.get_region_statistics`), when given, adds
    ``by_region``: each event under the region its district belonged to on the event's day.
    """
    document = {
        "filters": filters,
        "definition": str(presentation.PARTICIPANTS_DEFINITION),
        "computed_at": statistics.computed_at.isoformat() if statistics.computed_at else None,
        "totals": statistics.total.as_dict(),
        "by_project": [
            {"slug": row.key, "name": row.name, **row.figures.as_dict()}
            for row in presentation.project_rows(statistics, catalogue)
        ],
        "by_district": [
            {"slug": row.key, "name": row.name, **row.figures.as_dict()}
            for row in presentation.district_rows(statistics, catalogue)
        ],
        "by_month": [
            {"month": month.strftime("%Y-%m"), **figures.as_dict()}
            for month, figures in statistics.by_month.items()
        ],
    }
    if regions is not None:
        document["by_region"] = [
            {"slug": slug, "name": name, **figures.as_dict()}
            for slug, name, figures in region_rows(regions, catalogue)
        ]
    return document


def statistics_data(request, scope=None):
    """``(form, statistics, catalogue)``; statistics is ``None`` when the form is invalid."""
    catalogue = Catalogue()
    form = StatisticsDataForm(request.GET, catalogue=catalogue, scope=scope)
    if not form.is_valid():
        return form, None, catalogue
    return form, get_statistics(form.query(), scope=scope), catalogue


@open_data_view
def statistics_json(request):
    form, statistics, catalogue = statistics_data(request)
    if statistics is None:
        return refused(form, licence=True)
    regions = get_region_statistics(form.query())
    return public(json_response({
        "licence": licence_document(),
        **statistics_document(statistics, catalogue, filters_of(form), regions=regions),
    }))


CSV_COLUMNS = ("dimension", "key", "name", "events", "participants", *GROUPS, "not_broken_down")


class _Echo:
    def write(self, value):
        return value


def statistics_csv_rows(statistics, catalogue, regions=None):
    """Rows of the CSV: the total, then by project, by district, by region (when given) and by
    month."""
    def row(dimension, key, name, figures):
        return [dimension, key, neutralise(name), figures.events, figures.participants,
                *figures.breakdown, figures.not_broken_down]

    yield row("total", "", "", statistics.total)
    for item in presentation.project_rows(statistics, catalogue):
        yield row("project", item.key, item.name, item.figures)
    for item in presentation.district_rows(statistics, catalogue):
        yield row("district", item.key, item.name, item.figures)
    for slug, name, figures in region_rows(regions or {}, catalogue):
        yield row("region", slug, name, figures)
    for month, figures in statistics.by_month.items():
        yield row("month", month.strftime("%Y-%m"), "", figures)


@open_data_view
def statistics_csv(request):
    form, statistics, catalogue = statistics_data(request)
    if statistics is None:
        return refused(form, licence=True)
    writer = csv.writer(_Echo())
    body = "".join(
        writer.writerow(values)
        for values in [CSV_COLUMNS, *statistics_csv_rows(
            statistics, catalogue, get_region_statistics(form.query())
        )]
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statistics.csv"'
    return public(response)


EVENT_FIELDS = (
    "pk", "translation_key", "title", "start", "end", "cancelled", "project_id", "district_id",
    "settlement_id", "format", "accessibility", "venue_address", "participants", "count_kind",
    *BREAKDOWN_FIELDS,
)


def _event_status(row, now):
    if row["cancelled"]:
        return EventStatus.CANCELLED
    return EventStatus.PLANNED if row["start"] > now else EventStatus.HELD


def _filtered_events(form):
    data = form.valid_data
    events = published_events()
    if data.get("project"):
        events = events.filter(project_id__in=data["project"])
    if data.get("district"):
        events = events.filter(district_id__in=data["district"])
    if data.get("count_kind"):
        events = events.filter(count_kind__in=data["count_kind"])
    if data.get("year"):
        events = events.filter(
            start__gte=local_midnight(datetime.date(data["year"], 1, 1)),
            start__lt=local_midnight(datetime.date(data["year"] + 1, 1, 1)),
        )
    if data.get("status"):
        events = events.with_status(data["status"])
    return events.order_by("-start", "-pk")


class CountCachingPaginator(Paginator):
    """Counts through the statistics cache: the count changes only when events change."""

    cache_parts = None

    @cached_property
    def count(self):
        if self.cache_parts is None:
            return self.object_list.count()
        return stats_cache.get_or_compute(
            self.cache_parts, lambda: (self.object_list.count(), None)
        )


@open_data_view
def events_json(request):
    catalogue = Catalogue()
    form = EventDataForm(
        request.GET, catalogue=catalogue, max_page_size=conf.open_data_max_page_size()
    )
    if not form.is_valid():
        return refused(form, licence=True)
    page_size = form.cleaned_data.get("page_size") or conf.open_data_page_size()
    paginator = CountCachingPaginator(_filtered_events(form).values(*EVENT_FIELDS), page_size)
    if form.cleaned_data.get("status") not in ("held", "planned"):  # those change with time
        paginator.cache_parts = ("events-count", sorted(filters_of(form).items()))
    number = form.cleaned_data.get("page") or 1
    if number > paginator.num_pages:
        form.add_error("page", _("There is no page %(page)s; the last page is %(last)s.")
                       % {"page": number, "last": paginator.num_pages})
        return refused(form, licence=True)
    page = paginator.page(number)
    rows = list(page.object_list)
    titles = dict(
        Event.objects.filter(
            translation_key__in=[row["translation_key"] for row in rows],
            locale__language_code=active_language_code(), live=True,
        ).values_list("translation_key", "title")
    )
    now = timezone.now()
    zone = conf.event_time_zone()

    def place(pk, start):
        if pk is None:
            return None
        entry = catalogue.place(pk)
        former = catalogue.former_name_on(pk, timezone.localtime(start, zone).date())
        return {"slug": entry.slug, "name": entry.name, "kato": entry.kato or None,
                "former_name": former or None}

    def page_url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    results = [
        {
            "id": str(row["translation_key"]),
            "title": titles.get(row["translation_key"], row["title"]),
            "start": timezone.localtime(row["start"], zone).isoformat(),
            "end": timezone.localtime(row["end"], zone).isoformat(),
            "status": _event_status(row, now).value,
            "project": {
                "slug": catalogue.project(row["project_id"]).slug,
                "name": catalogue.project(row["project_id"]).name,
            },
            "district": place(row["district_id"], row["start"]),
            "settlement": place(row["settlement_id"], row["start"]),
            "venue_address": row["venue_address"],
            "format": row["format"],
            "accessibility": row["accessibility"],
            "participants": row["participants"],
            "count_kind": row["count_kind"] or None,
            "breakdown": {group: row[name] for group, name in zip(GROUPS, BREAKDOWN_FIELDS,
                                                                  strict=True)},
        }
        for row in rows
    ]
    return public(json_response({
        "licence": licence_document(),
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "page_size": page_size,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "filters": filters_of(form),
        "results": results,
    }))
