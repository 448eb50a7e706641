"""Search that forgives: keyboards, ё, case, prefixes and word forms, on the site and in the admin.

Each rule has a row: an article says a word one way, the query says it another.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.news_factories import make_article, news_index

pytestmark = pytest.mark.django_db

KK_TITLE = "Қаһарман ұстаз Мөлдір Әсемқызы Ғылым орталығында Теңге қорынан Үміттің Білімі"
RU_TITLE = "Ёлочный базар у Талғарского районного акимата"


def titles(html):
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


@pytest.fixture
def articles():
    make_article(title=KK_TITLE, slug="forgiving-kk")
    make_article(index=news_index("ru"), title=RU_TITLE, slug="forgiving-ru")


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/search/", "Кахарман"),     # һ → х, қ → к
        ("/search/", "устаз"),        # ұ → у
        ("/search/", "Молдир"),       # ө → о, і → и
        ("/search/", "Асемкызы"),     # ә → а
        ("/search/", "гылым"),        # ғ → г
        ("/search/", "тенге"),        # ң → н
        ("/search/", "умиттин"),      # ү → у, і → и, ң → н
        ("/search/", "Бiлiмi"),       # Latin i typed for і
        ("/search/", "ҚАҺАРМАН"),     # case
        ("/ru/search/", "елочный"),   # ё → е
        ("/ru/search/", "Талгарского"),
        ("/search/", "Қаһар"),        # a prefix
        ("/search/", "орталық"),      # orталығында: a form of the word
        ("/search/", "Ғылымға"),      # another form: dative of Ғылым
        ("/search/", "үміт"),         # Үміттің: genitive
        ("/search/", "қорлары"),      # қорынан: a plural + possessive query
    ],
)
def test_a_word_is_found_however_it_is_typed(client, articles, url, query):
    expected = KK_TITLE if url == "/search/" else RU_TITLE
    assert expected in titles(client.get(url, {"q": query}).content.decode())


def test_a_prefix_of_the_report_finds_it(client):
    html = client.get("/search/", {"q": "конференц"}).content.decode()

    assert ("Облыстық партия филиалының XXVIII есеп беру-сайлау конференциясы өтті"
            in titles(html))


def test_unrelated_words_still_find_nothing(client, articles):
    html = client.get("/search/", {"q": "зебрарог"}).content.decode()

    assert titles(html) == [] and "search-elsewhere" not in html


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="Russian word forms come from PostgreSQL's russian configuration")
@pytest.mark.parametrize("query", ["молодежи", "молодёжью", "озеленения"])
def test_russian_word_forms_match_on_postgresql(client, query):
    html = client.get("/ru/search/", {"q": query}).content.decode()

    assert "Молодёжь приняла участие в озеленении сёл" in titles(html)


def test_matches_in_other_languages_are_counted_and_linked(client, articles,
                                                           django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        html = client.get("/ru/search/", {"q": "Кахарман"}).content.decode()

    assert titles(html) == []
    links = re.findall(r'<li><a href="([^"]*)" hreflang="(\w+)">([^<]*)</a></li>', html)
    assert links == [("/search/?q=%D0%9A%D0%B0%D1%85%D0%B0%D1%80%D0%BC%D0%B0%D0%BD", "kk",
                      "Қазақша: 1 результат")]
    followed = client.get(links[0][0]).content.decode()
    assert KK_TITLE in titles(followed)


def test_the_note_uses_the_page_language_and_plural(client, articles):
    html = client.get("/search/", {"q": "елочный"}).content.decode()
    assert "Русский: 1 нәтиже" in html
    html = client.get("/en/search/", {"q": "Кахарман"}).content.decode()
    assert "1 result in Қазақша" in html


def test_the_other_languages_add_a_fixed_number_of_queries(client, articles):
    client.get("/en/search/", {"q": "Кахарман"})  # warm the caches (site, locales)
    with CaptureQueriesContext(connection) as one:
        client.get("/en/search/", {"q": "Кахарман"})
    make_article(title="Қаһарман екінші", slug="forgiving-kk-2")
    make_article(title="Қаһарман үшінші", slug="forgiving-kk-3")
    with CaptureQueriesContext(connection) as three:
        html = client.get("/en/search/", {"q": "Кахарман"}).content.decode()

    assert "3 results in Қазақша" in html
    assert len(three) == len(one)


def test_admin_event_and_page_search_fold_too(admin_client, articles):
    from engagement.models import Event

    event = Event.objects.filter(locale__language_code="kk", title__contains="Талғар").first()
    assert event is not None
    html = admin_client.get("/admin/snippets/engagement/event/", {"q": "Талгар"}).content.decode()
    assert event.title in html
    html = admin_client.get("/admin/pages/search/", {"q": "кахарман"}).content.decode()
    assert KK_TITLE in html


def test_the_count_includes_the_events_found(client):
    html = client.get("/search/", {"q": "Талгар"}).content.decode()
    events = re.findall(r'<li><a href="/events/[^"]+">([^<]*)</a>', html)

    assert len(events) >= 5  # the demo's events in Талғар (the town and the district)
    count = re.search(r'class="search-count" role="status">([^<]*)<', html).group(1)
    assert count == f"«Талгар» бойынша {len(events) + len(titles(html))} нәтиже"
