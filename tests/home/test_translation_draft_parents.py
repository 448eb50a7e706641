"""Translating a page whose parent has no translation in the target language: wagtail-localize
(through Wagtail's ``copy_for_translation(copy_parents=True)``) would create the parent as an
alias, live at once with the source's content. The plugin creates it first as a real draft
translation, so nothing is public until a translator publishes it."""

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from home.models import NewsIndexPage, NewsPage
from tests.engagement.helpers import make_user, set_admin_language
from tests.home.news_factories import locale, make_article

pytestmark = pytest.mark.django_db

SECTION = "Бөлім жаңалықтары"
TITLE = "Бөлімдегі жиналыс"


@pytest.fixture
def editor(client):
    user = make_user("translating-editor", superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def section(demo_site):
    """A kk section page with one article, neither translated."""
    page = NewsIndexPage(title=SECTION, slug="bolim", locale=demo_site.locale)
    demo_site.add_child(instance=page)  # a second index: created in code, as an import would
    page.save_revision().publish()
    make_article(index=page, title=TITLE, slug="zhinalys", lead="Жиналыс туралы")
    return page


@pytest.fixture
def child(section):
    return NewsPage.objects.get(slug="zhinalys", locale=section.locale)


def on_commit():
    """Runs what wagtail-localize and Wagtail defer to the commit, as a real request would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def submit(client, page, locales, include_subtree=False, follow=False):
    data = {"locales": [code.pk for code in locales]}
    if include_subtree:
        data["include_subtree"] = "on"
    with on_commit():
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data,
            follow=follow,
        )
    return response


def translation_of(page, code):
    return Page.objects.get(translation_key=page.translation_key,
                            locale__language_code=code).specific


def assert_unpublished_for_the_public(client, section, child):
    client.logout()
    for code in ("ru", "en"):
        assert client.get(f"/{code}/bolim/").status_code == 404
        assert client.get(f"/{code}/bolim/zhinalys/").status_code == 404
        assert TITLE not in client.get(f"/{code}/feed/").content.decode()
        assert SECTION not in client.get(f"/{code}/").content.decode()  # no menu entry
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/ru/bolim/" not in sitemap and "/en/bolim/" not in sitemap
    assert SECTION not in client.get("/ru/search/", {"q": "Бөлім"}).content.decode()
    kazakh = client.get(section.url).content.decode()
    assert "/ru/bolim/" not in kazakh and 'hreflang="ru"' not in kazakh
    assert 'hreflang="ru"' not in client.get(child.url).content.decode()


def test_the_public_sees_neither_the_new_parent_nor_the_child(client, editor, section, child):
    """The hole: Wagtail made ``/ru/bolim/`` a live alias answering with the kk content."""
    assert submit(client, child, [locale("ru")]).status_code == 302

    assert_unpublished_for_the_public(client, section, child)


def test_translating_a_child_creates_its_missing_parent_as_a_draft(client, editor, section,
                                                                   child):
    response = submit(client, child, [locale("ru")])

    assert response.status_code == 302
    parent = translation_of(section, "ru")
    translated = translation_of(child, "ru")
    assert parent.alias_of_id is None  # a real translation, not an alias of the kk section
    assert parent.live is False and parent.has_unpublished_changes
    assert translated.live is False and translated.get_parent().pk == parent.pk
    # The translator can translate the parent in wagtail-localize's editor.
    assert Translation.objects.get(source__object_id=section.translation_key,
                                   target_locale=locale("ru")).enabled
    assert_unpublished_for_the_public(client, section, child)


def test_the_translator_is_told_and_can_open_the_parent_draft(client, editor, section, child):
    set_admin_language(editor, "en")
    response = submit(client, child, [locale("ru")], follow=True)

    parent = translation_of(section, "ru")
    messages = [str(message) for message in response.context["messages"]]
    assert any(SECTION in message and "draft" in message for message in messages), messages
    assert reverse("wagtailadmin_pages:edit", args=[parent.pk]) in response.content.decode()


@pytest.mark.parametrize("language, word", [("ru", "черновик"), ("kk", "қаралама")])
def test_the_message_is_in_the_translators_language(client, editor, section, child, language,
                                                    word):
    set_admin_language(editor, language)
    response = submit(client, child, [locale("ru")], follow=True)

    messages = " ".join(str(message) for message in response.context["messages"])
    assert word in messages and f"«{SECTION}»" in messages


def test_every_missing_ancestor_is_a_draft_in_every_chosen_locale(client, editor, section, child):
    response = submit(client, child, [locale("ru"), locale("en")])

    assert response.status_code == 302
    for code in ("ru", "en"):
        assert translation_of(section, code).alias_of_id is None
        assert translation_of(section, code).live is False
        assert translation_of(child, code).live is False
    assert_unpublished_for_the_public(client, section, child)


def test_include_subtree_makes_drafts_only(client, editor, section, child):
    response = submit(client, section, [locale("ru")], include_subtree=True)

    assert response.status_code == 302
    assert translation_of(section, "ru").live is False
    assert translation_of(child, "ru").live is False
    assert not Page.objects.filter(locale=locale("ru"), alias_of__isnull=False).exists()
    assert_unpublished_for_the_public(client, section, child)


def test_republishing_the_source_leaves_the_parent_draft_unpublished(client, editor, section,
                                                                     child):
    submit(client, child, [locale("ru")])

    section.title = "Бөлім жаңалықтары (жаңартылды)"
    section.save_revision(user=editor).publish()  # an alias would follow this and go live

    assert translation_of(section, "ru").live is False
    client.logout()
    assert client.get("/ru/bolim/").status_code == 404


def test_an_invalid_submission_creates_nothing(client, editor, section, child):
    response = submit(client, child, [])

    assert response.status_code == 200  # the form again, with its error
    assert not section.has_translation(locale("ru"))


def test_parent_and_child_go_live_as_the_translator_publishes_each(client, editor, section,
                                                                   child):
    submit(client, child, [locale("ru")])
    parent = translation_of(section, "ru")
    translated = translation_of(child, "ru")
    source = Translation.objects.get(source__object_id=section.translation_key,
                                     target_locale=locale("ru")).source
    segment = source.stringsegment_set.select_related("string", "context").get(
        string__data=SECTION
    )
    StringTranslation.objects.create(translation_of=segment.string, locale=locale("ru"),
                                     context=segment.context, data="Новости раздела")

    with on_commit():
        client.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]),
                    {"action": "publish"})
    anonymous = type(client)()
    # The child is the translator's to publish; its draft parent still answers 404.
    assert anonymous.get("/ru/bolim/zhinalys/").status_code == 200
    assert anonymous.get("/ru/bolim/").status_code == 404

    with on_commit():
        client.post(reverse("wagtailadmin_pages:edit", args=[parent.pk]), {"action": "publish"})
    parent.refresh_from_db()
    assert parent.live and parent.title == "Новости раздела"
    response = anonymous.get("/ru/bolim/")
    assert response.status_code == 200 and "Новости раздела" in response.content.decode()
    assert "/ru/bolim/" in anonymous.get("/sitemap.xml").content.decode()
    assert "/ru/bolim/" in anonymous.get(section.url).content.decode()



def test_include_subtree_below_an_untranslated_section_makes_drafts_only(client, editor,
                                                                          section):
    inner = NewsIndexPage(title="Ішкі бөлім", slug="ishki", locale=section.locale)
    section.add_child(instance=inner)  # a deeper tree, made in code as an import could
    inner.save_revision().publish()
    article = make_article(index=inner, title="Ішкі жиналыс", slug="ishki-zhinalys")

    response = submit(client, inner, [locale("ru")], include_subtree=True)

    assert response.status_code == 302
    for page in (section, inner, article):
        translated = translation_of(page, "ru")
        assert translated.alias_of_id is None and translated.live is False
    assert translation_of(article, "ru").get_parent().pk == translation_of(inner, "ru").pk
    client.logout()
    for path in ("/ru/bolim/", "/ru/bolim/ishki/", "/ru/bolim/ishki/ishki-zhinalys/"):
        assert client.get(path).status_code == 404
    assert "/ru/bolim/" not in client.get("/sitemap.xml").content.decode()
