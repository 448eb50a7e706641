"""The calendar page: one routable page per language that serves every public event route."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .ids import SHORT_ID_PATTERN


class EventCalendarPage(RoutablePageMixin, Page):
    """The public events of the party's projects.

    Routes (under the page's own URL, e.g. ``/events/``, ``/ru/events/``):

    * ``""``: upcoming events, soonest first, then past ones, 20 a page;
    * ``2026/12/``: the month as a calendar (a list of the days with events for assistive
      technology);
    * ``<id>-<slug>/``: an event (``id`` is 12 hex digits of its translation key, the same in
      every language; the slug is only for reading);
    * ``ical/`` and ``<id>-<slug>/ical/``: iCalendar feeds of the list and of one event;
    * ``projects/`` and ``projects/<slug>/``: the party projects and each project's page
      (``projects.py``).

    Filters come from GET parameters: ``?project=<slug>&district=<slug>&month=2026-12``.
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown above the list of events."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count_per_parent = 1
    template = "engagement/public/calendar_page.html"

    class Meta:
        verbose_name = _("event calendar page")
        verbose_name_plural = _("event calendar pages")

    @re_path(r"^$")
    def event_list(self, request):
        from . import views

        return views.event_list(self, request)

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month(self, request, year, month):
        from . import views

        return views.month_view(self, request, int(year), int(month))

    @re_path(r"^ical/$")
    def feed(self, request):
        from . import views

        return views.calendar_feed(self, request)

    @re_path(r"^projects/$")
    def project_index(self, request):
        from . import projects

        return projects.project_index(self, request)

    @re_path(r"^projects/(?P<slug>[-\w]+)/$")
    def project(self, request, slug):
        from . import projects

        return projects.project_page(self, request, slug)

    def get_sitemap_urls(self, request=None):
        from . import projects

        return super().get_sitemap_urls(request) + projects.sitemap_urls(self, request)

    @re_path(rf"^(?P<short>{SHORT_ID_PATTERN})(?:-(?P<slug>[-\w]*))?/$")
    def event(self, request, short, slug=None):
        from . import views

        return views.event_page(self, request, short, slug)

    @re_path(rf"^(?P<short>{SHORT_ID_PATTERN})(?:-(?P<slug>[-\w]*))?/ical/$")
    def event_ical(self, request, short, slug=None):
        from . import views

        return views.event_feed(self, request, short)

    def language_urls(self, request, suffixes=None, query=""):
        """``{language code: URL}`` of this route in each language the page is published in.

        Args:
            suffixes: ``{language code: path after the page's URL}`` or one string for all.
            query: a query string (``?...``) kept in every language.
        """
        urls = {}
        # Plain pages (no join to this model's table): only their URLs are needed.
        translations = Page.objects.filter(translation_key=self.translation_key).live()
        for page in translations.select_related("locale"):
            url = page.get_url(request)
            if not url:
                continue
            code = page.locale.language_code
            suffix = suffixes.get(code, "") if isinstance(suffixes, dict) else (suffixes or "")
            urls[code] = f"{url}{suffix}{query}"
        return urls

    @classmethod
    def for_active_language(cls):
        """The live calendar page of the active language (else of the default one), or None."""
        from .events import active_locale

        pages = cls.objects.live().select_related("locale")
        return pages.filter(locale=active_locale()).first() or pages.order_by("pk").first()
