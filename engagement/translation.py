"""Fill wagtail-localize translations from code (demo content, imports, tests).

The result is a real wagtail-localize translation, exactly as if a translator had typed the
strings into the translation editor: the target object stays in sync with its source and can be
edited further in the admin.
"""

from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


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
    if isinstance(instance, Page):
        instance = instance.specific
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    # Refresh the source so that edits made since it was last submitted are translated too.
    source.update_from_db()
    # Translatable objects the instance refers to (snippets chosen in it) need a translation
    # first, as wagtail-localize's own TranslationCreator does.
    for segment in source.relatedobjectsegment_set.all():
        related = segment.object.get_instance(instance.locale)
        if not related.has_translation(locale):
            translate_instance(related, locale, {}, user=user, publish=publish)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
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
    # wagtail-localize publishes through transaction.on_commit(revision.publish). Inside an
    # outer atomic block (the demo loader, an import) that publish runs at commit time from an
    # in-memory copy of the page whose tree data is stale by then: a page that got children in
    # the meantime was saved back with numchild = 0 and its children answered 404. So the
    # translation is saved as a draft and published here, at once. (Models without draft
    # state cannot be saved as drafts: they are saved as they are.)
    draftable = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=publish and not draftable)
    translated = instance.get_translation(locale)
    if isinstance(translated, Page):
        translated = translated.specific
    if publish and draftable:
        revision = translated.get_latest_revision()
        if revision is not None:
            revision.publish(user=user)
            translated.refresh_from_db()
    return translated
