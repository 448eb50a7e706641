"""Each Locale is looked up once per request (``engagement.locale_memo``), never across
requests, and not at all outside one."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from engagement import locale_memo

pytestmark = pytest.mark.django_db

LOOKUP = re.compile(r'"wagtailcore_locale"\."language_code" = ')


def locale_lookups(queries):
    return [query["sql"] for query in queries if LOOKUP.search(query["sql"])]


@pytest.mark.parametrize("path", ["/", "/ru/", "/en/events/", "/ru/events/projects/"])
def test_a_page_looks_each_locale_up_at_most_once(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    # Each look-up (the active language's, the default one's) at most once: before, the
    # front page made the same one six times.
    lookups = locale_lookups(context.captured_queries)
    assert lookups
    assert len(lookups) == len(set(lookups))


def test_the_next_request_looks_the_locale_up_again(client):
    client.get("/ru/")
    with CaptureQueriesContext(connection) as first:
        client.get("/ru/")
    with CaptureQueriesContext(connection) as second:
        client.get("/ru/")
    assert locale_lookups(first.captured_queries)
    assert locale_lookups(second.captured_queries) == locale_lookups(first.captured_queries)


def test_outside_a_request_every_call_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        Locale.objects.get_for_language("ru")
        Locale.objects.get_for_language("ru")


def test_saving_a_locale_drops_the_memo(django_assert_num_queries):
    # What request_started and request_finished do (sending those would close the test's
    # database connection).
    locale_memo._start()
    try:
        ru = Locale.objects.get_for_language("ru")
        with django_assert_num_queries(0):
            assert Locale.objects.get_for_language("ru") is ru
        ru.save()
        with django_assert_num_queries(1):
            assert Locale.objects.get_for_language("ru") is not ru
    finally:
        locale_memo._finish()
