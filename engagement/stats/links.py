"""From numbers to events: links from the statistics page's figures to the event calendar.

Each figure (a project, a district, a month, the totals) links to the calendar page of the
*active language* filtered to the events it counts: the figure's own project, district or
month, the page's other filters (a district of a page filtered by project keeps the project;
the page's year unless a month says more), and ``status=held``, which narrows the list to the
events the statistics count (published, not cancelled, started). Without a live calendar page
in that language there are no links: the figures stay plain text, never a broken link.
"""

from django.utils.http import urlencode

from engagement.public.filters import HELD


def calendar_url(request):
    """The URL of the live calendar page of the active language, or ``None``."""
    from wagtail.models import Locale

    from engagement.models.i18n import active_language_code
    from engagement.public.models import EventCalendarPage

    locale = Locale.objects.filter(language_code=active_language_code()).first()
    if locale is None:
        return None
    page = EventCalendarPage.objects.live().filter(locale=locale).order_by("path").first()
    return page.get_url(request) if page is not None else None


class EventLinks:
    """Builds the calendar links of one statistics page (its valid filters in ``form``)."""

    def __init__(self, base_url, form):
        self.base_url = base_url
        data = form.valid_data
        catalogue = form.catalogue
        self.projects = [catalogue.project(pk).slug for pk in data.get("project") or ()]
        self.districts = [catalogue.place(pk).slug for pk in data.get("district") or ()]
        self.year = data.get("year")

    @classmethod
    def for_request(cls, request, form):
        return cls(calendar_url(request), form)

    def __bool__(self):
        return bool(self.base_url)

    def url(self, *, project=None, district=None, month=None):
        """The filtered list; ``project``, ``district`` (slugs) or ``month`` (a date) replace
        the page's own filter of that kind."""
        if not self.base_url:
            return ""
        params = [("project", slug) for slug in ([project] if project else self.projects)]
        params += [("district", slug) for slug in ([district] if district else self.districts)]
        if month is not None:
            params.append(("month", month.strftime("%Y-%m")))
        elif self.year:
            params.append(("year", str(self.year)))
        params.append(("status", HELD))
        return f"{self.base_url}?{urlencode(params)}"

    def total(self):
        return self.url()

    def project(self, slug):
        return self.url(project=slug) if slug else ""

    def district(self, slug):
        return self.url(district=slug) if slug else ""

    def month(self, month):
        return self.url(month=month)
