"""The index side shared by both backends: each object's text folded in its own language."""

import types

from modelsearch.index import RelatedFields

from .analysis import index_text

#: ``{locale id: language code}``, filled on first need and emptied when a locale changes.
_LANGUAGES = {}


def forget_languages(**kwargs):
    """Empty the locale cache (connected to ``Locale``'s save and delete signals)."""
    _LANGUAGES.clear()


def language_of(obj):
    """The language code of ``obj``'s locale, or None for objects without one (images)."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    if locale_id not in _LANGUAGES:
        from wagtail.models import Locale

        # One query per new locale for the life of the process: indexing a thousand pages
        # must not ask for their locale a thousand times.
        _LANGUAGES.update(Locale.objects.values_list("pk", "language_code"))
    return _LANGUAGES.get(locale_id)


class FoldingIndexerMixin:
    """Mixed into modelsearch's ``ObjectIndexer``: every indexed value becomes :func:`index_text`.

    A related object's values (``RelatedFields``, the tags of a page) are folded in the
    language of the object being indexed.
    """

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.language = language_of(obj)

    def prepare_field(self, obj, field):
        for row in super().prepare_field(obj, field):
            if isinstance(field, RelatedFields):
                # Its leaves came back through this method and are folded already.
                yield row
            else:
                *head, value = row
                yield (*head, index_text(value, self.language))


def with_indexer(function, indexer_class):
    """``function`` (a modelsearch ``add_items``) building ``indexer_class`` objects.

    modelsearch's ``add_items`` creates its module's ``ObjectIndexer`` by name and offers no
    hook to choose another; rebinding that one global reuses the upstream method unchanged
    (its SQL, its upserts, its norms) instead of copying 60 to 80 lines of it.
    """
    namespace = {**function.__globals__, "ObjectIndexer": indexer_class}
    rebound = types.FunctionType(
        function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__
    )
    rebound.__doc__ = function.__doc__
    return rebound
