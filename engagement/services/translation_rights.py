"""Who may translate what: the edit rights behind wagtail-localize's admin views.

wagtail-localize lets anyone holding its global ``submit_translation`` permission submit,
sync and convert the translations of *any* page (and of any snippet of a type they may
edit), so an organiser, who holds it to translate events, could read the titles of draft and
private pages and create translated copies of them. The rule here is the one an editor
expects: translating is editing.

- Submitting a page for translation needs edit permission on the page, add permission under
  the page's parent in every target locale (where the copy, or the alias of an untranslated
  parent, is created), and edit permission on every page of the subtree if it is included.
- Updating (syncing) a source needs edit permission on the source and on every translation
  it rewrites; a translation's own views (strings, PO files, preview, stop, machine
  translation) need edit permission on the translated object.
- A snippet needs the change permission of its model's permission policy for that instance
  (for events that is the organiser's scope).

``engagement.viewsets.localize`` calls :func:`check_translation_rights` before every
wagtail-localize admin view; a refusal is a 404, so nothing about the object is shown.
"""

from django.http import Http404
from wagtail.models import Locale, Page
from wagtail.permissions import page_permission_policy, policy_registry


def can_edit_page(user, page):
    return page.permissions_for_user(user).can_edit()


def _target_parent_allowed(user, page, locale):
    """May ``user`` create (or convert) the translation of ``page`` in ``locale``?"""
    existing = Page.objects.filter(translation_key=page.translation_key, locale=locale).first()
    if existing is not None:  # an alias to convert, or a translation to overwrite
        return can_edit_page(user, existing)
    # wagtail-localize creates the copy under the parent's translation, aliasing untranslated
    # parents on the way up: the nearest ancestor that exists in the locale receives it.
    for ancestor in page.get_ancestors().reverse():
        if ancestor.is_root():
            return page_permission_policy.user_has_permission_for_instance(
                user, "add", ancestor
            )
        translated = Page.objects.filter(
            translation_key=ancestor.translation_key, locale=locale
        ).first()
        if translated is not None:
            return page_permission_policy.user_has_permission_for_instance(
                user, "add", translated
            )
    return False


def may_submit_page(user, page, locales=(), include_subtree=False):
    """Whether ``user`` may submit ``page`` for translation into ``locales``."""
    if page.is_root() or not can_edit_page(user, page):
        return False
    if not all(_target_parent_allowed(user, page, locale) for locale in locales):
        return False
    if include_subtree:
        return all(can_edit_page(user, child) for child in page.get_descendants())
    return True


def may_edit_instance(user, instance):
    """Edit permission on a translatable object: a page, or a snippet through its policy."""
    if isinstance(instance, Page):
        return can_edit_page(user, instance)
    policy = policy_registry.get(instance)
    return policy.user_has_permission_for_instance(user, "change", instance)


def may_update_source(user, source):
    """Whether ``user`` may sync the translations of ``source`` (it rewrites all of them)."""
    try:
        instance = source.get_source_instance()
    except Exception:  # noqa: BLE001 - a deleted source: the view answers for itself
        return True
    if not may_edit_instance(user, instance):
        return False
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        target = _target_or_none(translation)
        if target is not None and not may_edit_instance(user, target):
            return False
    return True


def _target_or_none(translation):
    try:
        return translation.get_target_instance()
    except Exception:  # noqa: BLE001 - not created yet, or deleted
        return None


def may_edit_translation(user, translation):
    target = _target_or_none(translation)
    if target is None:
        try:
            target = translation.source.get_source_instance()
        except Exception:  # noqa: BLE001
            return True
    return may_edit_instance(user, target)


def _posted_locales(request):
    ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
    return list(Locale.objects.filter(pk__in=ids))


def _snippet_instance(kwargs):
    from django.apps import apps
    from django.contrib.admin.utils import unquote

    try:
        model = apps.get_model(kwargs["app_label"], kwargs.get("model_name", ""))
        return model._default_manager.filter(pk=unquote(kwargs["pk"])).first()
    except (LookupError, ValueError, TypeError):
        return None
    except Exception:  # noqa: BLE001 - e.g. a malformed primary key for the field type
        return None


def check_translation_rights(request, kwargs, url_name=""):
    """Raise 404 unless ``request.user`` may edit what the wagtail-localize URL names.

    ``url_name`` is the name of wagtail-localize's URL pattern: its snippet API (read-only,
    used by the translation editor's choosers) needs no edit permission.
    """
    from wagtail_localize.models import Translation, TranslationSource

    user = request.user
    if "page_id" in kwargs:
        page = Page.objects.filter(pk=kwargs["page_id"]).first()
        if page is not None:
            locales = _posted_locales(request) if request.method == "POST" else ()
            include_subtree = request.method == "POST" and bool(
                request.POST.get("include_subtree")
            )
            if not may_submit_page(user, page, locales, include_subtree):
                raise Http404
    if "pk" in kwargs and "app_label" in kwargs and not url_name.startswith("snippets_api"):
        instance = _snippet_instance(kwargs)
        if instance is not None and not may_edit_instance(user, instance):
            raise Http404
    if "translation_id" in kwargs:
        translation = Translation.objects.select_related("source").filter(
            pk=kwargs["translation_id"]
        ).first()
        if translation is not None and not may_edit_translation(user, translation):
            raise Http404
    if "translation_source_id" in kwargs:
        source = TranslationSource.objects.filter(pk=kwargs["translation_source_id"]).first()
        if source is not None and not may_update_source(user, source):
            raise Http404


def without_uneditable_pages(translations, user):
    """``translations`` (of wagtail-localize) without those of pages ``user`` may not edit."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Exists, OuterRef
    from wagtail.models import get_page_models

    if user.is_superuser:
        return translations
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return translations.exclude(
        ~Exists(
            editable.filter(
                translation_key=OuterRef("source__object_id"),
                locale_id=OuterRef("source__locale_id"),
            )
        ),
        source__specific_content_type__in=page_types,
    )
