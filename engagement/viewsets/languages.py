"""Listings and choosers of translatable snippets in the admin user's own language.

Projects and places have a row per language (linked by ``translation_key``); Wagtail lists
every row, so each object appeared three times, interleaved, in byte order. The two mixins here
make a listing or a chooser opened without a ``locale`` parameter show the user's language only
(their preferred admin language, when content exists in it), one row per object, in that
language's alphabetical order (:class:`engagement.collation.Collated`). Choosing another
language in the locale filter, or "All" (which sends an empty ``locale``), works as in Wagtail;
the order then follows the chosen language (the user's own for "All").

Any translatable snippet with a name field can use them::

    class TopicIndexView(UserLanguageIndexMixin, IndexView):
        name_field = "name"

    class TopicChooserViewSet(UserLanguageChooserViewSet):
        pass

    class TopicViewSet(SnippetViewSet):
        index_view_class = TopicIndexView
        chooser_viewset_class = TopicChooserViewSet
"""

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView

from engagement.collation import Collated

from .choosers import ChooserCreateWithoutFormView
from .translation_buttons import TranslationButtonsMixin


def user_content_language():
    """The content language code of the admin user's language, if there is content in it."""
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None
    return code if Locale.objects.filter(language_code=code).exists() else None


def with_default_locale(data):
    """``data`` (a ``QueryDict``) with ``locale`` set to the user's language when it has none."""
    if "locale" in data:
        return data
    code = user_content_language()
    if code is None:
        return data
    data = data.copy()
    data["locale"] = code
    return data


class UserLanguageIndexMixin:
    """For a snippet :class:`IndexView`: the user's language by default, in alphabetical order.

    The name column (and the listing before any column is chosen) sorts with the collation of
    the listed language.
    """

    #: The field the listing sorts by alphabetically.
    name_field = "name"

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.i18n_enabled:
            kwargs["data"] = with_default_locale(self.request.GET)
        return kwargs

    def listed_language(self):
        """The language of the rows listed: the locale filter's, else the user's."""
        data = with_default_locale(self.request.GET) if self.i18n_enabled else {}
        return data.get("locale") or translation.get_language()

    def order_queryset(self, queryset):
        # The search backend sorts only by indexed filter fields, not by an expression (and
        # Wagtail's own ``order_by("name")`` was a 500 there): search results come by relevance.
        if self.is_searching:
            return queryset.order_by()
        if self.ordering in (None, "", self.name_field, f"-{self.name_field}"):
            name = Collated(self.name_field, self.listed_language())
            descending = self.ordering == f"-{self.name_field}"
            return queryset.order_by(name.desc() if descending else name.asc(), "pk")
        return super().order_queryset(queryset)


class UserLanguageIndexView(UserLanguageIndexMixin, TranslationButtonsMixin, IndexView):
    """A snippet listing in the user's language (see :class:`UserLanguageIndexMixin`), with
    the translation buttons of all its rows in three queries."""

    default_ordering = "name"


class UserLanguageChooserMixin:
    """For a chooser's choose and results views: the user's language by default, in order."""

    #: The field the chooser sorts by alphabetically.
    name_field = "name"

    def get_filter_form(self):
        FilterForm = self.get_filter_form_class()
        data = with_default_locale(self.request.GET) if self.i18n_enabled else self.request.GET
        return FilterForm(data)

    def apply_object_list_ordering(self, objects):
        data = self.filter_form.data if self.i18n_enabled else {}
        language = data.get("locale") or translation.get_language()
        return objects.order_by(Collated(self.name_field, language).asc(), "pk")


class UserLanguageChooseView(UserLanguageChooserMixin, ChooseView):
    pass


class UserLanguageChooseResultsView(UserLanguageChooserMixin, ChooseResultsView):
    pass


class UserLanguageChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser in the user's language and alphabetical order (no creation form)."""

    choose_view_class = UserLanguageChooseView
    choose_results_view_class = UserLanguageChooseResultsView
    create_view_class = ChooserCreateWithoutFormView
