"""Fill wagtail-localize translations from code (demo content, imports, tests).

The result is a real wagtail-localize translation, exactly as if a translator had typed the
strings into the translation editor: the target object stays in sync with its source and can be
edited further in the admin.
"""

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator


def translate_instance(instance, locale, strings, user=None, publish=True):
    """Create or update the ``locale`` translation of ``instance`` with wagtail-localize.

    Args:
        instance: a translatable page or snippet in its source locale.
        locale: the target ``wagtail.models.Locale``.
        strings: a mapping of source segment text to its translation. Segments that are not in
            the mapping fall back to the source text.
        user: the user recorded as the translator.
        publish: for pages, publish the translation (otherwise a draft is saved).

    Returns:
        The translated instance (the specific page for pages).
    """
    TranslationCreator(user, [locale]).create_translations(instance)
    source = TranslationSource.objects.get_for_instance(instance)
    # Refresh the source so that edits made since it was last submitted are translated too.
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=locale)
    segments = source.stringsegment_set.select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    translation.save_target(user=user, publish=publish)
    translated = instance.get_translation(locale)
    return translated.specific if isinstance(translated, Page) else translated
