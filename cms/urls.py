from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.feeds import NewsFeed
from home.sitemaps import MultilingualSitemap
from home.views import favicon, robots_txt, search

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap for every locale, with hreflang alternates.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

# Development only: with DEBUG off Django serves no uploaded file, and in production nginx
# serves /media/ and /static/ itself (deploy/nginx.conf, README "Production").
if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Kazakh pages have no prefix; Russian ones live under /ru/ and English ones under /en/.
urlpatterns += i18n_patterns(
    path("feed/", NewsFeed(), name="news_feed"),
    path("search/", search, name="search"),
    # The engagement plugin's open data (JSON, CSV) in the language of the prefix.
    path("open-data/", include("engagement.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
