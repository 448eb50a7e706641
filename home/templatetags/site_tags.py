"""Template tags for the site's frame: the language switcher, hreflang alternates, the site
identity, canonical links and descriptions."""

import html
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText

register = template.Library()


def _page_translation_urls(page, request):
    """Return {language_code: url} for the live translations of ``page``, itself included."""
    urls = {}
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        url = translated.get_url(request)
        if url:
            urls[translated.locale.language_code] = url
    return urls


@register.simple_tag(takes_context=True)
def page_languages(context):
    """The site's languages, each with the URL of the current page in that language.

    A Wagtail page links to its own live translations only: a language in which the page has no
    translation gets ``url = None`` (the switcher shows it without a link). A page's route may
    say where it is in each language by putting ``language_urls`` ({code: url}) in the context
    (the plugin's calendar does, keeping its route and filters). Any other view (search, 404,
    a plugin's view) links to the same path in each language.

    Returns a list of dicts with ``code``, ``name``, ``url``, ``absolute_url`` and
    ``is_current``.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return []
    if context.get("language_urls") is not None:
        urls = context["language_urls"]
    elif isinstance(page, Page) and page.pk:
        urls = _page_translation_urls(page, request)
    else:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}

    current = translation.get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        languages.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if url else None,
                "is_current": code == current,
            }
        )
    return languages


@register.filter
def x_default(languages):
    """The absolute URL of the default language's version, for ``hreflang="x-default"``."""
    for language in languages:
        if language["code"] == settings.LANGUAGE_CODE:
            return language["absolute_url"]
    return None


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    """The URL of the current site's home page in the active language (falls back to kk).

    The translation comes with :func:`site_sections`' query, which the header makes anyway.
    """
    from wagtail.models import Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return "/"
    home = site_sections(context).get("home") or site.root_page
    return home.get_url(request) or "/"


#: OpenGraph locale of each site language.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


@register.filter
def og_locale(language_code):
    """``ru`` → ``ru_RU``: the OpenGraph form of a language code."""
    return OG_LOCALES.get(language_code, language_code)


#: The length at which descriptions are cut (search engines show about 160 characters).
DESCRIPTION_LENGTH = 200


def plain_text(value):
    """Rich text, a StreamField or plain text → one line of plain text (``""`` for none)."""
    if value is None:
        return ""
    if isinstance(value, StreamValue):
        # The first paragraph of text; other blocks (images, lists of news) are not rendered
        # for this, which could cost queries.
        for block in value:
            if isinstance(block.value, RichText | str):
                text = plain_text(block.value)
                if text:
                    return text
        return ""
    if isinstance(value, RichText):
        value = value.source
    text = html.unescape(strip_tags(str(value)))
    return " ".join(text.split())


def _page_text(page):
    """The page's search description, else its lead, introduction or the first text of its
    body."""
    for name in ("search_description", "lead", "intro", "body"):
        text = plain_text(getattr(page, name, None))
        if text:
            return text
    return ""


@register.filter
def share_description(page):
    """The description for search engines and social networks: the page's search
    description, else its lead or introduction, else the first text of its body (shortened)."""
    return Truncator(_page_text(page)).chars(DESCRIPTION_LENGTH)


@register.simple_tag(takes_context=True)
def meta_description(context, text=None):
    """The page's ``<meta name="description">`` text: ``text`` when it has any (e.g. an event's
    description), else the page's own (see :func:`share_description`), else the site
    identity's description in the active language."""
    found = plain_text(text)
    if not found:
        page = context.get("page")
        found = _page_text(page) if isinstance(page, Page) else ""
    if not found:
        identity = site_identity(context)
        found = identity.description.value if identity is not None else ""
    return Truncator(found).chars(DESCRIPTION_LENGTH)


#: Query parameters that choose what a page shows; any other (utm_*, fbclid, gclid, a typo) is
#: left out of the canonical URL. A filtered list is a list of its own (“the events of one
#: project”), so its filters stay; the first page of a list is the list without ``page``.
CANONICAL_PARAMETERS = (
    "q", "project", "topic", "district", "year", "month", "day", "status", "tag", "page",
)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute canonical URL of the request: ``canonical_url`` from the context if a view
    gives one, else the path with the known parameters only, in a fixed order."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    if request is None:
        return ""
    query = []
    for name in CANONICAL_PARAMETERS:
        for value in request.GET.getlist(name):
            value = value.strip()
            if value and not (name == "page" and value == "1"):
                query.append((name, value))
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode(query)}" if query else url


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The current site's :class:`~home.identity.SiteIdentity` (one query per request; Wagtail
    keeps it on the request), or None without a request or a site (the 500 page)."""
    from wagtail.models import Site

    from home.identity import SiteIdentity

    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return None
    return SiteIdentity.for_request(request)


@register.simple_tag
def search_max_length():
    """The longest search text the search page takes (the header's search box says it too)."""
    from engagement.services.search import MAX_QUERY_LENGTH

    return MAX_QUERY_LENGTH


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The site's home page, news index, event calendar, statistics page and contacts page in
    the active language, in one query, made once per request.

    Returns ``{"home": ..., "news": ..., "events": ..., "statistics": ..., "contacts": ...}``,
    each a live page or None (plain ``Page`` objects: the header needs only their URLs and
    titles).
    """
    from wagtail.models import Site

    from engagement.models import EventCalendarPage, StatisticsPage
    from home.models import ContactPage, NewsIndexPage

    request = context.get("request")
    language = translation.get_language()
    cached = getattr(request, "_site_sections", None)
    if cached is not None and cached[0] == language:
        return cached[1]
    site = Site.find_for_request(request) if request is not None else None
    # The routing has loaded the site's root page already.
    home_key = site.root_page.translation_key if site is not None else None
    kinds = {
        ContentType.objects.get_for_model(NewsIndexPage).pk: "news",
        ContentType.objects.get_for_model(EventCalendarPage).pk: "events",
        ContentType.objects.get_for_model(StatisticsPage).pk: "statistics",
        ContentType.objects.get_for_model(ContactPage).pk: "contacts",
    }
    sections = {"home": None, **dict.fromkeys(kinds.values())}
    wanted = Q(content_type_id__in=kinds)
    if home_key is not None:
        wanted |= Q(translation_key=home_key)
    pages = (
        Page.objects.live()
        .filter(wanted, locale__language_code=language)
        .order_by("path")
    )
    for page in pages:
        kind = "home" if page.translation_key == home_key else kinds[page.content_type_id]
        sections[kind] = sections[kind] or page
    if request is not None:
        request._site_sections = (language, sections)
    return sections
