"""Events of the party's projects and the participants their organisers report."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from engagement import conf
from engagement.blocks import GalleryBlock

from .i18n import in_default_locale
from .places import DISTRICT_KINDS, PlaceKind


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class Accessibility(models.TextChoices):
    ACCESSIBLE = "accessible", _("accessible")
    NOT_ACCESSIBLE = "not_accessible", _("not accessible")
    UNKNOWN = "unknown", _("unknown")


class CountKind(models.TextChoices):
    """How the headcount of an event was obtained."""

    ESTIMATED = "estimated", _("estimated")
    REGISTERED = "registered", _("registered")
    VERIFIED = "verified", _("verified")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


#: The groups of the optional breakdown of participants, in display order.
BREAKDOWN_FIELDS = (
    "participants_youth",
    "participants_veterans",
    "participants_families",
    "participants_disabilities",
    "participants_other",
)


def district_choices():
    return in_default_locale() & Q(kind__in=DISTRICT_KINDS)


def settlement_choices():
    return in_default_locale() & Q(kind__in=(PlaceKind.RURAL_DISTRICT, PlaceKind.SETTLEMENT))


def _headcount_field(verbose_name, help_text=""):
    return models.PositiveIntegerField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(0)], help_text=help_text
    )


class EventQuerySet(models.QuerySet):
    def with_status(self, status, now=None):
        """Events of one :class:`EventStatus`; a filter on fields, so search backends accept it."""
        now = now or timezone.now()
        if status == EventStatus.CANCELLED:
            return self.filter(cancelled=True)
        if status == EventStatus.PLANNED:
            return self.filter(cancelled=False, start__gt=now)
        if status == EventStatus.HELD:
            return self.filter(cancelled=False, start__lte=now)
        return self

    def for_listing(self):
        """Everything a listing row needs, in the same query (no query per row)."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Revision, WorkflowState

        scheduled = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
            approved_go_live_at__isnull=False,
        )
        # The same prefetch as PageQuerySet.prefetch_workflow_states(), for the status column.
        workflow_states = Prefetch(
            "_workflow_states",
            queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            to_attr="_current_workflow_states",
        )
        return (
            self.select_related("project", "district", "settlement", "locale", "latest_revision")
            .annotate(_approved_schedule=Exists(scheduled))
            .prefetch_related(workflow_states)
        )

    def starting_between(self, first_day=None, last_day=None):
        """Events starting on the given days (inclusive), as days in the event time zone."""
        zone = conf.event_time_zone()
        queryset = self
        if first_day:
            start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
            queryset = queryset.filter(start__gte=start)
        if last_day:
            end = datetime.datetime.combine(
                last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
            )
            queryset = queryset.filter(start__lt=end)
        return queryset


class Event(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """An event of a party project, held (or planned) in one district of the region.

    The project, district and settlement always point at the canonical (default-locale) rows
    and are the same in every translation of the event: they decide which organisers may see it.
    """

    title = models.CharField(_("title"), max_length=255)
    project = models.ForeignKey(
        "engagement.Project", verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="events", limit_choices_to=in_default_locale,
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    district = models.ForeignKey(
        "engagement.Place", verbose_name=_("district or city"), on_delete=models.PROTECT,
        related_name="events", limit_choices_to=district_choices,
        help_text=_("A district or a city of regional significance."),
    )
    settlement = models.ForeignKey(
        "engagement.Place", verbose_name=_("settlement"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="settlement_events",
        limit_choices_to=settlement_choices,
        help_text=_("Optional: a rural district or settlement inside the district."),
    )
    venue_address = models.CharField(_("venue address"), max_length=255, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    accessibility = models.CharField(
        _("venue accessibility"), max_length=20, choices=Accessibility.choices,
        default=Accessibility.UNKNOWN,
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"), blank=True,
        help_text=_("Ramps, lifts, sign language, seating: what a visitor needs to know."),
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    photos = StreamField(
        [("gallery", GalleryBlock())], verbose_name=_("photos"), blank=True, max_num=1
    )
    related_news = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("related news"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="organised_events",
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)

    participants = _headcount_field(
        _("participants"),
        _("How many people took part. Leave empty until the event has taken place."),
    )
    count_kind = models.CharField(
        _("how participants were counted"), max_length=20, choices=CountKind.choices, blank=True
    )
    participants_youth = _headcount_field(_("of whom young people"))
    participants_veterans = _headcount_field(_("of whom veterans"))
    participants_families = _headcount_field(_("of whom families"))
    participants_disabilities = _headcount_field(_("of whom people with disabilities"))
    participants_other = _headcount_field(_("of whom others"))

    #: True on the event's *original row*: the lowest id among its translations (the row the
    #: translations were made from, the one organisers edit). Statistics and the public
    #: calendar count an event through it (``engagement.stats.counting``); stored rather than
    #: computed by a correlated subquery per row, which made every count a pass of subqueries.
    #: Kept by :meth:`save` (a new row is the original when no row of its key exists), by
    #: :meth:`refresh_source_flags` (after a delete or a change of key) and by code that
    #: ``bulk_create``-s translations (which passes ``False`` itself).
    is_source = models.BooleanField(_("original (not a translation)"), default=True, editable=False)

    # Marks rows made by a generator or importer ("seed:42"), so that they can be replaced.
    source_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)

    objects = EventQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("venue_address"),
        index.SearchField("description"),
        # An organiser with no scope rule sees Q(pk__in=[]): searching must accept that filter.
        index.FilterField("id"),
        index.FilterField("locale"),
        index.FilterField("project"),
        index.FilterField("district"),
        index.FilterField("start"),
        index.FilterField("cancelled"),
        index.FilterField("count_kind"),
        index.FilterField("live"),
    ]

    # The place, project, times and counts are facts of the event, not text: every translation
    # keeps the source's values, and translators cannot override them (that could move an
    # event out of an organiser's scope).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("venue_address"),
        TranslatableField("accessibility_notes"),
        TranslatableField("description"),
        TranslatableField("photos"),
        TranslatableField("cancellation_reason"),
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "project", "start", "end", "district", "settlement", "format", "accessibility",
                "related_news", "organiser", "cancelled", "participants", "count_kind",
                *BREAKDOWN_FIELDS,
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start", "-pk"]
        permissions = [
            ("access_all_events", _("Can see and manage the events of every project and district")),
        ]
        indexes = [
            models.Index(fields=["district", "start"], name="engagement_event_district"),
            models.Index(fields=["project", "start"], name="engagement_event_project"),
            # The public calendar's pages walk it in order, from the bound of their part.
            models.Index(fields=["start", "id"], name="engagement_event_start"),
            # The original rows of published events, in start order: what the calendar, its
            # feed and the statistics read (see ``published_events``). It holds the end and
            # the project too, so the calendar's counts (one aggregate over every public
            # event) read the index alone, not the rows with their texts.
            models.Index(fields=["start", "id", "end", "project"], name="engagement_event_public",
                         condition=Q(is_source=True, live=True)),
        ]

    def __str__(self):
        return self.title

    # --- the original row ------------------------------------------------------------------

    def save(self, *args, **kwargs):
        loaded_key = getattr(self, "_loaded_translation_key", None)
        moved = not self._state.adding and loaded_key is not None \
            and loaded_key != self.translation_key
        if self._state.adding and self.pk is None:
            # Ids only grow: a new row is its group's lowest id exactly when it is the first.
            # (A copy for translation arrives with the source's True and becomes False here.)
            self.is_source = not Event.objects.filter(
                translation_key=self.translation_key).exists()
        super().save(*args, **kwargs)
        if moved:
            Event.refresh_source_flags([loaded_key, self.translation_key])
        self._loaded_translation_key = self.translation_key

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that save() notices a change of key (it moves the row between groups).
        instance._loaded_translation_key = instance.__dict__.get("translation_key")
        return instance

    def with_content_json(self, content):
        # A revision holds the flag as it was when saved: a translation promoted since (its
        # original deleted) must not lose it by publishing an older revision.
        obj = super().with_content_json(content)
        obj.is_source = self.is_source
        return obj

    @classmethod
    def refresh_source_flags(cls, translation_keys=None):
        """Set :attr:`is_source` on the lowest id of each group (of the given keys, or all).

        One query finds the rows whose flag is wrong; only those are updated. Returns how many
        rows changed.
        """
        lowest = cls.objects.filter(translation_key=OuterRef("translation_key")).order_by(
            "pk").values("pk")[:1]
        rows = cls.objects.all()
        if translation_keys is not None:
            keys = [key for key in translation_keys if key is not None]
            if not keys:
                return 0
            rows = rows.filter(translation_key__in=keys)
        rows = rows.annotate(_lowest=Subquery(lowest))
        wrong = Q(is_source=True) & ~Q(pk=F("_lowest")) | Q(is_source=False) & Q(pk=F("_lowest"))
        changes = dict(rows.filter(wrong).values_list("pk", "is_source"))
        for flag in (True, False):
            pks = [pk for pk, was in changes.items() if was is not flag]
            if pks:
                cls.objects.filter(pk__in=pks).update(is_source=flag)
        return len(changes)

    # --- status and participants ----------------------------------------------------------

    @property
    def approved_schedule(self):
        # Listings annotate this (see EventQuerySet.for_listing) instead of a query per row.
        if hasattr(self, "_approved_schedule"):
            return self._approved_schedule
        return super().approved_schedule

    def get_status(self, now=None):
        if self.cancelled:
            return EventStatus.CANCELLED
        if self.start and self.start > (now or timezone.now()):
            return EventStatus.PLANNED
        return EventStatus.HELD

    def get_status_display(self):
        return self.get_status().label

    @property
    def breakdown(self):
        """``{field name: count}`` of the groups that were filled in."""
        values = {name: getattr(self, name) for name in BREAKDOWN_FIELDS}
        return {name: value for name, value in values.items() if value is not None}

    def has_started(self, now=None):
        return self.start is not None and self.start <= (now or timezone.now())

    # --- validation -------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.cancelled and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = _("Say why the event was cancelled.")
        if self.settlement_id and self.district_id and not self.district.contains(self.settlement):
            errors["settlement"] = _("This settlement is not in the chosen district.")
        if self.related_news_id:
            news_model = conf.news_page_model()
            if news_model and not issubclass(self.related_news.specific_class, news_model):
                errors["related_news"] = _("Choose a news page.")
        errors.update(self._participants_errors())
        if errors:
            raise ValidationError(errors)

    def _participants_errors(self):
        errors = {}
        breakdown = self.breakdown
        if self.participants is None:
            if breakdown:
                errors[next(iter(breakdown))] = _(
                    "Give the total number of participants before the breakdown."
                )
            return errors
        if self.participants > conf.participants_max():
            errors["participants"] = _(
                "%(count)s participants at one event is not possible; check the number."
            ) % {"count": self.participants}
        elif self.cancelled and self.participants > 0:
            errors["participants"] = _("A cancelled event has no participants.")
        elif self.start and not self.has_started():
            errors["participants"] = _(
                "The event has not started yet: report participants after it has taken place."
            )
        if self.participants and not self.count_kind:
            errors["count_kind"] = _("Say how the participants were counted.")
        if breakdown and sum(breakdown.values()) > self.participants:
            errors[next(iter(breakdown))] = _(
                "The groups add up to %(sum)s, more than the %(total)s participants."
            ) % {"sum": sum(breakdown.values()), "total": self.participants}
        return errors

    # --- preview ----------------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "engagement/event_preview.html"

    def serve_preview(self, request, mode_name):
        # Preview in the event's language, not the admin user's.
        with translation.override(self.locale.language_code):
            response = super().serve_preview(request, mode_name)
            return response.render() if hasattr(response, "render") else response
