"""Filters of the news index: topic, party project and year, from GET parameters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from engagement.collation import sort_key
from engagement.models import Project

from .topics import Topic


class LanguageOptionsSelect(forms.Select):
    """A select whose options may be marked ``lang``: a topic not yet translated into the
    reader's language is named in its own (``languages`` is ``{value: language code}``)."""

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.languages:
            option["attrs"]["lang"] = self.languages[value]
        return option


class NewsFilter(django_filters.FilterSet):
    """Filters one index's articles; offers only the values that its articles use.

    An unknown value (``?year=abc``, a project slug that does not exist) is a form error: the
    template reports it and that filter is not applied, so the reader sees the unfiltered
    index instead of an error page.
    """

    # Translations of a topic share its slug: one ``?topic=`` works in every language.
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), field_name="topic_links__topic__slug", empty_label=_("All topics"),
        distinct=True,
    )
    project = django_filters.ChoiceFilter(
        label=_("Party project"), field_name="project_links__project__slug",
        empty_label=_("All projects"), distinct=True,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="date__year", empty_label=_("All years")
    )

    def __init__(self, data=None, *, index, **kwargs):
        self.index = index
        articles = index.news()
        super().__init__(data, queryset=articles, **kwargs)
        topics = self.topic_choices(articles)
        active = Locale.get_active()
        self.filters["topic"].extra["choices"] = [(topic.slug, topic.name) for topic in topics]
        self.filters["topic"].extra["widget"] = LanguageOptionsSelect(languages={
            topic.slug: topic.locale.language_code
            for topic in topics if topic.locale_id != active.pk
        })
        self.filters["project"].extra["choices"] = self.project_choices(articles)
        self.filters["year"].extra["choices"] = [
            (str(day.year), str(day.year)) for day in articles.dates("date", "year", "DESC")
        ]

    @staticmethod
    def topic_choices(articles):
        """Topics that the articles link to, in the active language where translated (two
        queries), by name."""
        linked = Topic.objects.filter(news_links__page__in=articles).distinct()
        topics = Topic.localized_names(linked.select_related("locale")).values()
        by_slug = {topic.slug: topic for topic in topics}
        # In the alphabet of the reader's language (engagement.collation), not code points.
        language = Locale.get_active().language_code
        return sorted(by_slug.values(), key=lambda topic: sort_key(topic.name, language))

    @staticmethod
    def project_choices(articles):
        """Projects that the articles link to, named in the active language."""
        linked = Project.objects.filter(news_links__page__in=articles).values("slug")
        names = {}
        active = Locale.get_active()
        for slug, name, locale_id in Project.objects.filter(slug__in=linked).values_list(
            "slug", "name", "locale_id"
        ):
            if slug not in names or locale_id == active.pk:
                names[slug] = name
        return sorted(names.items(),
                      key=lambda choice: sort_key(choice[1], active.language_code))

    @property
    def is_filtered(self):
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)

    @property
    def unknown_values(self):
        """``[(label, value)]`` of the parameters that were given but are not known."""
        return [
            (self.filters[name].label, self.data.get(name))
            for name in self.form.errors
            if name in self.filters
        ]
