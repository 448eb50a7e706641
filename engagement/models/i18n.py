"""Helpers for the plugin's translatable reference data (projects, places)."""

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_supported_language_variant
from wagtail.coreutils import get_supported_content_language_variant

from engagement.collation import Collated


def default_language_code():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def in_default_locale():
    """``limit_choices_to`` for foreign keys that must point at canonical (default-locale) rows."""
    return Q(locale__language_code=default_language_code())


def active_language_code():
    from django.utils import translation

    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return get_supported_language_variant(settings.LANGUAGE_CODE)


def localized_names(model, field="name"):
    """Map each canonical row's pk to its name in the active language (one query).

    Falls back to the canonical name where a row has no translation. Meant for small tables
    (projects, places) shown next to many events: listings and exports look names up here
    instead of fetching each row's translation.
    """
    codes = {default_language_code(), active_language_code()}
    rows = model._default_manager.filter(locale__language_code__in=codes).values_list(
        "pk", "translation_key", "locale__language_code", field
    )
    default_code = default_language_code()
    active_code = active_language_code()
    canonical, translated = {}, {}
    for pk, key, code, name in rows:
        if code == default_code:
            canonical[key] = (pk, name)
        if code == active_code:
            translated[key] = name
    return {pk: translated.get(key, name) for key, (pk, name) in canonical.items()}


def localized_name(instance, field="name"):
    """The name of one canonical row in the active language (one query at most)."""
    if instance is None:
        return ""
    code = active_language_code()
    if instance.locale.language_code == code:
        return getattr(instance, field)
    translation = (
        type(instance)._default_manager.filter(
            translation_key=instance.translation_key, locale__language_code=code
        )
        .values_list(field, flat=True)
        .first()
    )
    return translation or getattr(instance, field)


class NameOrderQuerySet(models.QuerySet):
    """Alphabetical order for translatable reference data (projects, places).

    Both methods order in the database with :class:`engagement.collation.Collated`
    (``kk-x-icu`` and its SQLite twin), so a page gets its rows already in order.
    """

    #: The field that names a row.
    name_field = "name"

    def in_name_order(self, language=None):
        """Rows by their own name in ``language``'s order (default: the active language).

        Meant for rows of one locale (a listing filtered to Русский sorts in Russian order).
        """
        return self.order_by(Collated(self.name_field, language).asc(), "pk")

    def in_localized_name_order(self, language=None):
        """Canonical rows by the name a reader of ``language`` sees: the translation's name
        where there is one, else the row's own (as :func:`localized_names` labels them)."""
        language = language or active_language_code()
        translated = self.model._default_manager.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language
        ).values(self.name_field)[:1]
        name = Coalesce(Subquery(translated), F(self.name_field))
        return self.order_by(Collated(name, language).asc(), "pk")


__all__ = [
    "NameOrderQuerySet",
    "active_language_code",
    "default_language_code",
    "in_default_locale",
    "localized_name",
    "localized_names",
]
