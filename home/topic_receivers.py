"""When an article is published, its topics get a copy in each language it is translated into.

wagtail-localize creates translations of the snippets a page links to when the page is first
translated ("Translate this page"), but its "Sync translated pages" leaves a link to a topic
with no translation in that language pointing at the source's topic. So a topic added to an
already translated article gets its (untranslated, in the source's words) copy here, at
publication, with a translation job for translators; the next sync then links the copy.
"""

from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published


@receiver(page_published, dispatch_uid="home.topics.translate_new_topics")
def translate_new_topics(sender, instance, revision=None, **kwargs):
    from wagtail_localize.operations import TranslationCreator

    from .models import NewsPage

    if not isinstance(instance, NewsPage):
        return
    translated = Locale.objects.filter(
        pk__in=NewsPage.objects.filter(translation_key=instance.translation_key)
        .exclude(locale_id=instance.locale_id).values("locale_id")
    )
    locales = list(translated)
    if not locales:
        return
    for link in instance.topic_links.select_related("topic"):
        missing = [locale for locale in locales if not link.topic.has_translation(locale)]
        if missing:
            user = getattr(revision, "user", None)
            TranslationCreator(user, missing).create_translations(
                link.topic, include_related_objects=False
            )
