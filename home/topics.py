"""Topics of the news: translatable snippets that articles link to.

A topic has one row per locale (``TranslatableMixin``), linked by ``translation_key``; its slug
is shared by the translations, so ``?topic=slug`` filters the news the same way in every
language. Articles link topics through :class:`NewsPageTopic`, a translatable child of the
page: wagtail-localize translates an article's links with the article and points the
translated article at the topic's translation (creating an untranslated copy of the topic when
it has none yet, see ``engagement.translation.translate_instance`` and wagtail-localize's
``TranslationCreator``). Pages still show a topic's translation in the reader's language when a
link points at another locale's row (an article translated before its topic was).
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject of news articles («Жастар», «Молодёжь», «Youth»): one row per language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, allow_unicode=True, blank=True,
        help_text=_("The topic's part of the news filter address, the same in every language. "
                    "Left empty, it is made from the name."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    # The slug identifies the topic in every language; only the name is translated.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="home_topic_slug_locale"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.available_slug(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def available_slug(cls, name):
        """A slug made from ``name`` that no topic of another translation uses yet."""
        base = slugify(name, allow_unicode=True)[:90] or "topic"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @classmethod
    def localized_names(cls, topics, locale=None):
        """``{translation_key: topic}`` of ``topics`` in ``locale`` (the active one by default),
        each falling back to the given topic when it has no translation there (one query)."""
        locale = locale or Locale.get_active()
        chosen = {topic.translation_key: topic for topic in topics}
        if chosen:
            translations = cls.objects.filter(translation_key__in=chosen, locale=locale)
            for topic in translations.select_related("locale"):
                chosen[topic.translation_key] = topic
        return chosen


class NewsPageTopic(TranslatableMixin, Orderable):
    """Links an article to a topic.

    Translatable, so that wagtail-localize translates the link with the article (it ignores
    many-to-many fields and copies untranslatable children as they are): the link of a
    translated article points at the topic's translation.
    """

    page = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="news_links"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


def localized_topics(articles, locale=None):
    """``{article pk: [topics in locale, by name]}`` for ``articles`` (two queries)."""
    links = list(
        NewsPageTopic.objects.filter(page__in=[article.pk for article in articles])
        .select_related("topic__locale")
        .order_by("sort_order", "pk")
    )
    names = Topic.localized_names([link.topic for link in links], locale)
    topics = {article.pk: [] for article in articles}
    for link in links:
        topic = names[link.topic.translation_key]
        if topic not in topics[link.page_id]:
            topics[link.page_id].append(topic)
    for found in topics.values():
        found.sort(key=lambda topic: topic.name.casefold())
    return topics
