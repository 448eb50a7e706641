"""Rules that keep what one person saved from being lost by another: locks and stale forms.

- A lock means locked: an event locked by someone else cannot be deleted by a user who may not
  unlock it (``engagement.unlock_event``); whoever may unlock it may delete it too, because they
  could unlock it first.
- A duplicate (:func:`duplicate_event`) is a new draft of the same event in the same language:
  unlocked, with its own translation key, organised by whoever duplicates it, and without the
  original's headcount (a copy is planned, not held).
- A stale form is refused: :func:`revision_token` names the exact saved version a user has seen
  and agreed to replace, so that "save my version anyway" never overwrites a version saved after
  the one shown.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name

from engagement import conf

UNLOCK_EVENT = "engagement.unlock_event"


def local_time_label(value):
    """``dd.mm.yyyy HH:MM`` in the events' time zone (Almaty), as the admin shows times."""
    return timezone.localtime(value, conf.event_time_zone()).strftime("%d.%m.%Y %H:%M")


def locked_by_other(user, event):
    """True if ``event`` carries a lock set by someone other than ``user``."""
    return bool(event.locked) and event.locked_by_id != user.pk


def delete_refusal(user, event):
    """Why ``user`` may not delete ``event`` because of its lock, or ``None`` if they may."""
    if not locked_by_other(user, event) or user.has_perm(UNLOCK_EVENT):
        return None
    params = {"title": str(event)}
    if event.locked_by_id:
        params["name"] = get_user_display_name(event.locked_by)
        if event.locked_at:
            params["time"] = local_time_label(event.locked_at)
            return _(
                "“%(title)s” was not deleted: %(name)s locked it on %(time)s. Ask them, or a "
                "moderator who may unlock it."
            ) % params
        return _(
            "“%(title)s” was not deleted: %(name)s locked it. Ask them, or a moderator who may "
            "unlock it."
        ) % params
    return _(
        "“%(title)s” was not deleted: it is locked. Ask a moderator who may unlock it."
    ) % params


def revision_token(revision):
    """A value naming one saved version exactly (autosave rewrites a revision in place)."""
    if not revision:
        return ""
    return f"{revision.pk}:{revision.created_at.isoformat()}"


#: What a duplicate takes over from its original; everything else starts afresh.
DUPLICATED_FIELDS = (
    "project", "start", "end", "district", "settlement", "venue_address", "format",
    "accessibility", "accessibility_notes", "description", "photos", "related_news",
)


def duplicate_event(event, user):
    """An unsaved new event made from ``event`` for ``user``: the initial values of "Duplicate".

    Not live, not locked, a fresh ``translation_key`` (the model's default), the same locale,
    ``user`` as organiser, no participants, breakdown or cancellation, and a title that says it
    is a copy (in the event's own language).
    """
    copy = type(event)(locale_id=event.locale_id, organiser=user)
    for name in DUPLICATED_FIELDS:
        field = event._meta.get_field(name)
        setattr(copy, field.attname, getattr(event, field.attname))
    with translation.override(event.locale.language_code):
        title = _("Copy: %(title)s") % {"title": event.title}
    copy.title = title[: event._meta.get_field("title").max_length]
    return copy
