"""The admin of events: listing, exports, forms and chooser, all limited to the user's scope."""

from django.forms import Media
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, LocaleColumn
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from engagement import conf
from engagement.exports import SafeSpreadsheetExportMixin
from engagement.filters import EventFilterSet
from engagement.forms import EventForm
from engagement.models import BREAKDOWN_FIELDS, Event, Place, Project
from engagement.models.i18n import localized_names
from engagement.panels import BreakdownSummaryPanel
from engagement.services.scope import visible_events

from .choosers import ChooserCreateWithoutFormView
from .editing import EventCopyView, EventDeleteView, EventEditView
from .scoping import ScopedViewSetMixin
from .translation_buttons import TranslationButtonsMixin
from .workflow import ModerationNotePanel

PER_PAGE_CHOICES = (20, 50, 100)


class NewsPageChooserPanel(PageChooserPanel):
    """A page chooser limited to ``ENGAGEMENT_NEWS_PAGE_MODEL`` when the host has that model."""

    def get_form_options(self):
        model = conf.news_page_model()
        self.page_type = [model] if model else None
        return super().get_form_options()


class EventStatusColumn(Column):
    """Planned / held / cancelled, with the publication state (draft, live, in moderation…)
    as a badge in the same cell."""

    cell_template_name = "engagement/admin/tables/event_status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            status=instance.get_status(),
            publication=instance.status_string,
            live=instance.live,
        )
        return context


class ParticipantsColumn(Column):
    """The headcount, with how it was counted on a second, smaller line."""

    cell_template_name = "engagement/admin/tables/participants_cell.html"

    def get_value(self, instance):
        if instance.participants is None:
            return "—"
        return number_format(instance.participants, force_grouping=True)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["count_kind"] = (
            instance.get_count_kind_display()
            if instance.count_kind and instance.participants is not None else ""
        )
        return context


class ClippedColumn(Column):
    """A one-line cell; the full text stays in its ``title`` (shown on hover)."""

    cell_template_name = "engagement/admin/tables/clipped_cell.html"


class EventIndexView(SafeSpreadsheetExportMixin, TranslationButtonsMixin, IndexView):
    default_ordering = "-start"
    export_sheet_title = _("Events")
    export_filename_filters = ("project", "district", "status", "start")

    def get_base_queryset(self):
        queryset = super().get_base_queryset().for_listing().select_related("organiser")
        return visible_events(self.request.user, queryset)

    def get_paginate_by(self, queryset):
        if self.is_export:
            return None
        try:
            per_page = int(self.request.GET.get("per_page", ""))
        except ValueError:
            per_page = None
        if per_page in PER_PAGE_CHOICES:
            return per_page
        return super().get_paginate_by(queryset)

    # --- names and labels, computed once per request ---------------------------------------

    @cached_property
    def project_names(self):
        return localized_names(Project)

    @cached_property
    def place_names(self):
        return localized_names(Place)

    def local_time(self, value):
        return timezone.localtime(value, conf.event_time_zone()) if value else None

    # --- listing ----------------------------------------------------------------------------

    @cached_property
    def columns(self):
        columns = [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"),
            self._get_title_column("__str__"),
            ClippedColumn("project", label=_("Project"), sort_key="project",
                          classname="engagement-col-clip",
                          accessor=lambda event: self.project_names.get(event.project_id, "")),
            ClippedColumn("district", label=_("District or city"), sort_key="district",
                          classname="engagement-col-clip",
                          accessor=lambda event: self.place_names.get(event.district_id, "")),
            Column("start", label=_("Start"), sort_key="start", classname="engagement-col-start",
                   accessor=lambda event: date_format(
                       self.local_time(event.start), "SHORT_DATETIME_FORMAT")),
            EventStatusColumn("event_status", label=_("Status"),
                              classname="engagement-col-status",
                              accessor=lambda event: event.get_status_display()),
            ParticipantsColumn("participants", label=_("Participants"),
                               sort_key="participants",
                               classname="w-text-right engagement-col-participants"),
        ]
        if self.i18n_enabled:
            columns.append(LocaleColumn(classname="w-text-16 engagement-col-nowrap"))
        return columns

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        kwargs["classname"] = f"{kwargs.get('classname') or 'listing'} engagement-events-listing"
        return kwargs

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["media"] += Media(css={"all": ["engagement/event-listing.css"]})
        return context

    # --- export -----------------------------------------------------------------------------

    def to_row_dict(self, item):
        return dict(zip(
            self.list_export, self.export_values(item), strict=True
        ))

    def export_values(self, event):
        zone = conf.event_time_zone()
        return [
            event.pk,
            event.title,
            self.project_names.get(event.project_id, ""),
            self.place_names.get(event.district_id, ""),
            self.place_names.get(event.settlement_id, "") if event.settlement_id else "",
            timezone.localtime(event.start, zone).replace(tzinfo=None),
            timezone.localtime(event.end, zone).replace(tzinfo=None),
            event.get_status_display(),
            event.get_format_display(),
            event.participants,
            event.get_count_kind_display() if event.count_kind else "",
            *(getattr(event, name) for name in BREAKDOWN_FIELDS),
            event.get_accessibility_display(),
            event.venue_address,
            event.cancellation_reason if event.cancelled else "",
            event.organiser.get_username() if event.organiser else "",
            event.locale.language_code,
            event.live,
        ]


class ScopedChooserMixin:
    def get_object_list(self):
        return visible_events(self.request.user, super().get_object_list())


class EventChooseView(ScopedChooserMixin, ChooseView):
    pass


class EventChooseResultsView(ScopedChooserMixin, ChooseResultsView):
    pass


class EventChosenView(SnippetChosenView):
    def get_object(self, pk):
        return visible_events(self.request.user).get(pk=pk)


class EventChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_events(self.request.user).filter(pk__in=pks)


class EventChooserViewSet(ScopedViewSetMixin, SnippetChooserViewSet):
    create_view_class = ChooserCreateWithoutFormView
    choose_view_class = EventChooseView
    choose_results_view_class = EventChooseResultsView
    chosen_view_class = EventChosenView
    chosen_multiple_view_class = EventChosenMultipleView


EXPORT_HEADINGS = {
    "id": _("ID"),
    "title": _("Title"),
    "project": _("Project"),
    "district": _("District or city"),
    "settlement": _("Settlement"),
    "start": _("Start (local time)"),
    "end": _("End (local time)"),
    "status": _("Status"),
    "format": _("Format"),
    "participants": _("Participants"),
    "count_kind": _("How participants were counted"),
    "participants_youth": _("Young people"),
    "participants_veterans": _("Veterans"),
    "participants_families": _("Families"),
    "participants_disabilities": _("People with disabilities"),
    "participants_other": _("Others"),
    "accessibility": _("Venue accessibility"),
    "venue_address": _("Venue address"),
    "cancellation_reason": _("Reason for cancellation"),
    "organiser": _("Organiser"),
    "locale": _("Language"),
    "live": _("Published"),
}


class EventViewSet(ScopedViewSetMixin, SnippetViewSet):
    """Events, as snippets; every view sees only the events in the user's scope."""

    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_name = "events"
    menu_order = 100
    index_view_class = EventIndexView
    index_results_template_name = "engagement/admin/events_index_results.html"
    # No lost update, locks that hold, "Duplicate": see engagement/viewsets/editing.py.
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    copy_view_class = EventCopyView
    chooser_viewset_class = EventChooserViewSet
    filterset_class = EventFilterSet
    inspect_view_enabled = True
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    export_filename = "events"

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    ModerationNotePanel(),
                    FieldPanel("title"),
                    FieldPanel("project"),
                    FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                    FieldRowPanel([FieldPanel("district"), FieldPanel("settlement")]),
                    FieldPanel("venue_address"),
                    FieldPanel("format"),
                    MultiFieldPanel(
                        [FieldPanel("accessibility"), FieldPanel("accessibility_notes")],
                        heading=_("Accessibility"),
                    ),
                    FieldPanel("description"),
                    NewsPageChooserPanel("related_news"),
                    FieldPanel("organiser", permission="engagement.access_all_events"),
                    MultiFieldPanel(
                        [FieldPanel("cancelled"), FieldPanel("cancellation_reason")],
                        heading=_("Cancellation"),
                    ),
                ],
                heading=_("Event"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("participants"), FieldPanel("count_kind")]),
                    FieldPanel("confirm_large_headcount"),
                    MultiFieldPanel(
                        [BreakdownSummaryPanel(),
                         *(FieldPanel(name) for name in BREAKDOWN_FIELDS)],
                        heading=_("Breakdown by group (optional)"),
                        help_text=_("The groups may not add up to more than the participants."),
                    ),
                ],
                heading=_("Participants"),
            ),
            ObjectList([FieldPanel("photos")], heading=_("Photos")),
        ],
        base_form_class=EventForm,
    )
