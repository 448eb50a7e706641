"""The RSS feed of the news, one per locale (``/feed/``, ``/ru/feed/``, ``/en/feed/``)."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import NewsIndexPage
from .topics import localized_topics


@dataclass
class FeedSource:
    """What one request's feed is built from (the Feed instance itself is shared by threads)."""

    index: NewsIndexPage | None
    request: object


class NewsFeed(Feed):
    """The latest articles of the active language's news index."""

    #: How many articles the feed lists.
    size = 20

    def get_object(self, request, *args, **kwargs):
        language = translation.get_language()
        site = Site.find_for_request(request)
        index = NewsIndexPage.objects.live().filter(locale__language_code=language)
        if site is not None:
            index = index.descendant_of(site.root_page.localized)
        return FeedSource(index=index.first(), request=request)

    def title(self, source):
        return _("News · %(site)s") % {"site": _("Almaty regional branch")}

    def link(self, source):
        return source.index.get_url(source.request) if source.index else "/"

    def description(self, source):
        return (source.index and source.index.intro) or _("News of the Almaty regional branch")

    def items(self, source):
        if source.index is None:
            return []
        articles = list(source.index.news().defer_streamfields()[: self.size])
        # Topics in the feed's language, for all the articles at once.
        topics = localized_topics(articles)
        for article in articles:
            article.feed_topics = topics[article.pk]
            # On the host the feed was asked from, like the pages' own hreflang links.
            article.feed_url = source.request.build_absolute_uri(article.get_url(source.request))
        return articles

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.search_description

    def item_link(self, item):
        return item.feed_url

    def item_pubdate(self, item):
        # The article's own date, at the time of day it was first published (or midnight).
        moment = item.first_published_at
        time = timezone.localtime(moment).time() if moment else datetime.time()
        return timezone.make_aware(datetime.datetime.combine(item.date, time))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.feed_topics]
