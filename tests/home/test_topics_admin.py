"""Editors and topics: the news editor offers the page's language's topics, the listing shows
one row per topic in the user's language, and wagtail-localize translates an article's topics."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from engagement.translation import translate_instance
from home.models import NewsPage, NewsPageTopic, Topic
from tests.home.news_factories import make_article, make_topic, news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    assert client.login(username="admin", password="admin")
    return client


def topic_checkboxes(html):
    import re

    return re.findall(r'<input type="checkbox" name="topics" value="(\d+)"', html)


def edit_data(page, topics):
    return nested_form_data({
        "title": page.title, "slug": page.slug, "date": str(page.date), "lead": page.lead,
        "source_name": "", "source_url": "", "body": streamfield([]),
        "project_links-TOTAL_FORMS": "0", "project_links-INITIAL_FORMS": "0",
        "project_links-MIN_NUM_FORMS": "0", "project_links-MAX_NUM_FORMS": "1000",
    }) | {"topics": [str(topic.pk) for topic in topics]}


def test_the_editor_offers_the_topics_of_the_articles_language(admin_client):
    for code in ("kk", "ru"):
        index = news_index(code)
        html = admin_client.get(
            reverse("wagtailadmin_pages:add", args=("home", "newspage", index.pk))
        ).content.decode()

        offered = {int(pk) for pk in topic_checkboxes(html)}
        assert offered == set(Topic.objects.filter(locale__language_code=code)
                              .values_list("pk", flat=True))
        assert len(offered) == 10


def test_an_editor_adds_a_topic_and_the_link_keeps_its_translation_key(admin_client):
    page = make_article(title="Мақала", slug="maqala")
    youth = Topic.objects.get(slug="zhastar", locale__language_code="kk")
    sport = Topic.objects.get(slug="sport", locale__language_code="kk")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    response = admin_client.post(url, edit_data(page, [youth]) | {"action-publish": "1"})
    assert response.status_code == 302
    [first] = NewsPage.objects.get(pk=page.pk).topic_links.all()
    assert first.topic == youth

    admin_client.post(url, edit_data(page, [youth, sport]) | {"action-publish": "1"})
    saved = list(NewsPage.objects.get(pk=page.pk).topic_links.all())
    assert [link.topic for link in saved] == [youth, sport]
    assert saved[0].translation_key == first.translation_key  # matched with its translations
    html = admin_client.get(url).content.decode()
    assert f'value="{youth.pk}"' in html and "checked" in html


def test_a_topic_of_another_language_is_refused_and_nothing_changes(admin_client):
    page = make_article(title="Мақала", slug="maqala-2")
    russian = Topic.objects.get(slug="zhastar", locale__language_code="ru")

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                                 edit_data(page, [russian]) | {"action-publish": "1"})

    assert response.status_code == 200
    assert "topics" in response.context["form"].errors
    assert not NewsPage.objects.get(pk=page.pk).topic_links.exists()


def test_translating_an_article_links_the_topics_translations_or_makes_them(admin_client):
    translated = Topic.objects.get(slug="ardagerler", locale__language_code="kk")
    new = make_topic("new-topic", "Жаңа тақырып")  # not translated yet
    page = make_article(title="Мақала", slug="maqala-3", topics=[translated, new])
    page.save_revision().publish()

    ru = translate_instance(page, Locale.objects.get(language_code="ru"), {"Мақала": "Статья"})

    names = [(link.topic.name, link.topic.locale.language_code)
             for link in NewsPageTopic.objects.filter(page=ru).select_related("topic__locale")]
    # The Russian article links the Russian «Ветераны», and an untranslated copy of the new
    # topic (in Kazakh words until a translator translates it), created for it.
    assert names == [("Ветераны", "ru"), ("Жаңа тақырып", "ru")]
    copy = Topic.objects.get(slug="new-topic", locale__language_code="ru")
    assert copy.translation_key == new.translation_key


def test_the_topics_listing_shows_one_row_per_topic_in_the_users_language(admin_client):
    from wagtail.users.models import UserProfile

    url = reverse("wagtailsnippets_home_topic:list")
    html = admin_client.get(url).content.decode()
    profile = UserProfile.get_for_user(
        admin_client.get(url).wsgi_request.user
    )
    language = profile.get_preferred_language()
    shown = {"kk": "Ардагерлер", "ru": "Ветераны", "en": "Veterans"}
    code = language if language in shown else "kk"
    assert html.count(shown[code]) >= 1
    others = [name for other, name in shown.items() if other != code and name != shown[code]]
    assert not any(f">{name}<" in html for name in others)
    # The locale filter shows the others.
    html = admin_client.get(url, {"locale": "ru"}).content.decode()
    assert "Ветераны" in html and "Ардагерлер" not in html


def test_topics_are_in_the_settings_menu(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("wagtailsnippets_home_topic:list") in html


def test_a_topic_without_a_slug_gets_one_from_its_name():
    topic = Topic.objects.create(name="Жаңа жоба", locale=Locale.objects.get(language_code="kk"))
    again = Topic.objects.create(name="Жаңа жоба", locale=Locale.objects.get(language_code="kk"))

    assert (topic.slug, again.slug) == ("жаңа-жоба", "жаңа-жоба-2")


def test_a_topic_added_to_a_translated_article_is_copied_and_synced_into_its_language():
    page = make_article(title="Мақала", slug="maqala-4")
    page.save_revision().publish()
    russian = Locale.objects.get(language_code="ru")
    translate_instance(page, russian, {"Мақала": "Статья"})
    new = make_topic("later-topic", "Кейін қосылған")

    page = NewsPage.objects.get(pk=page.pk)
    page.topic_links = [NewsPageTopic(topic=new)]
    page.save_revision().publish()  # the editor publishes the Kazakh article with the topic

    copy = Topic.objects.get(translation_key=new.translation_key, locale=russian)
    assert copy.name == "Кейін қосылған"  # untranslated until a translator translates it
    ru = translate_instance(page, russian, {})  # "Sync translated pages"
    assert [link.topic for link in NewsPageTopic.objects.filter(page=ru)] == [copy]
