from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "locales": Locale.objects.count(),
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_load_demo_creates_three_linked_live_home_pages():
    homes = HomePage.objects.select_related("locale").order_by("locale__language_code")

    assert [home.locale.language_code for home in homes] == ["en", "kk", "ru"]
    assert len({home.translation_key for home in homes}) == 1
    assert all(home.live for home in homes)
    assert Site.objects.get(is_default_site=True).root_page.specific.locale.language_code == "kk"


def test_russian_home_page_is_a_wagtail_localize_translation():
    from wagtail_localize.models import Translation

    ru = Locale.objects.get(language_code="ru")
    kk_home = HomePage.objects.get(locale__language_code="kk")

    translation = Translation.objects.get(
        source__object_id=kk_home.translation_key, target_locale=ru
    )
    assert translation.get_target_instance().title == "Алматинский областной филиал"


def test_load_demo_twice_changes_nothing():
    before = counts()
    output = StringIO()

    call_command("load_demo", stdout=output)

    assert counts() == before
    assert "Created" not in output.getvalue()
    assert "http://127.0.0.1:8000/admin/" in output.getvalue()


def test_load_demo_keeps_an_editors_changes():
    home = HomePage.objects.get(locale__language_code="kk")
    home.intro = "Редактор өзгерткен мәтін"
    home.save_revision().publish()

    call_command("load_demo", verbosity=0)

    home.refresh_from_db()
    assert home.intro == "Редактор өзгерткен мәтін"


def test_load_demo_creates_a_working_administrator(client):
    assert client.login(username="admin", password="admin")
    assert client.get("/admin/").status_code == 200


def statistics_pages():
    from engagement.models import StatisticsPage

    return {
        page.locale.language_code: page
        for page in StatisticsPage.objects.select_related("locale")
    }


def give_the_old_demo_titles():
    """The statistics page as an earlier load_demo left it: «Нәтижелер», «Итоги», «Results»."""
    from engagement.translation import translate_instance
    from home.demo_news import segment_text

    kk = statistics_pages()["kk"]
    kk.title = kk.draft_title = "Нәтижелер"
    kk.save_revision().publish()
    for code, title in (("ru", "Итоги"), ("en", "Results")):
        translate_instance(
            kk, Locale.objects.get(language_code=code), {segment_text("Нәтижелер"): title}
        )
    assert {code: page.title for code, page in statistics_pages().items()} == {
        "kk": "Нәтижелер", "ru": "Итоги", "en": "Results",
    }


def test_load_demo_gives_the_statistics_page_its_new_title_in_every_language():
    give_the_old_demo_titles()
    output = StringIO()

    call_command("load_demo", stdout=output)

    pages = statistics_pages()
    assert {code: page.title for code, page in pages.items()} == {
        "kk": "Статистика", "ru": "Статистика", "en": "Statistics",
    }
    assert all(page.live and not page.has_unpublished_changes for page in pages.values())
    assert "Renamed the statistics page" in output.getvalue()

    again = StringIO()
    call_command("load_demo", stdout=again)
    assert "Renamed" not in again.getvalue()


def test_load_demo_leaves_a_statistics_title_an_editor_typed():
    give_the_old_demo_titles()
    kk = statistics_pages()["kk"]
    kk.title = kk.draft_title = "Партия сандармен"
    kk.save_revision().publish()

    call_command("load_demo", verbosity=0)

    titles = {code: page.title for code, page in statistics_pages().items()}
    assert titles == {"kk": "Партия сандармен", "ru": "Итоги", "en": "Results"}


def test_load_demo_prints_english_although_the_site_speaks_kazakh(settings):
    assert settings.LANGUAGE_CODE == "kk"
    output = StringIO()

    call_command("load_demo", stdout=output)

    assert "Demo site ready. Admin: http://127.0.0.1:8000/admin/" in output.getvalue()
    assert "Демо-сайт" not in output.getvalue()
