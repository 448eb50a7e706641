"""Translating a page creates a draft: nothing is public in the target language until a
translator publishes it (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False)."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from home.models import NewsPage
from tests.engagement.helpers import make_user
from tests.home.news_factories import make_article

pytestmark = pytest.mark.django_db

TITLE = "Аудандық жиналыс өтті"


def ru():
    return Locale.objects.get(language_code="ru")


@pytest.fixture
def editor(client):
    user = make_user("translating-editor", superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Runs what wagtail-localize defers to the commit, as a real request would."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def article(demo_site):
    return make_article(title=TITLE, slug="audandyq-zhinalys", lead="Жиналыс туралы")


def submit_translation(client, page, locale, capture):
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(translation_key=page.translation_key, locale=locale)


def publish_in_editor(client, translated_page, capture):
    """What the translation editor's "Publish in Russian" button posts (wagtail-localize
    publishes on commit)."""
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[translated_page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    translated_page.refresh_from_db()
    return translated_page


def test_the_setting_is_off():
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


def test_translate_this_page_creates_a_draft_that_is_public_nowhere(client, editor, article,
                                                                    capture):
    draft = submit_translation(client, article, ru(), capture)

    assert draft.live is False
    assert draft.has_unpublished_changes
    assert Translation.objects.get(source__object_id=article.translation_key).enabled
    # Not served, not listed, not in the feed, the sitemap or search.
    client.logout()
    assert client.get(f"/ru/news/{draft.slug}/").status_code == 404
    assert TITLE not in client.get("/ru/news/").content.decode()
    assert TITLE not in client.get("/ru/feed/").content.decode()
    assert f"/ru/news/{draft.slug}/" not in client.get("/sitemap.xml").content.decode()
    assert TITLE not in client.get("/ru/search/", {"q": "жиналыс"}).content.decode()
    # The kk page's language switcher and hreflang do not link the draft.
    kazakh = client.get(article.url).content.decode()
    assert f"/ru/news/{draft.slug}/" not in kazakh
    assert 'hreflang="ru"' not in kazakh


def test_the_translation_goes_live_when_the_translator_publishes(client, editor, article, capture):
    draft = submit_translation(client, article, ru(), capture)
    source = Translation.objects.get(target_locale=ru(),
                                     source__object_id=article.translation_key).source
    segment = source.stringsegment_set.select_related("string", "context").get(
        string__data=TITLE
    )
    StringTranslation.objects.create(
        translation_of=segment.string, locale=ru(), context=segment.context,
        data="Прошло районное собрание",
    )

    published = publish_in_editor(client, draft, capture)

    assert published.live and published.title == "Прошло районное собрание"
    client.logout()
    assert client.get(f"/ru/news/{published.slug}/").status_code == 200
    assert "Прошло районное собрание" in client.get("/ru/news/").content.decode()
    assert "Прошло районное собрание" in client.get("/ru/feed/").content.decode()
    assert f"/ru/news/{published.slug}/" in client.get("/sitemap.xml").content.decode()
    assert f"/ru/news/{published.slug}/" in client.get(article.url).content.decode()


def test_a_draft_source_gives_a_draft_translation_too(client, editor, demo_site, capture):
    article = make_article(title="Қаралама мақала", slug="qaralama", publish=False)

    draft = submit_translation(client, article, ru(), capture)

    assert draft.live is False


def test_sync_without_publishing_leaves_the_public_translation_as_it_was(client, editor, article,
                                                                         capture):
    draft = submit_translation(client, article, ru(), capture)
    publish_in_editor(client, draft, capture)
    article.title = "Аудандық жиналыс: толықтырылды"
    article.save_revision(user=editor).publish()
    source = Translation.objects.get(target_locale=ru(),
                                     source__object_id=article.translation_key).source

    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.title == TITLE  # the ru page still shows what was published
