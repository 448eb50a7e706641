"""The monthly summary that statistics read instead of scanning every event.

One row per project, district, month (in the event time zone) and count kind holds the number
of *counted* events (see :func:`engagement.stats.counting.counted_events`) and the sums of
their participants and breakdown groups. The rows are derived data: signal receivers recompute
the rows an event touches whenever it is saved or deleted (see ``engagement.stats.summary``),
and ``manage.py rebuild_statistics`` recomputes all of them from the events.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import BREAKDOWN_FIELDS


class MonthlyTotal(models.Model):
    """Counted events and their participants of one project in one district in one month."""

    project = models.ForeignKey(
        "engagement.Project", on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey("engagement.Place", on_delete=models.CASCADE, related_name="+")
    #: The first day of the month, in ``ENGAGEMENT_EVENT_TIME_ZONE``.
    month = models.DateField()
    count_kind = models.CharField(max_length=20, blank=True)
    events = models.PositiveIntegerField(default=0)
    participants = models.BigIntegerField(default=0)
    participants_youth = models.BigIntegerField(default=0)
    participants_veterans = models.BigIntegerField(default=0)
    participants_families = models.BigIntegerField(default=0)
    participants_disabilities = models.BigIntegerField(default=0)
    participants_other = models.BigIntegerField(default=0)

    #: The summed columns, in the order of :class:`engagement.stats.Figures`.
    SUM_FIELDS = ("participants", *BREAKDOWN_FIELDS)

    class Meta:
        verbose_name = _("monthly total")
        verbose_name_plural = _("monthly totals")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "district", "month", "count_kind"],
                name="engagement_monthlytotal_cell",
            ),
        ]
        indexes = [models.Index(fields=["month"], name="engagement_monthlytotal_month")]

    def __str__(self):
        return f"{self.project_id}/{self.district_id}/{self.month:%Y-%m}/{self.count_kind}"


class StatisticsVersion(models.Model):
    """The statistics version as the database knows it: one row, counted up by every change to
    an event when it commits (``engagement.stats.cache``).

    Cached statistics are keyed by this number as well as by the version in the cache, so a
    change whose bump in the cache failed (Redis down), or went to one process's local-memory
    cache only, still makes every process's cached figures stale: each reads this row at most
    once per ``ENGAGEMENT_STATS_VERSION_CHECK_INTERVAL`` seconds.
    """

    value = models.BigIntegerField()

    class Meta:
        verbose_name = _("statistics version")
        verbose_name_plural = _("statistics versions")

    def __str__(self):
        return str(self.value)
