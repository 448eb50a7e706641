"""Signal receivers that keep the statistics right whenever an event changes.

Connected from ``EngagementConfig.ready``. Before an event is saved or deleted the receivers
note the summary cells its translations are in; afterwards they recompute those cells and the
ones they are in now, and bump the statistics cache version. Wagtail's ``published`` and
``unpublished`` signals (sent after the save) bump the version again: harmless, and it keeps
the cache right should publishing ever change an event without a save signal.

A change to a project or a place bumps the version too: the calendar's cached pages and feeds
(``engagement.public``) show their names.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.signals import published, unpublished

from engagement.models import Event, Place, Project

from . import summary
from .cache import bump_version

_BEFORE = "_engagement_stats_cells_before"


def note_cells_before(sender, instance, raw=False, **kwargs):
    if summary.is_deferred():
        return
    setattr(instance, _BEFORE, summary.keys_of(instance.translation_key))


def refresh_cells_after(sender, instance, raw=False, **kwargs):
    if not summary.is_deferred():
        before = getattr(instance, _BEFORE, set())
        summary.refresh(before | summary.keys_of(instance.translation_key))
        if hasattr(instance, _BEFORE):
            delattr(instance, _BEFORE)
    bump_version()


def statistics_changed(sender, instance=None, **kwargs):
    if isinstance(instance, Event):
        bump_version()


def names_changed(sender, instance=None, raw=False, **kwargs):
    bump_version()


def connect():
    pre_save.connect(note_cells_before, sender=Event, dispatch_uid="engagement_stats_pre_save")
    pre_delete.connect(
        note_cells_before, sender=Event, dispatch_uid="engagement_stats_pre_delete"
    )
    post_save.connect(
        refresh_cells_after, sender=Event, dispatch_uid="engagement_stats_post_save"
    )
    post_delete.connect(
        refresh_cells_after, sender=Event, dispatch_uid="engagement_stats_post_delete"
    )
    published.connect(statistics_changed, dispatch_uid="engagement_stats_published")
    unpublished.connect(statistics_changed, dispatch_uid="engagement_stats_unpublished")
    for model in (Project, Place):
        name = model._meta.model_name
        post_save.connect(names_changed, sender=model, dispatch_uid=f"engagement_{name}_saved")
        post_delete.connect(names_changed, sender=model,
                            dispatch_uid=f"engagement_{name}_deleted")
