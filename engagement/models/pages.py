"""Page types the plugin offers to host sites."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from engagement import conf


class StatisticsPage(Page):
    """The public results: headline totals, then participants by project, by month and by
    district, each as an SVG chart followed by a table. Filters come from GET parameters
    (``?project=slug&district=slug&year=2021``); an invalid value is reported and ignored.
    Each figure links to the list of the events it counts (``engagement.stats.links``), and the
    districts have a schematic map (``engagement.stats.district_map``).
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "Shown above the figures. The page explains by itself what is counted: "
            "participants are the headcounts organisers report for their published, "
            "not-cancelled events (participations, not different people)."
        ),
    )

    #: The GET parameters the page reads: a host's language switcher may keep them.
    language_switch_parameters = ("project", "district", "year")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "engagement/statistics_page.html"
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("statistics page")
        verbose_name_plural = _("statistics pages")

    def get_context(self, request, *args, **kwargs):
        from engagement.stats import get_statistics, presentation, years_with_events
        from engagement.stats.catalogue import Catalogue
        from engagement.stats.district_map import district_map
        from engagement.stats.forms import StatisticsFilterForm
        from engagement.stats.links import EventLinks

        context = super().get_context(request, *args, **kwargs)
        catalogue = Catalogue()
        form = StatisticsFilterForm(
            request.GET or None, catalogue=catalogue, years=years_with_events()
        )
        statistics = get_statistics(form.query())
        # Every figure links to the events it counts, in the calendar of the same language.
        links = EventLinks.for_request(request, form)
        projects = presentation.project_rows(statistics, catalogue, links)
        districts = presentation.district_rows(statistics, catalogue, links)
        context.update({
            "base_template": conf.base_template(),
            "form": form,
            "refused": form.error_list(),
            "statistics": statistics,
            "total": statistics.total,
            "breakdown": presentation.breakdown_rows(statistics.total),
            "breakdown_labels": presentation.BREAKDOWN_LABELS,
            "project_rows": projects,
            "district_rows": districts,
            "month_rows": presentation.month_rows(statistics, links),
            "total_link": links.total() if links and statistics.total.events else "",
            "district_map": district_map(
                statistics, catalogue, links, chosen=set(form.valid_data.get("district") or ())
            ),
            "project_chart": presentation.project_chart(projects),
            "district_chart": presentation.district_chart(districts),
            "month_chart": presentation.month_chart(statistics),
            "period": presentation.period_sentence(statistics),
            "definition": presentation.PARTICIPANTS_DEFINITION,
            "open_data": self.open_data_links(form),
            "open_data_licence": conf.open_data_licence(),
        })
        return context

    @staticmethod
    def open_data_links(form):
        """Links to the same figures as open data, with the page's valid filters."""
        from django.utils.http import urlencode

        data = form.valid_data
        params = [("project", form.catalogue.project(pk).slug) for pk in data.get("project", [])]
        params += [("district", form.catalogue.place(pk).slug) for pk in data.get("district", [])]
        if data.get("year"):
            params.append(("year", data["year"]))
        query = f"?{urlencode(params)}" if params else ""
        links = {}
        for name in ("statistics_json", "statistics_csv", "events_json"):
            try:
                links[name] = reverse(f"engagement_open_data:{name}") + query
            except NoReverseMatch:  # the host has not included engagement.urls
                return {}
        return links

