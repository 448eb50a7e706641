"""wagtail-localize's listing buttons of translatable snippets, without two queries per row.

wagtail-localize's ``register_snippet_listing_buttons`` hook asks, for every row, which locales
the snippet is not yet translated into and whether it is the source of enabled translations:
two queries per row (fifty rows, a hundred queries). :class:`TranslationButtonsMixin` loads the
same facts for the whole page in three queries and builds the same "Translate" and "Sync
translated snippets" buttons from them. (The event listing, ``events.EventIndexView``, has the
same code for events; it predates this mixin.)
"""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import BaseButton, Button, ButtonWithDropdown
from wagtail.models import Locale


def _localize_listing_hook():
    try:
        from wagtail_localize.wagtail_hooks import register_snippet_listing_buttons
    except ImportError:  # pragma: no cover - wagtail-localize is a dependency
        return None
    return register_snippet_listing_buttons


class TranslationButtonsMixin:
    """For a snippet ``IndexView`` of a translatable model: the translation buttons of every
    row from one prefetched state (see the module docstring)."""

    def get_table(self, object_list):
        object_list = list(object_list)
        self._translation_state = self._load_translation_state(object_list)
        return super().get_table(object_list)

    def _load_translation_state(self, objects):
        from wagtail_localize.models import TranslationSource

        keys = {instance.translation_key for instance in objects}
        if not keys:
            return {"locales": {}, "sources": {}, "all_locales": set()}
        locales = {}
        for key, locale_id in self.model._default_manager.filter(
            translation_key__in=keys
        ).values_list("translation_key", "locale_id"):
            locales.setdefault(key, set()).add(locale_id)
        sources = {
            (object_id, locale_id): source_id for object_id, locale_id, source_id in (
                TranslationSource.objects.filter(
                    object_id__in=keys,
                    specific_content_type=ContentType.objects.get_for_model(self.model),
                    translations__enabled=True,
                ).values_list("object_id", "locale_id", "pk").distinct()
            )
        }
        return {
            "locales": locales,
            "sources": sources,
            "all_locales": set(Locale.objects.values_list("pk", flat=True)),
        }

    def get_translation_buttons(self, instance, next_url):
        state = getattr(self, "_translation_state", None)
        if state is None or not self.request.user.has_perm("wagtail_localize.submit_translation"):
            return []
        meta = self.model._meta
        buttons = []
        if state["all_locales"] - state["locales"].get(instance.translation_key, set()):
            buttons.append(Button(
                gettext("Translate"),
                reverse("wagtail_localize:submit_snippet_translation",
                        args=[meta.app_label, meta.model_name, quote(instance.pk)]),
                attrs={"aria-label": gettext("Translate '%(title)s'") % {"title": str(instance)}},
                icon_name="wagtail-localize-language", priority=100,
            ))
        source_id = state["sources"].get((instance.translation_key, instance.locale_id))
        if source_id is not None:
            url = reverse("wagtail_localize:update_translations", args=[source_id])
            buttons.append(Button(
                gettext("Sync translated snippets"), f"{url}?{urlencode({'next': next_url})}",
                attrs={"aria-label": gettext("Sync translations of '%(title)s'")
                       % {"title": str(instance)}},
                icon_name="resubmit", priority=106,
            ))
        return buttons

    def get_list_buttons(self, instance):
        # As Wagtail's snippet listing, with wagtail-localize's hook replaced (see above).
        next_url = self.request.path
        skipped = _localize_listing_hook()
        buttons = self.get_list_more_buttons(instance)
        for hook in hooks.get_hooks("register_snippet_listing_buttons"):
            if hook is not skipped:
                buttons.extend(hook(instance, self.request.user, next_url))
        buttons.extend(self.get_translation_buttons(instance, next_url))

        list_buttons, more_buttons = [], []
        for button in buttons:
            if isinstance(button, BaseButton) and not button.allow_in_dropdown:
                list_buttons.append(button)
            elif isinstance(button, MenuItem):
                if button.is_shown(self.request.user):
                    more_buttons.append(Button.from_menu_item(button))
            elif button.show:
                more_buttons.append(button)
        for hook in hooks.get_hooks("construct_snippet_listing_buttons"):
            hook(more_buttons, instance, self.request.user)
        if more_buttons:
            list_buttons.append(ButtonWithDropdown(
                buttons=more_buttons, icon_name="dots-horizontal",
                attrs={"aria-label": gettext("More options for '%(title)s'")
                       % {"title": str(instance)}},
            ))
        return list_buttons
