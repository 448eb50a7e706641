"""Project pages: ``/events/projects/`` and ``/events/projects/<slug>/`` in kk, ru and en.

A project's page shows its description, audience and colour, its upcoming events (and not
those of other projects, nor past ones), its news in the reader's language, and its figures
from the statistics service; an untranslated project is shown in Kazakh with a note and
``lang``. Event pages and the calendar's project filter link to it; the sitemap lists it.
"""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from engagement.models import Event, Project
from engagement.public.projects import accent_colour, contrast_ratio, name_sort_key
from engagement.stats import StatsQuery, get_statistics
from home.models import NewsPage
from tests.utils import find_tags, html_lang

from .helpers import PAGES, event, event_path, fresh_project

pytestmark = pytest.mark.django_db

DEMO = "kedergisiz-keleshek"


def project_path(slug, language="kk"):
    return f"{PAGES[language]}projects/{slug}/"


def translate_project(source, code, **fields):
    return Project.objects.create(
        translation_key=source.translation_key, locale=Locale.objects.get(language_code=code),
        slug=source.slug, colour=source.colour, **fields,
    )


def section(html, heading_id):
    """The HTML of the ``<section>`` labelled by ``heading_id``."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start:html.index("</section>", start)]


def demo_project(language):
    """The demo's «Кедергісіз келешек» as the reader of ``language`` sees it."""
    rows = Project.objects.filter(slug=DEMO)
    return (rows.filter(locale__language_code=language).first()
            or rows.get(locale__language_code="kk"))


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Партия жобалары"), ("ru", "Партийные проекты"), ("en", "Party projects")],
)
def test_index_lists_the_projects_in_the_readers_language_with_links(
    client, language, heading
):
    response = client.get(f"{PAGES[language]}projects/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == language
    assert f"<h1>{heading}</h1>" in html
    name = escape(demo_project(language).name)
    assert f'<a href="{project_path(DEMO, language)}">{name}</a>' in html
    assert demo_project(language).audience in html


@pytest.mark.parametrize(
    ("language", "about", "who"),
    [("kk", "Жоба туралы", "Кімге арналған:"), ("ru", "О проекте", "Для кого:"),
     ("en", "About the project", "Who it is for:")],
)
def test_project_page_shows_description_audience_and_colour(client, language, about, who):
    mine = fresh_project()
    mine.description, mine.audience, mine.colour = "Сипаттама.", "Жастар", "#ffd700"
    mine.save()
    if language != "kk":
        translate_project(mine, language, name=f"Name {language}", audience=f"Youth {language}",
                          description=f"Description {language}.")
    shown = Project.objects.get(slug=mine.slug, locale__language_code=language)

    html = client.get(project_path(mine.slug, language)).content.decode()

    assert html_lang(html) == language
    assert f"<h1>{shown.name}</h1>" in html
    assert f'<span class="eg-project__label">{who}</span> <span>{shown.audience}</span>' in html
    assert f'<h2 id="eg-project-about">{about}</h2>' in html
    assert f"<p>{shown.description}</p>" in html
    # The colour is an accent given through a nonced <style>, darkened to 4.5:1 on white
    # (gold on white would be unreadable).
    style = re.search(rf"\.eg-project--{mine.slug} \{{ --eg-accent: (#[0-9a-f]{{6}}); \}}", html)
    assert style is not None and style.group(1) != "#ffd700"
    assert contrast_ratio(style.group(1), "#ffffff") >= 4.5
    assert "style=" not in html.split("<main", 1)[1]
    assert 'role="note"' not in html  # translated: no fallback note


def test_project_page_lists_its_upcoming_events_only(client):
    mine, other = fresh_project(), fresh_project()
    soon = event(mine, title="Жақында болатын кездесу")
    event(mine, timezone.now() - datetime.timedelta(days=30), title="Өткен кездесу")
    event(other, title="Басқа жобаның кездесуі")
    event(mine, title="Жоба жобасы", live=False)

    html = client.get(project_path(mine.slug)).content.decode()

    events = section(html, "eg-project-events")
    assert "Жақында болатын кездесу" in events
    assert f'href="{event_path(soon)[:-1]}-' in events
    assert "Өткен кездесу" not in events
    assert "Басқа жобаның кездесуі" not in events
    assert "Жоба жобасы" not in events
    assert f'href="/events/?project={mine.slug}"' in events


def test_project_page_without_upcoming_events_says_so(client):
    quiet = fresh_project()

    html = client.get(project_path(quiet.slug, "ru")).content.decode()

    assert "Сейчас мероприятия этого проекта не запланированы." in section(
        html, "eg-project-events"
    )
    assert "Новостей об этом проекте пока нет." in section(html, "eg-project-news")


def test_project_page_figures_are_those_of_the_statistics_service(client):
    mine = fresh_project()
    past = timezone.now() - datetime.timedelta(days=20)
    event(mine, past, participants=120)
    event(mine, past - datetime.timedelta(days=2), participants=35,
          district_slug="karasay-district")
    event(mine)  # planned: not counted as held

    html = client.get(project_path(mine.slug, "en")).content.decode()

    statistics = get_statistics(StatsQuery(projects=frozenset({mine.pk})))
    assert (statistics.total.events, statistics.total.participants) == (2, 155)
    figures = section(html, "eg-project-figures")
    assert '<dd data-total="events">2</dd>' in figures
    assert '<dd data-total="participants">155</dd>' in figures
    assert '<dd data-total="upcoming">1</dd>' in figures
    # Each district links to the events of the project there.
    assert f'href="/en/events/?project={mine.slug}&amp;district=talgar-district"' in figures


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("kk", "Мүмкіндігі шектеулі жандарға арналған спорттық ойындар"),
        ("ru", "Спортивные игры для людей с инвалидностью"),
    ],
)
def test_project_page_lists_its_news_in_the_readers_language(client, language, title):
    html = client.get(project_path(DEMO, language)).content.decode()

    news = section(html, "eg-project-news")
    assert title in news
    article = NewsPage.objects.get(locale__language_code=language, title=title)
    assert f'href="{article.url}"' in news
    # An article about another project is not listed.
    assert "Бақытты" not in news and "семьи" not in news.lower()


def test_project_news_come_through_the_configured_lookup(client, settings):
    settings.ENGAGEMENT_NEWS_PROJECT_LOOKUP = None
    html = client.get(project_path(DEMO, "ru")).content.decode()
    assert "Новостей об этом проекте пока нет." in section(html, "eg-project-news")

    settings.ENGAGEMENT_NEWS_PROJECT_LOOKUP = "no_such_field__project"
    response = client.get(project_path(DEMO, "ru"))
    assert response.status_code == 200


def test_untranslated_project_is_shown_in_kazakh_with_a_note(client):
    mine = fresh_project()
    mine.description = "Қазақша сипаттама."
    mine.save()

    html = client.get(project_path(mine.slug, "ru")).content.decode()

    assert html_lang(html) == "ru"
    assert "Этот проект ещё не переведён на русский язык" in html
    assert f'<h1 lang="kk">{mine.name}</h1>' in html
    assert '<div class="eg-project__description" lang="kk"><p>Қазақша сипаттама.</p></div>' in html


def test_translated_project_is_shown_in_that_language(client):
    mine = fresh_project()
    translate_project(mine, "en", name="Calendar test in English", audience="Testers")

    html = client.get(project_path(mine.slug, "en")).content.decode()

    assert "<h1>Calendar test in English</h1>" in html
    assert "Testers" in html
    assert "not been translated" not in html


@pytest.mark.parametrize("path", [
    "/events/projects/atlantis/", "/ru/events/projects/no-such-project/",
    "/events/projects/%D0%B0/", "/events/projects/a%00b/",
])
def test_unknown_project_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_language_switcher_keeps_the_project_route(client):
    html = client.get(project_path(DEMO, "ru")).content.decode()

    links = {a["hreflang"]: a["href"] for a in find_tags(html, "a") if "hreflang" in a}
    assert links == {"kk": project_path(DEMO, "kk"), "en": project_path(DEMO, "en")}


def test_event_page_and_calendar_filter_link_to_the_project_page(client):
    mine = fresh_project()
    source = event(mine)

    page = client.get(event_path(source), follow=True).content.decode()
    assert f'href="/events/projects/{mine.slug}/"' in page

    listing = client.get("/ru/events/", {"project": mine.slug}).content.decode()
    assert f'<a href="/ru/events/projects/{mine.slug}/">О проекте: {mine.name}</a>' in listing


def test_sitemap_lists_the_project_pages_with_their_translations(client):
    xml = client.get("/sitemap.xml").content.decode()

    entry = xml[xml.index(f"<loc>http://testserver/ru/events/projects/{DEMO}/</loc>"):]
    entry = entry[:entry.index("</url>")]
    assert (f'hreflang="kk" href="http://testserver/events/projects/{DEMO}/"') in entry
    assert (f'hreflang="en" href="http://testserver/en/events/projects/{DEMO}/"') in entry
    assert "<loc>http://testserver/en/events/projects/</loc>" in xml


def test_project_page_query_count_does_not_grow_with_its_events(
    client, django_assert_max_num_queries
):
    small, large = fresh_project(), fresh_project()
    for number in range(2):
        event(small, timezone.now() + datetime.timedelta(days=2 + number))
    for number in range(40):
        event(large, timezone.now() + datetime.timedelta(days=2 + number))
    counts = {}
    for project in (small, large):
        client.get(project_path(project.slug, "ru"))  # fills per-process caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(project_path(project.slug, "ru")).status_code == 200
        counts[project.slug] = len(context.captured_queries)
    assert counts[small.slug] == counts[large.slug]
    with django_assert_max_num_queries(26):  # issue 15 wants at most 12
        client.get(project_path(large.slug, "ru"))


@pytest.mark.parametrize(
    "colour", ["#0b3d91", "#ffff00", "#ffffff", "#8a4b00", "#1d6b3a", "nonsense", ""],
)
def test_accent_colour_keeps_aa_contrast_on_white(colour):
    accent = accent_colour(colour)

    assert re.match(r"^#[0-9a-f]{6}$", accent)
    assert contrast_ratio(accent, "#ffffff") >= 4.5


def test_a_dark_colour_is_kept_as_it_is():
    assert accent_colour("#0B3D91") == "#0b3d91"


def test_names_sort_in_kazakh_alphabetical_order():
    names = ["Өрлеу", "«Ақ жол»", "Әділет", "«Бірлік»", "Орда", "Іргелі", "Ізгі", "Ы"]

    assert sorted(names, key=name_sort_key) == [
        "«Ақ жол»", "Әділет", "«Бірлік»", "Орда", "Өрлеу", "Ы", "Ізгі", "Іргелі",
    ]


def test_inactive_project_keeps_its_page_but_leaves_the_index(client):
    mine = fresh_project()
    mine.active = False
    mine.save()

    assert client.get(project_path(mine.slug)).status_code == 200
    index = client.get("/events/projects/").content.decode()
    assert project_path(mine.slug) not in index
    assert Event.objects.filter(project=mine).count() == 0
