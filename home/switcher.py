"""The language switcher: where each language's link goes, and the note on the page it opens.

The switcher never dead-ends. A page links to its own live translation in each language; where
there is none, it links to the nearest ancestor that has one (the news index for an article,
else the home page) with ``?untranslated=<id of the page>``, and that page says that the page
the reader came from is not translated, with a link to it in its own language.

Why a query parameter and not a session message: it works without JavaScript and without a
session, so an anonymous reader gets no cookie, and the note is a function of the URL alone:
any HTTP cache (nginx, a CDN, an anonymous page cache) can keep the page with the note as one
more URL, with no ``Vary: Cookie``, and a link with the note can be shared or bookmarked. It is
not part of the canonical URL (``site_tags.CANONICAL_PARAMETERS``), so search engines index the
page without it.

Filters are kept where the page opened understands them: a page class lists the GET parameters
it reads in ``language_switch_parameters`` (the news index: tag, project, year, page; the
statistics page: project, district, year). Routable pages (the event calendar) give their
routes in each language themselves (``language_urls`` in the template context).

Used by :func:`home.templatetags.site_tags.page_languages` and ``untranslated_note``.
"""

import re

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import Resolver404, resolve, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from wagtail.models import Page

#: The parameter that carries the untranslated page's id to the page the switcher opened.
UNTRANSLATED_PARAMETER = "untranslated"

_PAGE_ID = re.compile(r"[0-9]{1,10}")


def switch_parameters(page_class):
    """The GET parameters that ``page_class`` reads and a switch to it keeps."""
    return tuple(getattr(page_class, "language_switch_parameters", ()))


def kept_query(request, names, extra=()):
    """``?...`` of the request's non-empty values of ``names``, in that order, then ``extra``
    (``[(name, value)]``); ``""`` when there are none."""
    pairs = [
        (name, value)
        for name in names
        for value in request.GET.getlist(name)
        if value.strip()
    ]
    pairs.extend(extra)
    return f"?{urlencode(pairs)}" if pairs else ""


def _translations_and_ancestors(page):
    """The live translations of ``page`` and of its ancestors (not the tree's root), one query.

    Returns ``(translations, ancestors)``: ``{language: page}`` each.
    ``ancestors`` holds the deepest translated ancestor of each language.
    """
    steplen = page.steplen
    # Ancestors' paths are prefixes of the page's own: no query to find them.
    paths = [page.path[:end] for end in range(steplen * 2, len(page.path) + 1, steplen)]
    keys = Page.objects.filter(path__in=paths).values("translation_key")
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=keys, depth__gt=1)
        .select_related("locale")
        .order_by("-depth", "path")
    )
    translations, ancestors = {}, {}
    for candidate in candidates:
        code = candidate.locale.language_code
        if candidate.translation_key == page.translation_key:
            translations.setdefault(code, candidate)
        else:
            ancestors.setdefault(code, candidate)
    return translations, ancestors


def _fallback_url(target, page, request):
    url = target.get_url(request)
    if not url:
        return None
    extra = [(UNTRANSLATED_PARAMETER, str(page.pk))]
    return url + kept_query(request, switch_parameters(target.specific_class), extra)


def page_language_urls(page, request, language_urls=None):
    """``{language: (url, is_translation)}`` of the switcher on a Wagtail page.

    Args:
        page: the page shown.
        request: the current request (its query string gives the kept filters).
        language_urls: ``{language: url}`` that a routable page gave for its route; the
            languages it leaves out get the nearest translated ancestor.

    Returns:
        ``is_translation`` is False for a fallback to an ancestor (not an alternate for
        ``hreflang``). A language with neither is left out.
    """
    urls = {}
    if language_urls is not None:
        urls = {code: (url, True) for code, url in language_urls.items() if url}
        if all(code in urls for code, _name in settings.LANGUAGES):
            return urls
    translations, ancestors = _translations_and_ancestors(page)
    own_parameters = switch_parameters(type(page))
    for code, _name in settings.LANGUAGES:
        if code in urls:
            continue
        if code in translations:
            url = translations[code].get_url(request)
            if url:
                urls[code] = (url + kept_query(request, own_parameters), True)
                continue
        if code in ancestors:
            url = _fallback_url(ancestors[code], page, request)
            if url:
                urls[code] = (url, False)
    return urls


def _home_pages(request):
    """``{language: url}`` of the current site's home page in each language (one query)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return {}
    homes = Page.objects.live().filter(
        translation_key=site.root_page.translation_key
    ).select_related("locale")
    return {home.locale.language_code: home.get_url(request) for home in homes}


def path_language_urls(request):
    """``{language: (url, is_translation)}`` of the switcher on a view that is not a page.

    A view of its own (search, feeds) is at the same path in each language, with the same
    query. A path that Wagtail serves but that no page answers (a 404) has no translation to
    go to: each language links to its home page.
    """
    path = request.get_full_path()
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is None or match.url_name == "wagtail_serve":
        return {code: (url, False) for code, url in _home_pages(request).items() if url}
    return {code: (translate_url(path, code), True) for code, _name in settings.LANGUAGES}


#: "Read it in <language>:" before the link to the untranslated page, by its language.
READ_IT_IN = {
    "kk": gettext_lazy("Read it in Kazakh:"),
    "ru": gettext_lazy("Read it in Russian:"),
    "en": gettext_lazy("Read it in English:"),
}

# Each catalogue names its own language: the note is read in the language of the page.
ARTICLE_NOT_TRANSLATED = pgettext_lazy(
    "note of the language switcher; name the language of this translation",
    "The article you chose has not been translated into English yet, so the nearest page "
    "in English has opened.",
)
PAGE_NOT_TRANSLATED = pgettext_lazy(
    "note of the language switcher; name the language of this translation",
    "The page you chose has not been translated into English yet, so the nearest page "
    "in English has opened.",
)


def untranslated_note(request):
    """The note for ``?untranslated=<page id>``, or None.

    Returns ``{"message", "read_it_in", "title", "url", "language"}`` for a live, public page
    in another language that has no live translation in the active one; None for anything
    else (a malformed or unknown id, a draft, a private page, a page that is translated after
    all), so the parameter cannot show the title of a page that is not public. Two queries,
    and none without the parameter.
    """
    if request is None:
        return None
    value = request.GET.get(UNTRANSLATED_PARAMETER, "")
    if not _PAGE_ID.fullmatch(value):
        return None
    from home.models import NewsPage

    language = get_language()
    translated_here = Page.objects.live().filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    page = (
        Page.objects.live().public()
        .filter(pk=int(value), depth__gt=1)
        .exclude(locale__language_code=language)
        .annotate(translated_here=Exists(translated_here))
        .select_related("locale")
        .first()
    )
    if page is None or page.translated_here:
        return None
    url = page.get_url(request)
    if not url:
        return None
    code = page.locale.language_code
    is_article = issubclass(page.specific_class or Page, NewsPage)
    return {
        "message": ARTICLE_NOT_TRANSLATED if is_article else PAGE_NOT_TRANSLATED,
        "read_it_in": READ_IT_IN.get(code, ""),
        "title": page.title,
        "url": url,
        "language": code,
    }
