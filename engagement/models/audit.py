"""The audit log of events, kept apart so that reports show each user only their events."""

from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

#: Actions on events a user must be allowed one of to read any event's log.
LOG_READ_ACTIONS = ("add", "change", "delete", "publish", "view")


class EventLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(object_id=str(instance.pk))

    def viewable_by_user(self, user):
        """Entries of the events inside the user's scope (Wagtail's site history uses this)."""
        from engagement.models import Event
        from engagement.services.scope import get_scope

        if user.is_active and user.is_superuser:
            return self.all()
        if not any(user.has_perm(f"engagement.{action}_event") for action in LOG_READ_ACTIONS):
            return self.none()
        scope = get_scope(user)
        if scope.unrestricted:
            return self.all()
        visible = Event.objects.filter(scope.q).annotate(
            pk_text=Cast("pk", models.CharField())
        ).values("pk_text")
        return self.filter(object_id__in=visible)


class EventLogEntry(BaseLogEntry):
    """Wagtail's model log entry for events (registered in ``wagtail_hooks``)."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = EventLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("event log entry")
        verbose_name_plural = _("event log entries")
