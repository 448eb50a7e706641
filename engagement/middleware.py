"""Request middleware of the plugin (add it to ``MIDDLEWARE`` after ``CommonMiddleware``)."""

from engagement.services.search import clean_search_query

#: The query-string parameter that holds search text everywhere in Wagtail's admin.
SEARCH_PARAMETER = "q"


class SearchQueryMiddleware:
    """Clean the search text (``?q=``) of every request before any view reads it.

    Wagtail's admin reads ``q`` in many places (``SearchForm`` of generic index views and
    choosers, the page search with its own parser, image and document listings, reports), and
    none of them guards the search backend against malformed text. Replacing the parameter on
    the request is the one hook that reaches all of them, including views added later, and
    it touches nothing but that parameter. The text as typed stays in
    ``request.raw_search_query`` (for a view that wants to say it was too long).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.GET.get(SEARCH_PARAMETER)
        if raw is not None:
            request.raw_search_query = raw
            cleaned = clean_search_query(raw)
            if cleaned != raw:
                query = request.GET.copy()
                query.setlist(SEARCH_PARAMETER, [cleaned])
                query._mutable = False
                request.GET = query
        return self.get_response(request)
