"""The search page: Wagtail search, one language at a time, never an error page."""

import re

import pytest

from tests.home.news_factories import make_article
from tests.utils import html_lang

pytestmark = pytest.mark.django_db


def result_titles(html):
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


def test_search_page_has_a_labelled_form(client):
    response = client.get("/ru/search/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "ru"
    assert '<form method="get" action="/ru/search/" role="search"' in html
    assert '<label for="search-query">' in html and 'id="search-query"' in html


@pytest.mark.parametrize(
    ("url", "query", "title"),
    [
        ("/search/", "конференциясы", "Облыстық партия филиалының XXVIII есеп беру-сайлау "
                                      "конференциясы өтті"),
        ("/ru/search/", "конференция", "Прошла XXVIII отчётно-выборная конференция областного "
                                       "филиала партии"),
        ("/en/search/", "conference", "The party’s regional branch holds its 28th "
                                      "reporting-election conference"),
    ],
)
def test_search_finds_the_report_in_each_language(client, url, query, title):
    html = client.get(url, {"q": query}).content.decode()

    assert title in result_titles(html)


def test_search_results_are_limited_to_the_current_language(client):
    # "113" (events) is in the lead of all three versions of the report.
    for url in ("/search/", "/ru/search/", "/en/search/"):
        html = client.get(url, {"q": "113"}).content.decode()
        titles = result_titles(html)

        assert len(titles) == 1, (url, titles)
    ru = result_titles(client.get("/ru/search/", {"q": "113"}).content.decode())
    assert ru == ["Прошла XXVIII отчётно-выборная конференция областного филиала партии"]


def test_search_finds_text_in_the_body(client):
    make_article(title="Body search", body=[("paragraph", "<p>Unmistakable zebracorn text</p>")])

    html = client.get("/search/", {"q": "zebracorn"}).content.decode()

    assert result_titles(html) == ["Body search"]


@pytest.mark.parametrize(
    "query",
    ["'", '"', "&|!():*", "a" * 200, "AND OR NOT", "%", "\\", "<script>alert(1)</script>",
     "конференция -", "*"],
)
def test_odd_queries_never_fail(client, query):
    response = client.get("/en/search/", {"q": query, "page": "x"})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_too_long_query_is_refused_with_a_message(client):
    response = client.get("/ru/search/", {"q": "a" * 201})

    assert response.status_code == 200
    assert "Слишком длинный текст поиска" in response.content.decode()


def test_empty_query_shows_only_the_form(client):
    html = client.get("/en/search/", {"q": "   "}).content.decode()

    assert "search-results" not in html and "search-count" not in html
