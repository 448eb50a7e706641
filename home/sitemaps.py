"""``/sitemap.xml``: the pages of every locale, each with its translations as alternates.

Wagtail's own sitemap lists the default locale's tree only.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


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
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        entries = [(item, info) for item in pages for info in item.get_sitemap_urls(self.request)]
        # Alternates come from the same listing (a sitemap page holds up to 50,000 URLs, so a
        # page's translations are on the same sitemap page in practice): no query per page.
        by_key = defaultdict(dict)
        for item, info in entries:
            by_key[item.translation_key].setdefault(item.locale.language_code, info["location"])
        urls, last_mods = [], set()
        for item, info in entries:
            translations = by_key[item.translation_key]
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
