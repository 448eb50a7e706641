"""Organiser scope for wagtail-localize's admin views.

wagtail-localize checks only whether a user may edit *some* event (a snippet-type permission),
so an organiser could translate, sync, download or upload the strings of an event outside
their scope, and its snippet API and translations report list every event. The plugin
registers the same URL patterns one step ahead of wagtail-localize's (hook order -1), each
wrapped in a guard that answers 404 for events outside the scope; the translations report is
replaced by one that leaves those events out. The patterns are copied from wagtail-localize's
own hook, so a view it adds later is guarded too.

The same guard applies the edit rights of ``engagement.services.translation_rights`` to
every user, restricted or not: translating a page (or any snippet) is editing it.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import URLPattern, include, path

from engagement.models import Event
from engagement.services.scope import get_scope, visible_events
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


def guard_localize_request(request, kwargs, url_name=""):
    """Raise 404 if the wagtail-localize request named by ``kwargs`` concerns a hidden event
    or an object the user may not edit."""
    from wagtail_localize.models import Translation, TranslationSource

    user = request.user
    check_translation_rights(request, kwargs, url_name)
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
            if getattr(callback, "view_class", None) is TranslationsReportView:
                callback = report_view_class.as_view(**callback.view_initkwargs)
            else:
                callback = guarded(callback, pattern.name or "")
            patterns.append(URLPattern(pattern.pattern, callback, pattern.default_args))
    return [path("localize/", include(patterns))]
