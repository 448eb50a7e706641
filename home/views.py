"""The site's search page, one per locale (``/search/``, ``/ru/search/``, ``/en/search/``)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
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
