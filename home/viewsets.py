"""The admin of news pages: Wagtail's page views, except that a stale save is refused.

Wagtail refuses a stale *autosave* of a page (``is_out_of_date``) but saves an ordinary "Save
draft" or "Publish" of a form opened before someone else saved the page, silently replacing
their version (its editing-sessions dialog warns only if the browser has pinged in between).
:class:`GuardedPageEditView` refuses it as the events' edit view does
(``engagement.viewsets.editing``): who saved when, each field that differs, and "Save my
version anyway".
"""

from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.messages import render
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement.viewsets.editing import (
    form_differences,
    overwrite_confirmed,
    stale_conflict,
    stale_message,
)
from engagement.viewsets.languages import UserLanguageChooserViewSet, UserLanguageIndexView

from .models import NewsPage
from .topics import Topic


class GuardedPageEditView(EditView):
    stale_conflict = None

    def form_valid(self, form):
        revision = self.latest_revision
        if (
            not self.expects_json_response  # autosave: Wagtail refuses a stale one itself
            and self.is_out_of_date
            and not overwrite_confirmed(self.request, revision)
        ):
            differences = form_differences(type(self.page), form, revision.as_object())
            if differences:
                return self.refuse_stale(revision, differences)
        return super().form_valid(form)

    def refuse_stale(self, revision, differences):
        self.stale_conflict = stale_conflict(revision, differences, form_id="page-edit-form")
        detail = render_to_string(
            "engagement/admin/includes/stale_conflict.html", {"conflict": self.stale_conflict}
        )
        messages.error(
            self.request,
            render(stale_message(self.stale_conflict, page=True), None, detail=detail),
        )
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.stale_conflict:
            # Still based on the version it was opened with: saved again (or autosaved), it is
            # refused again until the user ticks "Save my version anyway".
            context["loaded_revision_created_at"] = self.request.POST.get(
                "loaded_revision_created_at", ""
            )
        return context


class NewsPageViewSet(PageViewSet):
    model = NewsPage
    edit_view_class = GuardedPageEditView


class TopicViewSet(SnippetViewSet):
    """Topics of the news under Settings: one row per topic, in the user's language (the
    locale filter shows the other languages' rows)."""

    model = Topic
    # The plugin's listing that opens in the user's language (projects and places use it).
    index_view_class = UserLanguageIndexView
    chooser_viewset_class = UserLanguageChooserViewSet
    icon = "tag"
    menu_label = _("Topics")
    menu_name = "topics"
    add_to_settings_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    list_per_page = 50
