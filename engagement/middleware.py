"""Request middleware of the plugin (add both to ``MIDDLEWARE`` after ``CommonMiddleware``)."""

import logging

from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext

from engagement.services.search import clean_search_query

logger = logging.getLogger(__name__)

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


class NullCharacterQueryMiddleware:
    """Remove NUL characters from the query string's parameters (after search text is cleaned).

    Form fields already refuse NUL characters (Django's ``ProhibitNullCharactersValidator``),
    but views read query parameters directly (``?locale=``, ``?project=``, a filter's slug), and
    PostgreSQL refuses a NUL in any text it is asked to compare: a 500, not an answer. No
    legitimate link carries one; without it the parameter is what the view judges as usual (an
    unknown filter value is named in a notice, an API answers 400). Put it after
    :class:`SearchQueryMiddleware`, which cleans ``?q=`` itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            query = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                query.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            query._mutable = False
            request.GET = query
        return self.get_response(request)


#: What parsing tampered form data raises inside Django's and Wagtail's form code.
MALFORMED_DATA_ERRORS = (ValueError, KeyError, TypeError, IndexError, OverflowError)
#: Modules that read or re-render posted form data (widgets, fields, blocks, panels).
FORM_DATA_MODULES = (
    "django.forms.", "modelcluster.forms", "taggit.forms", "wagtail.admin.forms.",
    "wagtail.admin.panels.", "wagtail.admin.rich_text.", "wagtail.admin.widgets.",
    "wagtail.blocks.", "wagtail.fields", "wagtail.snippets.widgets",
)


def _raised_by_form_data(traceback):
    while traceback is not None:
        module = traceback.tb_frame.f_globals.get("__name__", "")
        if module.startswith(FORM_DATA_MODULES):
            return True
        traceback = traceback.tb_next
    return False


class MalformedAdminPostMiddleware:
    """Answer 400, not 500, to an admin POST whose form data Wagtail's widgets cannot read.

    Wagtail's widgets parse what the browser posts without guarding it: Draftail's rich text
    is ``json.loads``-ed, a StreamField's ``-count`` and ``-order`` are ``int()``-ed, its
    ``-deleted`` keys are looked up, choosers fetch the posted primary key when the form is
    shown again. None of that fails with a form the admin sent, only with a tampered one, so
    such an error is the client's: an exception of :data:`MALFORMED_DATA_ERRORS` raised from
    :data:`FORM_DATA_MODULES` while serving a POST to the admin becomes a 400 (and a warning in
    the log, with the traceback). Any other exception still reaches the 500 handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.urls import reverse

        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        if not isinstance(exception, MALFORMED_DATA_ERRORS):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if not _raised_by_form_data(exception.__traceback__):
            return None
        logger.warning("Malformed form data posted to %s", request.path, exc_info=exception)
        return HttpResponseBadRequest(
            gettext("The form data could not be read. Reload the page and try again."),
            content_type="text/plain; charset=utf-8",
        )
