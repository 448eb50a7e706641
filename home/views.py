"""The site's search page, one per locale (``/search/``, ``/ru/search/``, ``/en/search/``), and
``/robots.txt`` and ``/favicon.ico``."""

from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from engagement.public.search import count_events, search_events
from engagement.services.search import MAX_QUERY_LENGTH, clean_search_query

RESULTS_PER_PAGE = 12


def _live_pages(locale):
    return Page.objects.live().public().filter(locale=locale)


def matches_in_other_languages(terms, active):
    """``[{"language", "name", "count", "url"}]``: the other languages where ``terms`` match.

    The search page answers in its own language first; this says where else a person would
    find something (an article not translated yet, a query typed in the other language).
    """
    names = dict(settings.LANGUAGES)
    found = []
    for locale in Locale.objects.exclude(pk=active.pk).order_by("pk"):
        count = _live_pages(locale).search(terms).count() + count_events(terms, locale)
        if not count:
            continue
        with translation.override(locale.language_code):
            url = reverse("search") + "?" + urlencode({"q": terms})
        found.append({
            "language": locale.language_code,
            "name": names.get(locale.language_code, locale.language_code),
            "count": count,
            "url": url,
        })
    return found


def search(request):
    """Wagtail search over the live, public pages of the active language, then the others."""
    # SearchQueryMiddleware has cleaned ?q= already; the text as typed tells if it was cut.
    raw = getattr(request, "raw_search_query", None) or request.GET.get("q", "")
    query = terms = clean_search_query(request.GET.get("q", ""))
    error = None
    results = page_obj = paginator = elided = None
    total = 0
    events, elsewhere = [], []
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        error = _("The search text is too long: use at most %(count)d characters.") % {
            "count": MAX_QUERY_LENGTH
        }
    elif terms:
        active = Locale.get_active()
        pages = _live_pages(active).specific()
        paginator = Paginator(pages.search(terms), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        results = page_obj.object_list
        elided = paginator.get_elided_page_range(page_obj.number)
        # The count says what the whole search found: the pages and the events (which only
        # the first page lists), as the other languages' counts do.
        total = paginator.count + count_events(terms, active)
        if page_obj.number == 1:
            events = search_events(terms)
            elsewhere = matches_in_other_languages(terms, active)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "error": error,
            "results": results,
            "events": events,
            "elsewhere": elsewhere,
            "total": total,
            "page_obj": page_obj,
            "paginator": paginator,
            "elided_page_range": elided,
            "max_length": MAX_QUERY_LENGTH,
        },
    )


def robots_txt(request):
    """``/robots.txt``: every public page may be crawled, the admin not; names the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Allow: /", "Disallow: /admin/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


#: The icon browsers ask for at ``/favicon.ico`` whatever the page says.
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.ico"


def favicon(request):
    """``/favicon.ico``, the same file as the static one the pages link to."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
