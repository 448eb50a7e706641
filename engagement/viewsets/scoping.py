"""Scope guards shared by the event viewset, its chooser and the bulk actions.

Wagtail's generic views fetch their object in different places (``setup()``, ``get_object()``,
``dispatch()``), and some never ask a permission policy about it. Rather than trust each view,
every view of the event viewsets is wrapped: a request naming an event (``pk``) outside the
user's scope answers 404 before the view runs at all. Views added to Wagtail later are wrapped
the same way, because the wrapping happens where the viewset constructs its views.
"""

import functools

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction

from engagement.models import Event
from engagement.services.editing import delete_refusal
from engagement.services.scope import get_scope, visible_events


def events_in_scope_or_404(user, pks):
    """Raise 404 unless every event named in ``pks`` is in the user's scope."""
    if get_scope(user).unrestricted or not pks:
        return
    try:
        wanted = {int(unquote(str(pk))) for pk in pks}
        visible = set(visible_events(user).filter(pk__in=wanted).values_list("pk", flat=True))
    except (ValueError, TypeError, ValidationError):
        raise Http404 from None
    if wanted - visible:
        raise Http404


def event_in_scope_or_404(user, pk):
    events_in_scope_or_404(user, [pk])


def scoped_view(view_func, pk_kwarg="pk"):
    """Wrap a view so that naming an event outside the user's scope is a 404.

    Events are named by the ``pk`` URL keyword or, in choosers and bulk actions, by ``?id=``.
    """

    @functools.wraps(view_func)
    def view(request, *args, **kwargs):
        pks = [pk for pk in request.GET.getlist("id") if pk != "all"]
        if pk_kwarg in kwargs:
            pks.append(kwargs[pk_kwarg])
        events_in_scope_or_404(request.user, pks)
        return view_func(request, *args, **kwargs)

    return view


class ScopedViewSetMixin:
    """For viewsets of events: every constructed view is scope-guarded."""

    def construct_view(self, view_class, **kwargs):
        return scoped_view(super().construct_view(view_class, **kwargs))


class EventDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete for events, seeing only the events in the user's scope.

    Wagtail's own lists the events a user may not delete by title; events outside the scope
    must not appear at all, so they are dropped before that. Events locked by someone else
    are kept out of the deletion (unless the user may unlock them) and listed with who locked
    them, as the single delete view refuses them.
    """

    models = [Event]
    template_name = "engagement/admin/confirm_bulk_delete_events.html"

    def get_all_objects_in_listing_query(self, parent_id):
        return visible_events(self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        scope = get_scope(self.request.user)
        hidden = [obj for obj in context["items_with_no_access"] if not scope.contains(obj)]
        if hidden:
            raise Http404
        deletable, refusals = [], []
        for obj in objects:
            refusal = delete_refusal(self.request.user, obj)
            if refusal:
                refusals.append(refusal)
            else:
                deletable.append(obj)
        return deletable, {**context, "lock_refusals": refusals}

    def form_valid(self, form):
        objects, context = self.get_actionable_objects()
        for refusal in context["lock_refusals"]:
            messages.error(self.request, refusal)
        if not objects:
            return redirect(self.next_url)
        return super().form_valid(form)
