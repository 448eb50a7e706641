"""Registers the site's admin customisations; the code lives in ``home.viewsets`` and
``home/static/home/js``."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home.viewsets import NewsPageViewSet, TopicViewSet


@hooks.register("register_admin_viewset")
def register_news_page_viewset():
    # News pages refuse a stale ordinary save, as events do.
    return NewsPageViewSet("news_pages")


register_snippet(TopicViewSet)


@hooks.register("insert_global_admin_js")
def keep_typed_dates():
    # Wagtail's date pickers must not replace typed text on blur (see the script).
    return format_html('<script src="{}"></script>', static("home/js/admin-dates.js"))


@hooks.register("insert_global_admin_js")
def translate_typed_english():
    # wagtail-localize's editor types one screen-reader label in English (see the script).
    return format_html('<script src="{}"></script>', static("home/js/admin-typed-english.js"))


@hooks.register("construct_reports_menu")
@hooks.register("construct_help_menu")
def relabel_menu_items(request, items):
    # Labels Wagtail formats once per process, in the first request's language (see there).
    from home.admin_i18n import relabel_menu_items

    relabel_menu_items(items)
