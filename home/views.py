"""The site's search page, one per locale (``/search/``, ``/ru/search/``, ``/en/search/``), and
``/robots.txt`` and ``/favicon.ico``."""

from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from engagement.public.search import search_events
from engagement.services.search import MAX_QUERY_LENGTH, clean_search_query

RESULTS_PER_PAGE = 12


def search(request):
    """Wagtail search over the live, public pages of the active language only."""
    # SearchQueryMiddleware has cleaned ?q= already; the text as typed tells if it was cut.
    raw = getattr(request, "raw_search_query", None) or request.GET.get("q", "")
    query = terms = clean_search_query(request.GET.get("q", ""))
    error = None
    results = page_obj = paginator = elided = None
    events = []
    if len(" ".join(raw.split())) > MAX_QUERY_LENGTH:
        error = _("The search text is too long: use at most %(count)d characters.") % {
            "count": MAX_QUERY_LENGTH
        }
    elif terms:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        paginator = Paginator(pages.search(terms), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        results = page_obj.object_list
        elided = paginator.get_elided_page_range(page_obj.number)
        if page_obj.number == 1:
            events = search_events(terms)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "error": error,
            "results": results,
            "events": events,
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
