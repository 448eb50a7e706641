"""Translating a page never makes its parents public.

When a page is translated into a locale in which one of its ancestors has no translation yet,
Wagtail's ``copy_for_translation(copy_parents=True)`` (which wagtail-localize calls) creates
that ancestor as an *alias* of the source page: live at once, with the source's content, and
republished whenever the source is. :func:`translate_missing_ancestors` creates those
ancestors first, top-down, as real wagtail-localize translations (a ``Translation`` record
and a draft page the translator can translate and publish), so Wagtail finds a parent and
makes no alias.

The copies are drafts because the site sets ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE =
False`` (wagtail-localize's ``TranslationCreator`` then saves pages as drafts); a host site that
turns that setting on gets the live status of the source, as wagtail-localize intends.
"""


def translate_missing_ancestors(page, locales, user=None):
    """Create draft translations of the ancestors of ``page`` that ``locales`` lack.

    Returns ``{locale: [translated ancestor, ...]}`` (top-down) for the translations created;
    an ancestor already translated into a locale (an alias included) is left as it is.
    """
    from wagtail_localize.operations import translate_object

    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific())
    created = {}
    for locale in locales:
        for ancestor in ancestors:
            if ancestor.locale_id == locale.pk or ancestor.has_translation(locale):
                continue
            translate_object(ancestor, [locale], user=user)
            translated = ancestor.get_translation_or_none(locale)
            if translated is not None:
                created.setdefault(locale, []).append(translated)
    return created
