"""Organiser scope for wagtail-localize's admin views.

wagtail-localize checks only whether a user may edit *some* event (a snippet-type permission),
so an organiser could translate, sync, download or upload the strings of an event outside
their scope, and its snippet API and translations report list every event. The plugin
registers the same URL patterns one step ahead of wagtail-localize's (hook order -1), each
wrapped in a guard that answers 404 for events outside the scope; the translations report is
replaced by one that leaves those events out. The patterns are copied from wagtail-localize's
own hook, so a view it adds later is guarded too.

"Translate this page" creates the page's missing parents as draft translations first (see
``engagement.services.translation_drafts``) rather than letting Wagtail make them live aliases.

The same guard applies the edit rights of ``engagement.services.translation_rights`` to
every user, restricted or not: translating a page (or any snippet) is editing it.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import URLPattern, include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagement.models import Event
from engagement.services.scope import get_scope, visible_events
from engagement.services.translation_drafts import translate_missing_ancestors
from engagement.services.translation_rights import (
    check_translation_rights,
    without_uneditable_pages,
)

from .scoping import event_in_scope_or_404


def _is_event_model(app_label, model_name):
    return (app_label, model_name) == (Event._meta.app_label, Event._meta.model_name)


def _event_source_in_scope(user, source):
    if source.specific_content_type_id != ContentType.objects.get_for_model(Event).pk:
        return True
    return visible_events(user).filter(translation_key=source.object_id).exists()


def user_may_publish(user, instance):
    """Whether ``user`` may publish ``instance`` (a page or a snippet with draft state)."""
    from wagtail.models import DraftStateMixin, Page
    from wagtail.snippets.permissions import get_permission_name

    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    return True


def guard_sync_publishing(request, kwargs):
    """Refuse "Sync translations" with "Publish immediately" to a user who may not publish.

    wagtail-localize checks only the permission to submit translations there, so an organiser
    who cannot publish an event could publish its translations that way.
    """
    from wagtail_localize.models import TranslationSource

    if request.method != "POST" or not request.POST.get("publish_translations"):
        return
    source = TranslationSource.objects.filter(pk=kwargs["translation_source_id"]).first()
    if source is None:
        return
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:  # a deleted source: wagtail-localize answers for it
        return
    if not user_may_publish(request.user, instance):
        raise PermissionDenied


def guard_localize_request(request, kwargs, url_name=""):
    """Raise 404 if the wagtail-localize request named by ``kwargs`` concerns a hidden event
    or an object the user may not edit."""
    from wagtail_localize.models import Translation, TranslationSource

    user = request.user
    check_translation_rights(request, kwargs, url_name)
    if "translation_source_id" in kwargs:
        guard_sync_publishing(request, kwargs)
    if get_scope(user).unrestricted:
        return
    if "app_label" in kwargs and _is_event_model(kwargs["app_label"], kwargs.get("model_name")):
        if "pk" in kwargs:
            event_in_scope_or_404(user, kwargs["pk"])
        else:
            # The snippet API lists every instance: organisers get nothing from it.
            raise Http404
    if "translation_id" in kwargs:
        translation = Translation.objects.select_related("source").filter(
            pk=kwargs["translation_id"]
        ).first()
        if translation is not None and not _event_source_in_scope(user, translation.source):
            raise Http404
    if "translation_source_id" in kwargs:
        source = TranslationSource.objects.filter(pk=kwargs["translation_source_id"]).first()
        if source is not None and not _event_source_in_scope(user, source):
            raise Http404


def guarded(view_func, url_name=""):
    @functools.wraps(view_func)
    def view(request, *args, **kwargs):
        guard_localize_request(request, kwargs, url_name)
        return view_func(request, *args, **kwargs)

    return view


def scoped_translations_report_view_class():
    from wagtail_localize.views.report import TranslationsReportView

    class ScopedTranslationsReportView(TranslationsReportView):
        """wagtail-localize's translations report without the events outside the scope and
        the pages the user may not edit."""

        def get_queryset(self):
            queryset = super().get_queryset()
            if not queryset.ordered:
                queryset = queryset.order_by("-pk")  # stable pages
            queryset = without_uneditable_pages(queryset, self.request.user)
            scope = get_scope(self.request.user)
            if scope.unrestricted:
                return queryset
            hidden_keys = Event.objects.exclude(scope.q).values("translation_key")
            return queryset.exclude(
                source__specific_content_type=ContentType.objects.get_for_model(Event),
                source__object_id__in=hidden_keys,
            )

    return ScopedTranslationsReportView


def draft_ancestors_submit_view_class():
    from wagtail.admin import messages
    from wagtail_localize.views.submit_translations import SubmitPageTranslationView

    class DraftAncestorsSubmitPageTranslationView(SubmitPageTranslationView):
        """wagtail-localize's "Translate this page" that creates the page's untranslated
        parents as drafts first, and tells the translator where they are."""

        @transaction.atomic
        def form_valid(self, form):
            drafts = translate_missing_ancestors(
                self.object, form.cleaned_data["locales"], self.request.user
            )
            response = super().form_valid(form)
            for locale, pages in drafts.items():
                report_draft_ancestors(self.request, messages, locale, pages)
            return response

    return DraftAncestorsSubmitPageTranslationView


def report_draft_ancestors(request, messages, locale, pages):
    titles = ", ".join(_("“{title}”").format(title=page.title) for page in pages)
    text = ngettext(
        "The parent page {titles} had no translation into {locale}: a draft translation of it "
        "was created. Translate and publish it; until then it is not public.",
        "The parent pages {titles} had no translation into {locale}: draft translations of "
        "them were created. Translate and publish them; until then they are not public.",
        len(pages),
    ).format(titles=titles, locale=locale.get_display_name())
    buttons = [
        messages.button(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            _("Edit the draft of “{title}”").format(title=page.title),
        )
        for page in pages
    ]
    messages.warning(request, text, buttons=buttons)


def with_draft_ancestors(callback):
    """The submit-page-translation view replaced by one that drafts missing parents."""
    from wagtail_localize.views.submit_translations import SubmitPageTranslationView

    if getattr(callback, "view_class", None) is not SubmitPageTranslationView:
        return callback
    return draft_ancestors_submit_view_class().as_view(**callback.view_initkwargs)


def localize_urlpatterns():
    """wagtail-localize's admin URL patterns, guarded (unnamed: reversing still finds theirs)."""
    try:
        from wagtail_localize.views.report import TranslationsReportView
        from wagtail_localize.wagtail_hooks import register_admin_urls
    except ImportError:  # pragma: no cover - wagtail-localize is a dependency
        return []
    report_view_class = scoped_translations_report_view_class()
    patterns = []
    for resolver in register_admin_urls():
        for pattern in resolver.url_patterns:
            callback = pattern.callback
            callback = with_draft_ancestors(callback)
            if getattr(callback, "view_class", None) is TranslationsReportView:
                callback = report_view_class.as_view(**callback.view_initkwargs)
            else:
                callback = guarded(callback, pattern.name or "")
            patterns.append(URLPattern(pattern.pattern, callback, pattern.default_args))
    return [path("localize/", include(patterns))]
