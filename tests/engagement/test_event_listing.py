"""The admin event listing: filters, search, participants column and its query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from engagement.models import Event
from engagement.translation import translate_instance

from .forms import event_url
from .helpers import (
    almaty,
    district,
    future,
    listed_titles,
    make_event,
    make_organiser,
    make_user,
    project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(superuser=True, language="en"))
    return client


def listing(client, **params):
    return client.get(event_url("list"), params)


def test_the_listing_shows_participants_with_how_they_were_counted(admin_client):
    make_event(title="Санақ", participants=1234567, count_kind="verified")

    html = listing(admin_client, q="Санақ").content.decode()

    assert re.search(r"1,234,567<br><span[^>]*>\(verified\)</span>", html)


def test_search_finds_titles(admin_client):
    make_event(title="Ерекше семинар Қарасайда")
    make_event(title="Басқа кездесу")

    titles = listed_titles(listing(admin_client, q="Ерекше"))

    assert titles == ["Ерекше семинар Қарасайда"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"project": "youth"}, {"Жастар"}),
        ({"district": "karasay-district"}, {"Қарасай"}),
        ({"status": "planned"}, {"Алдағы"}),
        ({"status": "cancelled"}, {"Өтпеген"}),
        ({"count_kind": "verified"}, {"Жастар"}),
        # 00:30 on 1 March 2024 in Almaty (UTC+5 from that day) is still 29 February in UTC.
        ({"start_from": "2024-03-01", "start_to": "2024-03-01"}, {"Наурыз"}),
        ({"start_from": "2024-02-29", "start_to": "2024-02-29"}, {"Ақпан"}),
    ],
)
def test_filters(admin_client, params, expected):
    youth, other = project("youth"), project("other")
    talgar, karasay = district("talgar-district"), district("karasay-district")
    make_event(youth, talgar, "Жастар", start=almaty(2023, 5, 1), participants=10,
               count_kind="verified")
    make_event(other, karasay, "Қарасай", start=almaty(2023, 5, 2))
    make_event(other, talgar, "Алдағы", start=future())
    make_event(other, talgar, "Өтпеген", start=almaty(2023, 5, 3), cancelled=True,
               cancellation_reason="Жаңбыр")
    make_event(other, talgar, "Наурыз", start=almaty(2024, 3, 1, 0, 30))
    make_event(other, talgar, "Ақпан", start=almaty(2024, 2, 29, 23, 30))
    if "project" in params:
        params["project"] = project(params["project"]).pk
    if "district" in params:
        params["district"] = district(params["district"]).pk
    ours = {"Жастар", "Қарасай", "Алдағы", "Өтпеген", "Наурыз", "Ақпан"}

    titles = set(listed_titles(listing(admin_client, per_page=100, **params))) & ours

    assert titles == expected


def test_the_locale_filter_shows_translations(admin_client):
    event = make_event(title="Аударылатын")
    admin = make_user(superuser=True)
    translate_instance(event, Locale.objects.get(language_code="ru"),
                       {"Аударылатын": "Переводимое"}, user=admin)

    titles = listed_titles(listing(admin_client, locale="ru", per_page=100))

    assert "Переводимое" in titles
    assert "Аударылатын" not in titles


def count_listing_queries(client, per_page):
    with CaptureQueriesContext(connection) as queries:
        response = listing(client, per_page=per_page)
    assert response.status_code == 200
    assert len(listed_titles(response)) == per_page
    return len(queries)


@pytest.mark.parametrize("who", ["administrator", "organiser"])
def test_the_query_count_does_not_grow_with_the_rows_shown(client, who):
    talgar = district("talgar-district")
    admin = make_user(superuser=True)
    events = [make_event(district_=talgar, title=f"Жол {n}") for n in range(110)]
    # Some rows have translations and wagtail-localize sources: their buttons differ.
    for event in events[:3]:
        translate_instance(event, Locale.objects.get(language_code="ru"), {}, user=admin)
    user = admin if who == "administrator" else make_organiser(districts=[talgar])
    client.force_login(user)
    listing(client)  # warm caches (content types, locales) shared by every request

    twenty = count_listing_queries(client, 20)
    hundred = count_listing_queries(client, 100)

    assert hundred == twenty


def test_rows_offer_translate_and_sync_buttons(admin_client):
    admin = make_user(superuser=True)
    translated = make_event(title="Аударылған")
    translate_instance(translated, Locale.objects.get(language_code="ru"), {}, user=admin)
    make_event(title="Аударылмаған")

    html = listing(admin_client, q="Аудар", locale="kk").content.decode()

    # The aria-labels: both rows miss a translation (en), one has a source to sync.
    assert html.count("Translate &#x27;") == 2
    assert html.count("Sync translations of &#x27;") == 1
    assert Event.objects.filter(translation_key=translated.translation_key).count() == 2
