"""Migration ``home.0007``: news tags become translatable topics, and back.

Going back gives every article (and its translations) the tags of its topics' Kazakh names;
coming forward again makes each tag a Kazakh topic, links the article and its translations to
it (with one translation key per link, shared by the translations), and converts revisions.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Revision

from home.models import NewsPage, Topic

REPORT = "xxviii-reporting-election-conference"


def tags_by_page():
    """``{page id: {(tag name, slug)}}`` read from the old tables."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nt.content_object_id, t.name, t.slug FROM home_newspagetag nt "
            "JOIN taggit_tag t ON t.id = nt.tag_id"
        )
        found = {}
        for page_id, name, slug in cursor.fetchall():
            found.setdefault(page_id, set()).add((name, slug))
        return found


def links(page):
    return {
        (link.topic.name, link.topic.slug, link.topic.locale.language_code): link.translation_key
        for link in NewsPage.objects.get(pk=page.pk).topic_links.select_related("topic__locale")
    }


@pytest.mark.django_db(transaction=True)
def test_tags_become_kazakh_topics_of_articles_and_translations_and_come_back(demo_site):
    pages = {page.locale.language_code: page
             for page in NewsPage.objects.filter(slug=REPORT).select_related("locale")}
    revision = Revision.objects.filter(object_id=str(pages["kk"].pk)).order_by("-pk").first()
    try:
        call_command("migrate", "home", "0006", verbosity=0)

        # Back: the Kazakh topic's name and slug, on the article and on its translations.
        kazakh = {("Конференция", "konferentsiya"), ("Жол картасы", "zhol-kartasy")}
        tags = tags_by_page()
        assert tags[pages["kk"].pk] == tags[pages["ru"].pk] == tags[pages["en"].pk] == kazakh
        old = Revision.objects.get(pk=revision.pk).content
        assert "topic_links" not in old and len(old["tagged_items"]) == 2
        # A tag that only the Russian translation had (an editor added it there).
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO taggit_tag (name, slug) VALUES (%s, %s)",
                           ["Қосымша", "qosymsha"])
            cursor.execute("SELECT id FROM taggit_tag WHERE slug = 'qosymsha'")
            [(extra,)] = cursor.fetchall()
            cursor.execute(
                "INSERT INTO home_newspagetag (content_object_id, tag_id) VALUES (%s, %s)",
                [pages["ru"].pk, extra],
            )

        call_command("migrate", "home", verbosity=0)

        expected = {("Конференция", "konferentsiya", "kk"), ("Жол картасы", "zhol-kartasy", "kk"),
                    ("Қосымша", "qosymsha", "kk")}
        found = {code: links(page) for code, page in pages.items()}
        # Every translation links the same Kazakh topics, with the same translation keys.
        assert set(found["kk"]) == set(found["ru"]) == set(found["en"]) == expected
        assert found["kk"] == found["ru"] == found["en"]
        # One Kazakh topic per tag the news used (the demo's ten and the extra one).
        assert Topic.objects.count() == Topic.objects.filter(locale__language_code="kk").count()
        assert Topic.objects.count() == 11
        # The revision's tags became its topics: a draft opened now keeps them.
        draft = Revision.objects.get(pk=revision.pk).as_object()
        assert {link.topic.name for link in draft.topic_links.all()} == {
            "Конференция", "Жол картасы"
        }
        # The Russian page shows the Kazakh names, marked Kazakh, until they are translated.
        html = Client().get(pages["ru"].url).content.decode()
        assert '<li lang="kk"><a href="/ru/news/?topic=qosymsha">Қосымша</a></li>' in html
        assert Client().get("/ru/news/?topic=qosymsha").content.decode().count(
            'class="news-card"') == 1
    finally:
        call_command("migrate", "home", verbosity=0)
