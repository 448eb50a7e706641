"""Registers the site's admin customisations; the code lives in ``home.viewsets``."""

from wagtail import hooks

from home.viewsets import NewsPageViewSet


@hooks.register("register_admin_viewset")
def register_news_page_viewset():
    # News pages refuse a stale ordinary save, as events do.
    return NewsPageViewSet("news_pages")
