"""Template tags for the site's frame: the language switcher and hreflang alternates."""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

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
    """The URL of the current site's home page in the active language (falls back to kk)."""
    from wagtail.models import Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return "/"
    return site.root_page.localized.get_url(request) or "/"


#: OpenGraph locale of each site language.
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


@register.filter
def og_locale(language_code):
    """``ru`` → ``ru_RU``: the OpenGraph form of a language code."""
    return OG_LOCALES.get(language_code, language_code)


@register.filter
def share_description(page):
    """The description for search engines and social networks: the page's search
    description, else its lead or introduction (shortened)."""
    from django.utils.text import Truncator

    fields = ("search_description", "lead", "intro")
    text = next((value for value in (getattr(page, name, "") for name in fields) if value), "")
    return Truncator(" ".join(text.split())).chars(200)


@register.simple_tag(takes_context=True)
def site_sections(context):
    """The news index, the event calendar and the statistics page of the active language, in
    one query.

    Returns ``{"news": ..., "events": ..., "statistics": ...}``, each a page or None (plain
    ``Page`` objects: the header needs only their URLs and titles).
    """
    from engagement.models import EventCalendarPage, StatisticsPage
    from home.models import NewsIndexPage

    kinds = {
        ContentType.objects.get_for_model(NewsIndexPage).pk: "news",
        ContentType.objects.get_for_model(EventCalendarPage).pk: "events",
        ContentType.objects.get_for_model(StatisticsPage).pk: "statistics",
    }
    sections = dict.fromkeys(kinds.values())
    pages = (
        Page.objects.live()
        .filter(locale__language_code=translation.get_language(), content_type_id__in=kinds)
        .order_by("path")
    )
    for page in pages:
        sections[kinds[page.content_type_id]] = sections[kinds[page.content_type_id]] or page
    return sections
