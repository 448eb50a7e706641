"""Malformed search queries never crash a search: every search URL × a table of nasty queries.

Every query reaches the search backend cleaned (``engagement.services.search``): NUL and
control characters stripped, the length and the number of terms capped, quotes balanced and
full-text operators taken as words. Each request answers 200 (the public search may answer
200 with a message), quickly, on whichever database the suite runs.
"""

import time
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page

from engagement.models import Event
from engagement.services.search import MAX_QUERY_LENGTH, MAX_QUERY_TERMS, clean_search_query
from tests.engagement.helpers import district, make_event, make_organiser, make_user

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    pytest.param("a\x00b", id="nul"),
    pytest.param("жоба\x01\x1f\x7f\u200b\ufeff", id="control-characters"),
    pytest.param(" ".join(["сөз"] * 5000), id="5000-words"),
    pytest.param("x" * 10_000, id="10000-characters"),
    pytest.param('"жастар', id="one-quote"),
    pytest.param('"a" "b', id="three-quotes"),
    pytest.param('"(" AND OR NOT * -"', id="fts-operator-soup"),
    pytest.param("a & | ! :*", id="tsquery-operators"),
    pytest.param("NEAR(a b) a:b ^c {d} [e] (f", id="fts5-syntax"),
    pytest.param("(" * 3000 + "a" + ")" * 3000, id="deep-parentheses"),
    pytest.param("NOT " * 500 + "a", id="many-nots"),
    pytest.param("% _ \\ ' ;--", id="sql-like-characters"),
    pytest.param(b"%ED%A0%80%FF%00", id="invalid-utf-8"),  # sent as it is, undecodable
]
#: Seconds a search may take (the issue asks for under 1 s). The machines running the suite
#: are shared and loaded, so a URL whose plain listing or ordinary search already takes
#: longer may take three times that: what must never happen is a query costing far more
#: than a search (a deep expression, a slow cleaning).
TIME_LIMIT = 1.0


def query_string(query):
    return query.decode() if isinstance(query, bytes) else urlencode({"q": query})


def search_urls(home):
    """Every search a visitor or an editor can type into."""
    return [
        "/search/", "/ru/search/", "/en/search/",
        reverse("wagtailsnippets_engagement_event:list"),
        reverse("wagtailsnippets_engagement_event:list_results"),
        reverse("wagtailsnippets_engagement_place:list"),
        reverse("wagtailsnippets_engagement_project:list"),
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_pages:search_results"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_choose_page_search"),
        reverse("wagtailimages_chooser:choose_results"),
        reverse("wagtaildocs_chooser:choose_results"),
        reverse("wagtailsnippetchoosers_engagement_event:choose_results"),
        reverse("wagtailsnippetchoosers_engagement_place:choose_results"),
        reverse("wagtailsnippetchoosers_engagement_project:choose_results"),
        reverse("wagtail_localize:translations_report"),
        reverse("organiser_scopes:index"),
    ]


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_every_search_url_answers_a_nasty_query(client, demo_site, query):
    client.force_login(make_user(superuser=True))
    make_event(title="Жастар кездесуі")
    home = Page.objects.get(pk=demo_site.pk)

    for url in search_urls(home):
        client.get(url, {"q": "жастар"})  # warm-up: templates compiled, caches filled
        ordinary = 0
        # The listing itself, an ordinary search, and the search the query means once cleaned.
        cleaned = "" if isinstance(query, bytes) else clean_search_query(query)
        for plain in ({}, {"q": "жастар"}, {"q": cleaned}):
            started = time.monotonic()
            client.get(url, plain)
            ordinary = max(ordinary, time.monotonic() - started)
        limit = max(TIME_LIMIT, 3 * ordinary)
        # The best of three tries: a query that is slow in itself is slow every time, while a
        # machine busy with something else slows one request now and then.
        elapsed = None
        for _attempt in range(3):
            started = time.monotonic()
            response = client.get(f"{url}?{query_string(query)}")
            took = time.monotonic() - started
            assert response.status_code in (200, 400), (url, response.status_code)
            elapsed = took if elapsed is None else min(elapsed, took)
            if elapsed < limit:
                break
        assert elapsed < limit, (url, elapsed, ordinary)


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_cleaning_is_quick(query):
    if isinstance(query, bytes):
        query = query.decode()
    started = time.monotonic()
    for _ in range(10):
        clean_search_query(query * 10)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("rules", [["talgar-district"], []], ids=["district", "no-rule"])
@pytest.mark.parametrize("query", ["жастар", '"жастар', "a\x00b"])
def test_an_organiser_searches_events(client, rules, query):
    """An organiser's scope filters the search: with a rule, and with none (no event)."""
    make_event(title="Жастар кездесуі")
    client.force_login(make_organiser(districts=[district(slug) for slug in rules]))

    for name in ("wagtailsnippets_engagement_event:list",
                 "wagtailsnippetchoosers_engagement_event:choose_results"):
        response = client.get(reverse(name), {"q": query})
        assert response.status_code == 200, (name, response.status_code)
        assert ("Жастар кездесуі" in response.content.decode()) == (
            bool(rules) and "жастар" in query
        ), name


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("a\x00b", "ab"),  # NUL dropped, the word kept whole
        ("  жастар \t\n жоба ", "жастар жоба"),  # whitespace collapsed
        ('"жастар', "жастар"),  # an unbalanced quote dropped
        ('"жастар жоба" "', '"жастар жоба"'),  # balanced pairs kept, the odd one dropped
        ('"(" AND OR NOT * -"', "AND OR NOT"),  # operators are plain words, symbols go
        ('a"b c"', "a b c"),  # a quote inside a word is no phrase
        ("a & | ! :*", "a"),
        ("(((a)))", "a"),
        ("сөз " * 100, " ".join(["сөз"] * MAX_QUERY_TERMS)),
        ("ж" * 1000, "ж" * MAX_QUERY_LENGTH),
        ("\ud800x", "x"),
    ],
)
def test_clean_search_query(raw, cleaned):
    assert clean_search_query(raw) == cleaned


def test_a_cleaned_query_still_finds(client, demo_site):
    client.force_login(make_user(superuser=True))
    make_event(title="Жастар кездесуі")
    response = client.get(reverse("wagtailsnippets_engagement_event:list"),
                          {"q": "Жастар\x00"})
    assert "Жастар кездесуі" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "notice"),
    [("/events/", "«ab»"), ("/ru/statistics/", "«ab»"), ("/en/events/", "“ab”")],
)
def test_a_nul_character_in_any_other_parameter_is_taken_out(client, demo_site, path, notice):
    # PostgreSQL refuses a NUL in text (a 500); without it the filter is judged as usual.
    response = client.get(path, {"project": "a\x00b"})

    assert response.status_code == 200
    assert notice in response.content.decode()


def test_the_admin_reads_a_locale_with_a_nul_character_without_it(client, demo_site):
    client.force_login(make_user(superuser=True))
    before = Event.objects.count()

    response = client.get("/admin/snippets/engagement/event/add/", {"locale": "ru\x00"})

    assert response.status_code == 200
    assert Event.objects.count() == before
