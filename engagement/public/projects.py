"""Party projects in public: the list of projects and each project's page.

Both are routes of :class:`~engagement.public.models.EventCalendarPage` (``projects/`` and
``projects/<slug>/``), so a host site gets them with its calendar. A project is shown in the
reader's language when it has a translation there, else in the default language's text,
marked as a fallback so that templates say so and set ``lang`` on it.

A project's news come from the host's news page model (``ENGAGEMENT_NEWS_PAGE_MODEL``, the
model that "related news" of events already point at) through the lookup
``ENGAGEMENT_NEWS_PROJECT_LOOKUP`` from that model to :class:`~engagement.models.Project`
(``"project_links__project"`` for a through-model); the plugin never imports the site.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import FieldError
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.images.models import Filter

from engagement import conf
from engagement.collation import sort_key
from engagement.models import Project
from engagement.models.i18n import default_language_code
from engagement.stats import StatsQuery, get_statistics
from engagement.stats.catalogue import Catalogue

from .events import LIST_DEFERRED, active_locale, public_events, wrap

#: Upcoming events shown on a project's page (the calendar lists them all).
PROJECT_EVENTS = 6
#: News articles shown on a project's page.
PROJECT_NEWS = 4
#: Districts shown with their figures on a project's page.
PROJECT_DISTRICTS = 5
#: The renditions of a project's logo, in the order of ``{% picture_for %}``'s sources.
LOGO_SPECS = Filter.expand_spec(["format-{avif,webp,png}", "max-160x160"])

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_COLOUR = "#0b3d91"


def name_sort_key(name, language="kk"):
    """A sort key that puts names in the alphabetical order of ``language`` (leading quotation
    marks are not letters: «Бақытты отбасы» sorts under Б); see :mod:`engagement.collation`."""
    return sort_key(name, language)


def _luminance(colour):
    channels = []
    for index in (1, 3, 5):
        value = int(colour[index:index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def accent_colour(colour, background="#ffffff", minimum=4.5):
    """``colour``, darkened step by step until it has ``minimum`` contrast on ``background``.

    Projects choose their colour for charts; pages use it as an accent (borders, the logo's
    frame, links of the project's cards). 4.5:1 makes it safe even as the colour of text,
    more than the 3:1 that WCAG asks of graphics.
    """
    if not _HEX.match(colour or ""):
        colour = DEFAULT_COLOUR
    colour = colour.lower()
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    while contrast_ratio(colour, background) < minimum:
        red, green, blue = (int(value * 0.9) for value in (red, green, blue))
        colour = f"#{red:02x}{green:02x}{blue:02x}"
    return colour


@dataclass
class PublicProject:
    """A project as the public sees it: the canonical row's facts, the reader's text."""

    canonical: Project  # the default language's row: events and statistics use its id
    shown: Project  # the row of the reader's language, else the canonical one
    language: str  # the language the reader asked for
    base_url: str = ""  # the URL of the calendar page

    @property
    def fallback(self):
        """True when the project is shown in the default language for want of a translation."""
        return self.shown.locale.language_code != self.language

    @property
    def text_language(self):
        return self.shown.locale.language_code

    @property
    def pk(self):
        return self.canonical.pk

    @property
    def slug(self):
        return self.canonical.slug

    @property
    def name(self):
        return self.shown.name

    @property
    def description(self):
        return self.shown.description

    @property
    def audience(self):
        return self.shown.audience

    @property
    def logo(self):
        return self.canonical.logo

    @cached_property
    def accent(self):
        return accent_colour(self.canonical.colour)

    @property
    def url(self):
        return f"{self.base_url}projects/{self.slug}/"

    @property
    def events_url(self):
        return f"{self.base_url}?project={self.slug}"


def public_projects(locale=None, base_url="", active_only=True):
    """The projects in the reader's language (one query), in Kazakh alphabetical order.

    Args:
        locale: the reader's locale (the active one by default).
        base_url: the URL of the calendar page the project pages are under.
        active_only: leave out projects marked as no longer active.

    Returns:
        A list of :class:`PublicProject`.
    """
    locale = locale or active_locale()
    default_code = default_language_code()
    rows = Project.objects.party().filter(
        locale__language_code__in={default_code, locale.language_code}
    ).select_related("locale", "logo")
    canonical, shown = {}, {}
    for row in rows:
        if row.locale.language_code == default_code:
            canonical[row.translation_key] = row
        if row.locale_id == locale.pk:
            shown[row.translation_key] = row
    projects = [
        PublicProject(canonical=row, shown=shown.get(key, row), language=locale.language_code,
                      base_url=base_url)
        for key, row in canonical.items()
        if row.active or not active_only
    ]
    return sorted(projects, key=lambda project: name_sort_key(project.name, locale.language_code))


def prefetch_logos(projects):
    """Fetch the logo renditions of every project in one query."""
    from engagement.images import prefetch_renditions

    prefetch_renditions([project.logo for project in projects], LOGO_SPECS)


def upcoming_counts():
    """``{canonical project id: number of public events still running or ahead}``."""
    rows = (
        public_events().filter(end__gte=timezone.now())
        .values("project_id").annotate(count=Count("pk")).order_by()
    )
    return {row["project_id"]: row["count"] for row in rows}


def project_cards(projects):
    """``[{project, figures, upcoming}]``: each project with its totals (statistics service,
    cached) and its number of upcoming events. Three queries whatever the number of projects."""
    statistics = get_statistics(StatsQuery())
    upcoming = upcoming_counts()
    prefetch_logos(projects)
    return [
        {
            "project": project,
            "figures": statistics.by_project.get(project.pk),
            "upcoming": upcoming.get(project.pk, 0),
        }
        for project in projects
    ]


def project_news(project, locale, limit=PROJECT_NEWS):
    """The live news articles of ``locale`` about ``project`` (newest first), or ``[]`` when
    the host has no news model or lookup to projects."""
    model, lookup = conf.news_page_model(), conf.get("ENGAGEMENT_NEWS_PROJECT_LOOKUP")
    if model is None or not lookup:
        return []
    try:
        pages = (
            model.objects.live().public().filter(locale=locale)
            .filter(pk__in=model.objects.filter(
                **{f"{lookup}__translation_key": project.canonical.translation_key}
            ).values("pk"))
            .order_by(*conf.get("ENGAGEMENT_NEWS_ORDERING"))
        )
        if hasattr(pages, "defer_streamfields"):
            pages = pages.defer_streamfields()
        return list(pages[:limit])
    except FieldError:
        # A lookup that does not fit the model is a configuration mistake, not a 500.
        return []


def statistics_url(project):
    """The statistics page of the active language filtered by ``project``, or ``None``."""
    from engagement.models import StatisticsPage

    page = StatisticsPage.objects.live().filter(locale=active_locale()).first()
    return f"{page.url}?project={project.slug}" if page and page.url else None


def find_project(slug, locale, base_url):
    """The :class:`PublicProject` with ``slug`` (active or not), or ``None``."""
    for project in public_projects(locale, base_url=base_url, active_only=False):
        if project.slug == slug:
            return project
    return None


def project_index(page, request):
    projects = public_projects(active_locale(), base_url=page.url)
    context = {
        "base_template": conf.base_template(),
        "cards": project_cards(projects),
        "projects": projects,
        "logo_specs": LOGO_SPECS,
        "language_urls": page.language_urls(request, "projects/"),
    }
    return page.render(request, context_overrides=context,
                       template="engagement/public/project_index.html")


def project_page(page, request, slug):
    locale = active_locale()
    project = find_project(slug, locale, page.url)
    if project is None:
        raise Http404
    prefetch_logos([project])
    statistics = get_statistics(StatsQuery(projects=frozenset({project.pk})))
    names = Catalogue()
    events = (
        public_events().filter(project_id=project.pk, end__gte=timezone.now())
        .order_by("start", "pk").select_related("locale").defer(*LIST_DEFERRED)
    )
    districts = [
        {"district": names.place(pk), "figures": figures,
         "url": f"{project.events_url}&district={names.place(pk).slug}"}
        for pk, figures in list(statistics.by_district.items())[:PROJECT_DISTRICTS]
    ]
    feed_url = request.build_absolute_uri(f"{page.url}ical/?project={project.slug}")
    context = {
        "base_template": conf.base_template(),
        "project": project,
        "projects": [project],
        "logo_specs": LOGO_SPECS,
        "names": names,
        "figures": statistics.total,
        "districts": districts,
        "events": wrap(events[:PROJECT_EVENTS], locale, base_url=page.url,
                       defer=LIST_DEFERRED),
        "upcoming": upcoming_counts().get(project.pk, 0),
        "news": project_news(project, locale),
        "statistics_url": statistics_url(project),
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "absolute_url": request.build_absolute_uri(project.url),
        "language_urls": page.language_urls(request, f"projects/{project.slug}/"),
    }
    return page.render(request, context_overrides=context,
                       template="engagement/public/project_page.html")


def sitemap_urls(page, request):
    """Sitemap entries of the project index and the active projects' pages under ``page``,
    in the order of their slugs (the same in every language, so translations line up)."""
    base = page.get_full_url(request)
    if not base:
        return []
    lastmod = page.last_published_at or page.latest_revision_created_at
    slugs = sorted(
        Project.objects.party()
        .filter(locale__language_code=default_language_code(), active=True)
        .values_list("slug", flat=True)
    )
    return [{"location": f"{base}projects/", "lastmod": lastmod}] + [
        {"location": f"{base}projects/{slug}/", "lastmod": lastmod} for slug in slugs
    ]
