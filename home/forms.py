"""The news editor's form: topics are ticked in a list of the article's language's topics."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .topics import NewsPageTopic, Topic


class NewsPageForm(WagtailAdminPageForm):
    """Adds ``topics``: the topics of the page's locale, saved as the page's topic links.

    Links that stay ticked are kept as they are, with their ``translation_key``: that key is
    how wagtail-localize matches a link with its copy in the article's translations.
    """

    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Topics of the article's language. New topics are added under "
                    "Settings › Topics."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        locale_id = page.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        field = self.fields["topics"]
        field.queryset = Topic.objects.filter(locale_id=locale_id).order_by("name")
        if not self.is_bound:
            linked = [link.topic for link in page.topic_links.all()]
            # A link to another locale's topic (the article was translated before its topic)
            # is shown as the topic's row of this locale when there is one.
            names = Topic.localized_names(linked, page.locale if locale_id else None)
            field.initial = [names[topic.translation_key].pk for topic in linked]

    def save(self, commit=True):
        page = super().save(commit=False)
        existing = {}
        for link in page.topic_links.all():
            existing.setdefault(link.topic.translation_key, link)
        links = []
        for order, topic in enumerate(self.cleaned_data["topics"]):
            link = existing.get(topic.translation_key) or NewsPageTopic()
            link.topic = topic
            link.sort_order = order
            links.append(link)
        page.topic_links = links
        if commit:
            page.save()
            self.save_m2m()
        return page
