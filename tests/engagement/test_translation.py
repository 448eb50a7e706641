"""translate_instance: real wagtail-localize translations, published at once."""

import pytest
from wagtail.models import Locale

from engagement.translation import translate_instance
from home.models import NewsPage
from tests.home.news_factories import make_article

pytestmark = pytest.mark.django_db


def test_translation_of_a_page_is_published_with_the_given_strings():
    page = make_article(title="Source title", slug="source-page", lead="Source lead")
    page.save_revision().publish()
    ru = Locale.objects.get(language_code="ru")

    translated = translate_instance(page, ru, {"Source title": "Заголовок"})

    assert isinstance(translated, NewsPage)
    assert translated.live and translated.title == "Заголовок"
    assert translated.lead == "Source lead"  # not in the mapping: the source text


def test_translated_page_that_gets_children_in_the_same_transaction_stays_a_parent(
    client, django_capture_on_commit_callbacks
):
    """Regression: wagtail-localize publishes on commit, from an in-memory copy whose tree
    data (numchild) is stale by then, so the page's children answered 404."""
    en = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(title="Parent check", slug="parent-check")
        page.save_revision().publish()
        translated = translate_instance(page, en, {"Parent check": "Parent in English"})
        child = NewsPage(title="Child", slug="child", locale=en, live=True)
        translated.add_child(instance=child)

    assert client.get("/en/news/parent-check/").status_code == 200
    assert client.get("/en/news/parent-check/child/").status_code == 200
