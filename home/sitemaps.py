"""``/sitemap.xml``: the pages of every locale, each with its translations as alternates.

Wagtail's own sitemap lists the default locale's tree only.
"""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class MultilingualSitemap(Sitemap):
    """Every live, public page of the site in every locale, with hreflang alternates."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        in_site = Q()
        for root in roots:
            in_site |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_site)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def absolute(self, location):
        """The URL on the host the sitemap was asked from, like the pages' hreflang links
        (Wagtail would use the Site's hostname)."""
        if self.request is None:
            return location
        parts = urlsplit(location)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.request.build_absolute_uri(path)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # A page may give several URLs (a routable page's routes, e.g. the calendar's project
        # pages); the n-th URL of a page pairs with the n-th URL of each of its translations.
        entries = [
            (item, position, info) for item in pages
            for position, info in enumerate(item.get_sitemap_urls(self.request))
        ]
        for _item, _position, info in entries:
            info["location"] = self.absolute(info["location"])
        # Alternates come from the same listing (a sitemap page holds up to 50,000 URLs, so a
        # page's translations are on the same sitemap page in practice): no query per page.
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_key = defaultdict(dict)
        # An entry may name its own key instead (a news index's topic lists, which differ
        # from one language to another): ``alternate_key``, never written to the sitemap.
        for item, position, info in entries:
            info["pair"] = (item.translation_key, info.pop("alternate_key", position))
            by_key[info["pair"]].setdefault(languages[item.locale_id], info["location"])
        urls, last_mods = [], set()
        for _item, _position, info in entries:
            translations = by_key[info.pop("pair")]
            if len(translations) > 1:
                info["alternates"] = [
                    {"lang_code": code, "location": translations[code]}
                    for code, _name in settings.LANGUAGES
                    if code in translations
                ]
                if settings.LANGUAGE_CODE in translations:
                    info["alternates"].append(
                        {"lang_code": "x-default", "location": translations[settings.LANGUAGE_CODE]}
                    )
            urls.append(info)
            last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
