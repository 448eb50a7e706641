"""Front-page blocks of the public events: the next events and the party projects.

Host sites put them in a StreamField (``engagement.blocks`` re-exports them). They render in
the active language, which on a Wagtail page is the page's own, and link to the calendar
page of that language; without a live calendar page they render nothing. Each costs a fixed
number of queries, whatever the number of events or projects.
"""

import uuid

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from engagement import conf


def _project_choices():
    from engagement.blocks import project_choices

    return project_choices()


def _calendar():
    from .models import EventCalendarPage

    return EventCalendarPage.for_active_language()


class UpcomingEventsBlock(blocks.StructBlock):
    """The next public events (soonest first), optionally of some projects only."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=255,
        help_text=_("Empty: “Next events”."),
    )
    count = blocks.IntegerBlock(label=_("Number of events"), default=4, min_value=1,
                                max_value=12)
    projects = blocks.MultipleChoiceBlock(
        label=_("Projects"), choices=_project_choices, required=False,
        help_text=_("None chosen: every project."),
    )

    class Meta:
        icon = "date"
        label = _("Next events")
        template = "engagement/blocks/upcoming_events.html"
        description = _("The next events of the calendar, soonest first, with a link to it.")
        preview_value = {"heading": "", "count": 3, "projects": []}

    def get_context(self, value, parent_context=None):
        from engagement.stats.catalogue import Catalogue

        from .events import LIST_DEFERRED, active_locale, public_events, wrap

        context = super().get_context(value, parent_context=parent_context)
        calendar = _calendar()
        if calendar is None:
            return {**context, "calendar": None}
        names = Catalogue()
        slugs = set(value.get("projects") or ())
        chosen = [entry for entry in names.projects.values() if entry.slug in slugs]
        events = public_events().filter(end__gte=timezone.now())
        if slugs:
            events = events.filter(project_id__in=[entry.pk for entry in chosen])
        events = (events.order_by("start", "pk").select_related("locale")
                  .defer(*LIST_DEFERRED)[:value.get("count") or 4])
        today = timezone.localdate(timezone=conf.event_time_zone())
        query = "&".join(f"project={entry.slug}" for entry in chosen)
        context.update({
            "calendar": calendar,
            "block_id": f"eg-upcoming-{uuid.uuid4().hex[:8]}",
            "events": wrap(events, active_locale(), base_url=calendar.url, defer=LIST_DEFERRED),
            "names": names,
            "calendar_url": f"{calendar.url}?{query}" if query else calendar.url,
            "month_url": f"{calendar.url}{today:%Y/%m}/",
        })
        return context


class ProjectsBlock(blocks.StructBlock):
    """Cards of the party projects: logo, colour, audience, results, link to each page."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=255,
        help_text=_("Empty: “Our projects”."),
    )
    projects = blocks.MultipleChoiceBlock(
        label=_("Projects"), choices=_project_choices, required=False,
        help_text=_("None chosen: every active project."),
    )

    class Meta:
        icon = "group"
        label = _("Party projects")
        template = "engagement/blocks/projects.html"
        description = _("A card for each party project with its results and a link to its "
                        "page.")
        preview_value = {"heading": "", "projects": []}

    def get_context(self, value, parent_context=None):
        from .projects import LOGO_SPECS, project_cards, public_projects

        context = super().get_context(value, parent_context=parent_context)
        calendar = _calendar()
        if calendar is None:
            return {**context, "calendar": None}
        projects = public_projects(base_url=calendar.url)
        slugs = set(value.get("projects") or ())
        if slugs:
            projects = [project for project in projects if project.slug in slugs]
        context.update({
            "calendar": calendar,
            "block_id": f"eg-projects-{uuid.uuid4().hex[:8]}",
            "projects": projects,
            "cards": project_cards(projects),
            "logo_specs": LOGO_SPECS,
            "index_url": f"{calendar.url}projects/",
        })
        return context
