"""Template tags for the site's frame: the language switcher and hreflang alternates."""

from django import template
from django.conf import settings
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
    translation gets ``url = None`` (the switcher shows it without a link). Any other view
    (search, 404, a plugin's view) links to the same path in each language.

    Returns a list of dicts with ``code``, ``name``, ``url``, ``absolute_url`` and
    ``is_current``.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return []
    if isinstance(page, Page) and page.pk:
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
