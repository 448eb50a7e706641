"""Edit, delete and duplicate views of events that never lose what someone saved.

- :class:`EventEditView` refuses an ordinary save (save draft, publish, submit) of a form
  opened before someone else saved the event, with Wagtail's own concurrency data
  (``loaded_revision_id``, ``loaded_revision_created_at``, ``is_out_of_date``, which Wagtail
  applies to autosave only). The refusal names who saved and when, lists each field where the
  saved version and the typed one differ, and offers "Save my version anyway", which resubmits
  naming the exact saved version it replaces.
- :class:`EventDeleteView` refuses to delete an event locked by someone else unless the user
  may unlock it (the bulk delete applies the same rule, see ``scoping.EventDeleteBulkAction``).
- :class:`EventCopyView` is Wagtail's copy view, shown as "Duplicate": a pre-filled add form for
  a new draft (see ``engagement.services.editing.duplicate_event``).
"""

import json
import re

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.fields import RichTextField, StreamField
from wagtail.snippets.views.snippets import CopyView, DeleteView, EditView

from engagement.models import Event
from engagement.services.editing import (
    delete_refusal,
    duplicate_event,
    local_time_label,
    revision_token,
)

#: The POST field of "Save my version anyway": the token of the saved version it replaces.
OVERWRITE_FIELD = "overwrite_stale"
DUPLICATE_LABEL = _("Duplicate")


def _strip_block_ids(value):
    if isinstance(value, dict):
        return {key: _strip_block_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_strip_block_ids(item) for item in value]
    return value


_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _comparable(model_field, value):
    if value is None or value == "":
        return ""
    if isinstance(model_field, RichTextField):
        # The editor gives paragraphs new random keys; they are not content.
        return _BLOCK_KEY.sub("", str(value))
    if isinstance(model_field, StreamField):
        return json.dumps(
            _strip_block_ids(model_field.stream_block.get_prep_value(value)),
            sort_keys=True, default=str,
        )
    if model_field.many_to_one:
        return value.pk if isinstance(value, models.Model) else value
    return value


def _display(model_field, form_field, value):
    if value is None or value == "":
        return "—"
    if isinstance(model_field, StreamField):
        return gettext("changed (not shown here)")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.DateTimeField):
        return local_time_label(value)
    if isinstance(value, models.Model):
        label = getattr(form_field, "label_from_instance", None)
        return str(label(value) if label else value)
    if isinstance(model_field, RichTextField):
        value = strip_tags(value)
    return Truncator(str(value)).chars(300)


def form_differences(model, form, theirs):
    """The fields where the saved version ``theirs`` and the submitted ``form`` differ."""
    rows = []
    cleaned = getattr(form, "cleaned_data", {})
    for name, form_field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name not in cleaned or not model_field.concrete or model_field.many_to_many:
            continue  # tags and other relations are not compared (nor shown)
        their_value, your_value = getattr(theirs, name), cleaned[name]
        if _comparable(model_field, their_value) == _comparable(model_field, your_value):
            continue
        rows.append({
            "name": name,
            "label": form_field.label or model_field.verbose_name,
            "theirs": _display(model_field, form_field, their_value),
            "yours": _display(model_field, form_field, your_value),
        })
    return rows


def overwrite_confirmed(request, revision):
    """Did the user tick "Save my version anyway" for exactly this saved ``revision``?"""
    token = request.POST.get(OVERWRITE_FIELD, "")
    return bool(token) and token == revision_token(revision)


def stale_conflict(revision, differences, form_id=None):
    """What the refusal of a stale save shows: who saved when, and the differing fields."""
    name = get_user_display_name(revision.user) if revision.user else gettext("someone")
    return {
        "name": name,
        "time": local_time_label(revision.created_at),
        "differences": differences,
        "token": revision_token(revision),
        "field_name": OVERWRITE_FIELD,
        "form_id": form_id,
    }


def stale_message(conflict, page=False):
    params = {"name": conflict["name"], "time": conflict["time"]}
    if page:
        return gettext(
            "Not saved: this page was changed by %(name)s at %(time)s since you opened it. "
            "Compare the two versions below."
        ) % params
    return gettext(
        "Not saved: this event was changed by %(name)s at %(time)s since you opened it. "
        "Compare the two versions below."
    ) % params


class EventEditView(EditView):
    """Wagtail's snippet edit view, refusing an ordinary save of a stale form."""

    stale_conflict = None

    def get_template_names(self):
        # The viewset passes Wagtail's template as ``template_name``; this one extends it.
        return ["engagement/admin/event_edit.html"]

    def is_valid(self, form):
        result = super().is_valid(form)
        if (
            self.expects_json_response  # autosave: Wagtail refuses a stale one itself
            or getattr(self, "produced_error_code", None) == "locked"
            or not self.is_out_of_date
            or overwrite_confirmed(self.request, self.latest_revision)
        ):
            return result
        differences = form_differences(self.model, form, self.latest_revision.as_object())
        if not differences:
            # What was typed is what is saved (say, this tab's own autosave answered late).
            return result
        self.stale_conflict = stale_conflict(self.latest_revision, differences)
        self.produced_error_code = "invalid_revision"
        self.produced_error_message = stale_message(self.stale_conflict)
        return False

    @cached_property
    def overwrite_revision(self):
        # Wagtail looks the autosave's revision up as given: "abc" would be a server error.
        try:
            return super().overwrite_revision
        except (ValueError, TypeError) as error:
            raise PermissionDenied("Cannot overwrite a revision that does not exist") from error

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.stale_conflict:
            context["stale_conflict"] = self.stale_conflict
            # The form stays based on the version it was opened with: saving it again (or an
            # autosave) is refused again until the user ticks "Save my version anyway".
            context["loaded_revision_created_at"] = self.request.POST.get(
                "loaded_revision_created_at", ""
            )
        return context

    def get_success_json(self):
        # After an autosave, this form is based on the revision it just wrote: Wagtail's
        # autosave script copies ``field_updates`` into the form, so that the next ordinary
        # save of this tab is not taken for a stale one.
        data = super().get_success_json()
        if self.revision_enabled and getattr(self, "new_revision", None):
            data.setdefault("field_updates", {}).update({
                "loaded_revision_id": str(self.new_revision.pk),
                "loaded_revision_created_at": self.new_revision.created_at.isoformat(),
            })
        return data

    @cached_property
    def can_delete(self):
        return super().can_delete and delete_refusal(self.request.user, self.live_object) is None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        for button in buttons:
            if button.icon_name == "copy":
                button.label = DUPLICATE_LABEL
        return buttons


class EventDeleteView(DeleteView):
    """Wagtail's snippet delete view; an event locked by someone else stays."""

    @cached_property
    def lock_refusal(self):
        return delete_refusal(self.request.user, self.object)

    def refuse(self):
        messages.error(self.request, self.lock_refusal)
        return redirect(reverse(self.edit_url_name, args=[quote(self.object.pk)]))

    def get(self, request, *args, **kwargs):
        if self.lock_refusal:
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.lock_refusal:
            return self.refuse()
        return super().post(request, *args, **kwargs)


class EventCopyView(CopyView):
    """"Duplicate": the add form, filled in from the event as a new, unlocked draft."""

    def get_page_subtitle(self):
        return gettext("Duplicate event")

    def get_initial_form_instance(self):
        return duplicate_event(self.get_object(), self.request.user)


def label_copy_as_duplicate(buttons, instance, user):
    """``construct_snippet_listing_buttons`` hook: the events' "Copy" reads "Duplicate"."""
    if not isinstance(instance, Event):
        return
    for button in buttons:
        if getattr(button, "icon_name", None) == "copy":
            button.label = DUPLICATE_LABEL
