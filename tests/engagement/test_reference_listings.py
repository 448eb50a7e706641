"""Admin listings and choosers of places and projects: one row per object in the user's
language, in that language's alphabetical order, with the locale filter to see the others; and
the event listing's district filter in the same order."""

import html
import json
import re

import pytest

from engagement.collation import sort_key
from engagement.models import Place

from .helpers import listed_titles, make_user
from .test_collation import DISTRICTS

pytestmark = pytest.mark.django_db

PLACES = "/admin/snippets/engagement/place/"
PROJECTS = "/admin/snippets/engagement/project/"
PLACE_CHOOSER = "/admin/snippets/choose/engagement/place/"
_CHOICE = re.compile(r'<a[^>]*data-chooser-modal-choice[^>]*>\s*(.*?)\s*</a>', re.S)
_OPTION = re.compile(r'<option value="([^"]*)"[^>]*>(.*?)</option>', re.S)


def admin(client, language):
    client.force_login(make_user(superuser=True, language=language))
    return client


def chooser_titles(response):
    return [html.unescape(title) for title in _CHOICE.findall(json.loads(response.content)["html"])]


def districts_only(language):
    """The written-out order of the districts (``kind=district``: the cities left out)."""
    names = set(Place.objects.filter(locale__language_code=language, kind="district")
                .values_list("name", flat=True))
    return [name for name in DISTRICTS[language] if name in names]


def select_options(page, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no select {name}"
    return [html.unescape(label).strip() for value, label in _OPTION.findall(select[1]) if value]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_place_listing_shows_each_district_once_in_the_users_language_and_order(
    client, language, django_assert_max_num_queries
):
    admin(client, language)

    with django_assert_max_num_queries(50):
        response = client.get(PLACES, {"kind": "district"})

    assert response.status_code == 200
    assert listed_titles(response) == districts_only(language)


def test_the_place_listing_does_not_grow_in_queries_with_its_rows(
    client, django_assert_num_queries
):
    """17 districts or 3 cities: the same number of queries."""
    admin(client, "kk")
    client.get(PLACES, {"kind": "district"})  # warm the per-process caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(PLACES, {"kind": "city"})
    with django_assert_num_queries(len(few)):
        client.get(PLACES, {"kind": "district"})


def test_the_locale_filter_shows_another_language_in_its_own_order(client):
    admin(client, "kk")

    response = client.get(PLACES, {"kind": "district", "locale": "ru"})

    assert listed_titles(response) == districts_only("ru")
    # "Belongs to" speaks the row's language too.
    page = response.content.decode()
    assert "Алматинская область" in page
    assert "Алматы облысы" not in page


def test_all_languages_is_still_one_choice_away(client):
    admin(client, "kk")

    every = listed_titles(client.get(PLACES, {"kind": "district", "locale": ""}))

    # One order for them all, the user's (Kazakh puts Cyrillic before Latin), 50 to a page.
    names = districts_only("kk") + districts_only("ru") + districts_only("en")
    assert every == sorted(names, key=lambda name: sort_key(name, "kk"))[:50]


def test_the_name_column_sorts_backwards_in_kazakh_order(client):
    admin(client, "kk")

    backwards = listed_titles(client.get(PLACES, {"kind": "district", "ordering": "-name"}))

    assert backwards == districts_only("kk")[::-1]


def test_searching_an_alphabetical_listing_works(client):
    from wagtail.search.backends import get_search_backend

    for place in Place.objects.filter(slug="talgar-district"):
        get_search_backend().add(place)  # the migrations' rows are not in the index
    admin(client, "kk")

    response = client.get(PLACES, {"q": "Талғар", "ordering": "name"})

    assert response.status_code == 200
    assert "Талғар ауданы" in listed_titles(response)
    assert "Талгарский район" not in listed_titles(response)


def test_the_project_listing_shows_one_row_per_project(client):
    admin(client, "ru")

    titles = listed_titles(client.get(PROJECTS))

    assert len(titles) == 4
    assert all("описательно" not in title for title in titles)
    assert titles == sorted(titles, key=lambda name: sort_key(name, "ru"))
    assert titles[0].startswith("«Ардагерлерді ардақтайық» («Почитаем")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_place_chooser_lists_the_users_language_in_order(client, language):
    admin(client, language)

    titles = chooser_titles(client.get(PLACE_CHOOSER))

    expected = sorted(
        Place.objects.filter(locale__language_code=language).values_list("name", flat=True),
        key=lambda name: (sort_key(name, language), name),
    )
    assert titles == expected[:len(titles)]
    assert len(titles) == 10  # the chooser's first page


def test_the_place_chooser_filters_other_languages_on_request(client):
    admin(client, "kk")

    titles = chooser_titles(client.get(PLACE_CHOOSER, {"locale": "en"}))

    assert titles[0] == "Aksu District"
    assert all(re.match(r"[A-Z]", title) for title in titles)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_event_listings_district_filter_is_in_the_users_order(client, language):
    admin(client, language)

    page = client.get("/admin/snippets/engagement/event/").content.decode()

    assert select_options(page, "district") == DISTRICTS[language]


def test_the_place_choosers_all_languages_choice_lists_every_row(client):
    admin(client, "kk")

    response = client.get(PLACE_CHOOSER + "results/", {"locale": "", "q": ""})
    page = response.content.decode()
    titles = [html.unescape(title) for title in _CHOICE.findall(page)]

    assert response.status_code == 200
    assert len(titles) == 10
    every = Place.objects.values_list("name", flat=True)
    assert titles == sorted(every, key=lambda name: (sort_key(name, "kk"), name))[:10]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_event_forms_districts_are_in_the_users_order(client, language):
    admin(client, language)

    page = client.get("/admin/snippets/engagement/event/add/").content.decode()

    assert select_options(page, "district") == DISTRICTS[language]
