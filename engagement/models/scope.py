"""Organiser scopes: which events an organiser may see and manage."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import district_choices
from .i18n import in_default_locale


class OrganiserScope(models.Model):
    """One rule of an organiser's scope, given by an administrator.

    A rule covers the events of its projects held in its districts; a rule without projects
    covers every project in its districts, one without districts every district of its projects.
    An organiser may have several rules: the scope is their union. An organiser without any rule
    sees no event at all. Users who may see every event (administrators, editors, moderators)
    hold the ``engagement.access_all_events`` permission instead.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.CASCADE,
        related_name="engagement_scopes",
    )
    projects = models.ManyToManyField(
        "engagement.Project", verbose_name=_("projects"), blank=True, related_name="+",
        limit_choices_to=in_default_locale,
        help_text=_("Leave empty for every project in the chosen districts."),
    )
    districts = models.ManyToManyField(
        "engagement.Place", verbose_name=_("districts and cities"), blank=True, related_name="+",
        limit_choices_to=district_choices,
        help_text=_("Leave empty for every district of the chosen projects."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("organiser scope")
        verbose_name_plural = _("organiser scopes")
        ordering = ["user__username", "pk"]

    def __str__(self):
        return f"{self.user} · {self.note}" if self.note else str(self.user)
