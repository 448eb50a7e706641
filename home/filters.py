"""Filters of the news index: tag, party project and year, from GET parameters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from engagement.collation import Collated, sort_key
from engagement.models import Project


class LanguageOptionsSelect(forms.Select):
    """A select whose options (not its empty choice) are marked ``lang``: tag names are in
    the language their article was written in."""

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value and self.language:
            option["attrs"]["lang"] = self.language
        return option


class NewsFilter(django_filters.FilterSet):
    """Filters one index's articles; offers only the values that its articles use.

    An unknown value (``?year=abc``, a project slug that does not exist) is a form error: the
    template reports it and that filter is not applied, so the reader sees the unfiltered
    index instead of an error page.
    """

    tag = django_filters.ChoiceFilter(
        label=_("Tag"), field_name="tags__slug", empty_label=_("All tags")
    )
    project = django_filters.ChoiceFilter(
        label=_("Party project"), field_name="project_links__project__slug",
        empty_label=_("All projects"), distinct=True,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="date__year", empty_label=_("All years")
    )

    def __init__(self, data=None, *, index, tags_language=None, **kwargs):
        self.index = index
        articles = index.news()
        super().__init__(data, queryset=articles, **kwargs)
        self.filters["tag"].extra["widget"] = LanguageOptionsSelect(language=tags_language)
        self.filters["tag"].extra["choices"] = self.tag_choices(articles, tags_language)
        self.filters["project"].extra["choices"] = self.project_choices(articles)
        self.filters["year"].extra["choices"] = [
            (str(day.year), str(day.year)) for day in articles.dates("date", "year", "DESC")
        ]

    @staticmethod
    def tag_choices(articles, language=None):
        tags = Tag.objects.filter(home_newspagetag_items__content_object__in=articles)
        return list(tags.distinct().order_by(Collated("name", language))
                    .values_list("slug", "name"))

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
