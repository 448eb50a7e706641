"""The language switcher never dead-ends: untranslated pages link to the nearest translated
ancestor with a note there, filters are kept where the page opened reads them, a 404 links to
the home pages; the note cannot be made to show what is not public."""

import datetime
import re
from urllib.parse import quote

import pytest
from wagtail.models import Page, PageViewRestriction

from engagement.models import EventCalendarPage, StatisticsPage
from home.models import HomePage, NewsIndexPage
from tests.home.news_factories import locale, make_article, news_index
from tests.utils import find_tags, hreflang_alternates

pytestmark = pytest.mark.django_db

TITLE = "Талғарда жастар форумы өтті"


def switcher(html):
    return re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)


def switcher_links(html):
    """``{language: (href, is_fallback)}`` of the switcher's links."""
    nav = switcher(html)
    links = {}
    for match in re.finditer(r'<a (class="language-switcher__fallback" )?href="([^"]*)"'
                             r'(?: hreflang="(\w+)")?[^>]*>(?:<span lang="(\w+)">)?', nav):
        fallback, href, hreflang, lang = match.groups()
        links[hreflang or lang] = (href.replace("&amp;", "&"), bool(fallback))
    return links


def note(html):
    match = re.search(r'<div class="notice notice--untranslated">(.*?)</div>', html, re.S)
    return match.group(1) if match else None


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def kazakh_only():
    """A live kk article with no translation."""
    return make_article(title=TITLE, slug="talgar-youth-forum", date=datetime.date(2021, 3, 5))


def test_an_untranslated_article_links_the_news_index_of_each_language(client, kazakh_only):
    html = get(client, kazakh_only.url)

    assert switcher_links(html) == {
        "ru": (f"/ru/news/?untranslated={kazakh_only.pk}", True),
        "en": (f"/en/news/?untranslated={kazakh_only.pk}", True),
    }
    # The news index is not the article in another language: no hreflang alternate.
    assert set(hreflang_alternates(html)) == {"kk", "x-default"}
    assert "(this page is not translated: the link opens the nearest page that is)" not in html
    assert "(бұл бет аударылмаған: сілтеме аударылған ең жақын бетті ашады)" in switcher(html)


def test_the_fallback_keeps_the_filters_the_index_reads_and_drops_the_rest(client, kazakh_only):
    html = get(client, kazakh_only.url, utm_source="telegram", year="2021", topic="жастар",
               page="", project="jastar-otanga")

    href, fallback = switcher_links(html)["ru"]
    assert fallback
    assert href == (f"/ru/news/?topic=%D0%B6%D0%B0%D1%81%D1%82%D0%B0%D1%80&project=jastar-otanga"
                    f"&year=2021&untranslated={kazakh_only.pk}")


@pytest.mark.parametrize(
    ("url", "message", "read_it_in"),
    [
        ("/ru/news/", "Выбранная новость ещё не переведена на русский язык, поэтому открыта "
                      "ближайшая страница на русском.", "Читать на казахском языке:"),
        ("/en/news/", "The article you chose has not been translated into English yet, so the "
                      "nearest page in English has opened.", "Read it in Kazakh:"),
        ("/en/", "The article you chose has not been translated into English yet, so the "
                 "nearest page in English has opened.", "Read it in Kazakh:"),
    ],
)
def test_the_page_opened_says_the_article_is_not_translated(
    client, kazakh_only, url, message, read_it_in
):
    html = get(client, url, untranslated=kazakh_only.pk)

    assert note(html) == (
        f"<p>{message}</p><p>{read_it_in} <a href=\"{kazakh_only.url}\" hreflang=\"kk\" "
        f"lang=\"kk\">{TITLE}</a></p>"
    )
    # The note is inside the main content, before the page's own heading.
    main = html[html.index("<main"):]
    assert main.index("notice--untranslated") < main.index("<h1>")


def test_a_russian_only_article_gets_a_kazakh_note(client):
    article = make_article(index=news_index("ru"), title="Только по-русски", slug="ru-only")

    html = get(client, article.url)
    assert switcher_links(html)["kk"] == (f"/news/?untranslated={article.pk}", True)

    kazakh = note(get(client, "/news/", untranslated=article.pk))
    assert "Таңдалған жаңалық әлі қазақ тіліне аударылмаған" in kazakh
    assert "Орыс тілінде оқу:" in kazakh and 'lang="ru">Только по-русски</a>' in kazakh


def test_with_no_news_index_in_that_language_the_home_page_is_the_nearest(client, kazakh_only):
    NewsIndexPage.objects.get(locale__language_code="en").unpublish()

    links = switcher_links(get(client, kazakh_only.url, year="2021"))

    assert links["en"] == (f"/en/?untranslated={kazakh_only.pk}", True)  # home reads no filter
    assert links["ru"] == (f"/ru/news/?year=2021&untranslated={kazakh_only.pk}", True)


def test_a_language_without_any_translated_ancestor_has_no_link(client, kazakh_only):
    HomePage.objects.get(locale__language_code="en").unpublish()
    NewsIndexPage.objects.get(locale__language_code="en").unpublish()

    html = get(client, kazakh_only.url)

    assert "en" not in switcher_links(html)
    assert 'class="language-switcher__missing" lang="en"' in html


def test_an_untranslated_calendar_links_the_home_page_with_a_page_note(client):
    calendar = EventCalendarPage.objects.get(locale__language_code="kk")
    EventCalendarPage.objects.get(locale__language_code="en").unpublish()

    for path in ("/events/", "/events/2026/12/", "/events/projects/"):
        links = switcher_links(get(client, path))
        assert links["en"] == (f"/en/?untranslated={calendar.pk}", True), path
        assert links["ru"][0].startswith(f"/ru/events/{path.removeprefix('/events/')}")

    text = note(get(client, "/en/", untranslated=calendar.pk))
    assert text.startswith("<p>The page you chose has not been translated into English yet")


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1e3", "²", "99999999999", "", " 5", "5 "],
)
def test_a_malformed_untranslated_value_shows_no_note_and_no_error(client, value):
    assert note(get(client, "/ru/news/", untranslated=value)) is None


def test_the_note_never_shows_a_page_that_is_not_public(client, kazakh_only):
    draft = make_article(title="Жоба", slug="draft-article", publish=False)
    private = make_article(title="Жабық жаңалық", slug="private-article")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    translated = Page.objects.get(url_path__endswith="/news/family-day-2021/",
                                  locale__language_code="kk")
    root = Page.objects.get(depth=1)

    for page in (draft, private, translated, root):
        html = get(client, "/ru/news/", untranslated=page.pk)
        assert note(html) is None, page.title
    assert "Жабық жаңалық" not in html and "Жоба" not in html
    # Nor on a page of the article's own language.
    assert note(get(client, "/news/", untranslated=kazakh_only.pk)) is None


def test_the_note_is_not_in_the_canonical_url_nor_in_the_pages_links(client, kazakh_only):
    for number in range(13):
        make_article(index=news_index("ru"), title=f"Старая {number}", slug=f"old-{number}",
                     date=datetime.date(2019, 1, number + 1))

    html = get(client, "/ru/news/", year="2019", untranslated=kazakh_only.pk)

    canonical = next(link for link in find_tags(html, "link") if link.get("rel") == "canonical")
    assert canonical["href"] == "http://testserver/ru/news/?year=2019"
    assert 'href="?year=2019&amp;page=2"' in html
    assert "untranslated" not in switcher(html)
    assert "untranslated" not in html[html.index('<nav class="pagination"'):]


def test_the_news_index_keeps_its_filters_in_every_language(client):
    html = get(client, "/news/", topic="жастар", project="jastar-otanga", year="2021",
               page="1", fbclid="x")

    query = "?topic=%D0%B6%D0%B0%D1%81%D1%82%D0%B0%D1%80" \
            "&project=jastar-otanga&year=2021&page=1"
    assert switcher_links(html) == {"ru": (f"/ru/news/{query}", False),
                                    "en": (f"/en/news/{query}", False)}
    assert hreflang_alternates(html)["ru"] == f"http://testserver/ru/news/{query}"


def test_the_statistics_page_keeps_its_filters_repeated_ones_too(client):
    html = get(client, "/ru/statistics/?project=a&project=b&district=talgar-district"
                       "&year=2021&status=held&q=x")

    query = "?project=a&project=b&district=talgar-district&year=2021"
    assert switcher_links(html) == {"kk": (f"/statistics/{query}", False),
                                    "en": (f"/en/statistics/{query}", False)}
    assert StatisticsPage.language_switch_parameters == ("project", "district", "year")


def test_a_translated_article_links_its_translations_without_a_note(client):
    html = get(client, "/news/family-day-2021/", year="2021")

    links = switcher_links(html)
    assert links == {"ru": ("/ru/news/family-day-2021/", False),
                     "en": ("/en/news/family-day-2021/", False)}  # an article reads no filter


@pytest.mark.parametrize("path", ["/ru/news/no-such-article/", "/events/no-such/x/",
                                  "/en/open-data/nothing/"])
def test_a_missing_page_links_the_home_page_of_each_language(client, path):
    response = client.get(path)

    assert response.status_code == 404
    links = switcher_links(response.content.decode())
    expected = {"kk": "/", "ru": "/ru/", "en": "/en/"}
    current = "en" if path.startswith("/en/") else "ru" if path.startswith("/ru/") else "kk"
    assert links == {code: (url, True) for code, url in expected.items() if code != current}


def test_a_view_of_its_own_keeps_its_path_and_query(client):
    links = switcher_links(get(client, "/search/", q="конференция"))

    assert links["ru"] == ("/ru/search/?q=" + quote("конференция"), False)


def test_the_switcher_costs_one_query_however_many_languages_fall_back(
    client, kazakh_only, django_assert_max_num_queries
):
    def count(url):
        client.get(url)
        with django_assert_max_num_queries(60) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    untranslated = count(kazakh_only.url)
    for code in ("ru", "en"):
        copy = kazakh_only.copy_for_translation(locale(code))
        copy.save_revision().publish()
    assert count(kazakh_only.url) == untranslated
    assert switcher_links(get(client, kazakh_only.url))["ru"][1] is False
    # The note costs two queries (the page, the view restrictions), none without it.
    kazakh_only.get_translation(locale("ru")).unpublish()
    assert count(f"/ru/news/?untranslated={kazakh_only.pk}") <= count("/ru/news/") + 2
