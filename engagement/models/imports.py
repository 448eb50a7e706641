"""The record of each bulk import of events from a spreadsheet (see ``engagement.imports``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("previewed, not saved")
    SAVED = "saved", _("saved")


class EventImport(models.Model):
    """One file an organiser imported: who, when, which file (name and SHA-256) and what the
    rows did to the events.

    A preview is stored here too (``status`` previewed, ``plan`` holding the checked rows), so
    that confirming saves exactly the rows that were shown; saving empties ``plan``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("previewed at"), auto_now_add=True)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_hash = models.CharField(_("SHA-256 of the file"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("events created"), default=0)
    updated = models.PositiveIntegerField(_("events updated"), default=0)
    unchanged = models.PositiveIntegerField(_("events unchanged"), default=0)
    #: The checked rows of a preview, as :meth:`engagement.imports.saving.Plan.to_json` writes.
    plan = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("event import")
        verbose_name_plural = _("event imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
