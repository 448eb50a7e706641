"""The Wagtail admin in Kazakh (issue 13, point 1).

Wagtail and wagtail-localize ship no kk catalogue; ``cms/wagtail_admin/locale/kk`` holds the
project's (``django`` and ``djangojs`` domains), second in ``LOCALE_PATHS`` so that the
project's own entries win. These tests check that kk is the admin's first language and the
default, that the catalogue covers every string of Wagtail's catalogues of the screens editors
and organisers meet (and keeps their placeholders), and crawl those screens as an editor and
as an organiser, failing on any text that is still one of Wagtail's English strings.
"""

import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.i18n import JSONCatalog
from wagtail.admin.paginator import WagtailPaginator
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page

from engagement.models import Event
from engagement.translation import translate_instance
from home.models import NewsPage

from .admin_text import (
    ALLOWLIST,
    PLACEHOLDER,
    catalogue_paths,
    english_leftovers,
    visible_texts,
)
from .engagement.forms import event_form_data
from .engagement.helpers import district, make_event, make_organiser, make_user, project

ROOT = Path(__file__).resolve().parents[1]
KK_CATALOGUES = ROOT / "cms" / "wagtail_admin" / "locale" / "kk" / "LC_MESSAGES"
WAGTAIL_TEMPLATES = Path(__import__("wagtail").__file__).parent / "admin" / "templates"

#: The overrides of Wagtail's templates: the English typed into each, and what replaces it.
TEMPLATE_FIXES = {
    "wagtailadmin/home.html": (
        '<input type="submit" value="Search" class="button" />',
        '<input type="submit" value="{% trans "Search" %}" class="button" />',
    ),
    "wagtailadmin/shared/header.html": (
        '<input type="submit" value="Search" class="button" />',
        '<input type="submit" value="{% trans "Search" %}" class="button" />',
    ),
    "wagtailadmin/shared/headers/_actions.html": (
        '<nav aria-label="Actions"',
        '{% load i18n %}<nav aria-label="{% trans "Actions" %}"',
    ),
    "wagtailadmin/shared/user_avatar.html": (
        "{% if not username %}{{ user }}{% else %}",
        '{% if not username %}{{ user|default_if_none:"" }}{% else %}',
    ),
}


def kk_text(entry, domain_catalogue=None):
    """The kk text of a Wagtail catalogue entry as the running site translates it."""
    if domain_catalogue is not None:
        value = domain_catalogue.get(entry.msgid if not entry.msgctxt else
                                     f"{entry.msgctxt}\x04{entry.msgid}")
        if isinstance(value, list):
            return value[0]
        return value
    with translation.override("kk"):
        if entry.msgid_plural:
            return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1) \
                if entry.msgctxt else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
        if entry.msgctxt:
            return translation.pgettext(entry.msgctxt, entry.msgid)
        return translation.gettext(entry.msgid)


def js_catalogue():
    merged = {}
    with translation.override("kk"):
        for package in ("wagtail.admin", "wagtail_localize"):
            response = JSONCatalog.as_view(packages=[package])(RequestFactory().get("/"))
            merged.update(json.loads(response.content)["catalog"])
    return merged


def coverage():
    """(covered, left) msgids of Wagtail's catalogues, by domain."""
    js = js_catalogue()
    result = {"django": [0, []], "djangojs": [0, []]}
    seen = set()
    for domain, path in catalogue_paths():
        for entry in polib.pofile(str(path)):
            key = (domain, entry.msgctxt, entry.msgid)
            if entry.obsolete or key in seen:
                continue
            seen.add(key)
            text = kk_text(entry, js if domain == "djangojs" else None)
            unchanged_is_right = entry.msgid in ALLOWLIST or not re.search(
                r"[A-Za-z]", PLACEHOLDER.sub("", entry.msgid)
            )
            if text and (text != entry.msgid or unchanged_is_right):
                result[domain][0] += 1
            else:
                result[domain][1].append(entry.msgid)
    return result


# Languages.


def test_kk_is_the_first_admin_language():
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES[0] == ("kk", "Қазақша")
    assert {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES} == {
        "kk", "ru", "en"
    }


@pytest.mark.django_db
def test_a_user_who_chose_no_language_gets_the_admin_in_kazakh(client):
    """Whatever the browser asks for: the admin's URLs have no prefix, so the language is kk."""
    client.force_login(make_user(groups=["Editors"]))

    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en,ru;q=0.8")

    html = response.content.decode()
    assert '<html lang="kk"' in html
    assert "Басқару тақтасы" in html
    assert "Dashboard" not in visible_texts(html)


@pytest.mark.django_db
def test_the_account_settings_offer_kazakh_and_keep_the_choice(client):
    user = make_user(groups=["Editors"])
    client.force_login(user)
    url = reverse("wagtailadmin_account")

    html = client.get(url).content.decode()
    assert '<option value="kk"' in html

    response = client.post(url, {
        "locale-preferred_language": "ru",
        "locale-current_time_zone": "Asia/Almaty",
        "name_email-first_name": "Айгүл", "name_email-last_name": "Сейітова",
        "name_email-email": user.email,
        "theme-theme": "system", "theme-contrast": "system", "theme-density": "default",
        "notifications-submitted_notifications": "on",
    })
    assert response.status_code == 302
    user.wagtail_userprofile.refresh_from_db()
    assert user.wagtail_userprofile.preferred_language == "ru"
    assert "Панель управления" in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_menu_labels_follow_each_users_language_not_the_first_requests(client):
    """Wagtail builds its menus once per process: labels it formats there ("Translations",
    "What's new in Wagtail 8.0") would stay in the first request's language for everyone."""
    from wagtail.admin.menu import help_menu, reports_menu

    for menu in (reports_menu, help_menu):  # as in a process that has served no admin page
        menu.__dict__.pop("registered_menu_items", None)
    from wagtail.users.models import UserProfile

    english = make_user(groups=["Editors"])
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(english)
    first = visible_texts(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "Translations" in first and "What's new in Wagtail 8.0" in first

    client.force_login(make_user(groups=["Editors"]))
    texts = visible_texts(client.get(reverse("wagtailadmin_home")).content.decode())

    assert "Аудармалар" in texts and "Wagtail 8.0 нұсқасында не жаңа" in texts
    assert "Translations" not in texts and "What's new in Wagtail 8.0" not in texts


# The catalogue.


def test_the_kk_catalogue_covers_every_string_of_wagtails_catalogues(capsys):
    result = coverage()

    with capsys.disabled():
        for domain, (covered, left) in result.items():
            print(f"\nWagtail admin in kk, {domain}: {covered} translated, {len(left)} left")
    assert not result["django"][1], result["django"][1][:50]
    assert not result["djangojs"][1], result["djangojs"][1][:50]
    # More than the check could pass by accident with an empty catalogue: Wagtail 8 has these.
    assert result["django"][0] > 1_600
    assert result["djangojs"][0] > 120


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_each_kk_entry_keeps_the_placeholders_and_tags_of_its_msgid(domain):
    catalogue = polib.pofile(str(KK_CATALOGUES / f"{domain}.po"))
    wrong = []
    for entry in catalogue:
        pairs = (
            [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
            if entry.msgid_plural else [(entry.msgid, entry.msgstr)]
        )
        for source, text in pairs:
            tags = re.compile(r"</?([a-zA-Z]+)")
            if (
                sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
                or sorted(tags.findall(source)) != sorted(tags.findall(text))
            ):
                wrong.append(f"{source!r} → {text!r}")
    assert len(catalogue) > 100
    assert not wrong, "\n".join(wrong)


def test_the_kk_catalogue_has_kazakh_plural_forms_and_is_sorted():
    for domain in ("django", "djangojs"):
        catalogue = polib.pofile(str(KK_CATALOGUES / f"{domain}.po"))
        assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n!=1);"
        keys = [(entry.msgid.lower(), entry.msgid, entry.msgctxt or "") for entry in catalogue]
        assert keys == sorted(keys)
        assert len(keys) == len(set(keys))


def test_the_projects_own_entries_win_over_the_wagtail_catalogue():
    """cms/locale is first in LOCALE_PATHS; the plugin's catalogue (an app's) is not
    overridden because the Wagtail catalogue leaves out the msgids the plugin translates."""
    assert settings.LOCALE_PATHS[0] == ROOT / "cms" / "locale"
    project_msgids = set()
    for path in ROOT.glob("*/locale/kk/LC_MESSAGES/django.po"):
        project_msgids |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))}
    wagtail_kk = {(e.msgctxt, e.msgid) for e in polib.pofile(str(KK_CATALOGUES / "django.po"))}
    assert not project_msgids & wagtail_kk
    with translation.override("kk"):
        # The plugin's word for an event's format, and Wagtail's "Cancelled" as the plugin
        # words it («Тоқтатылды», tests/test_terminology.py).
        assert translation.gettext("Cancelled") == "Тоқтатылды"


def test_the_javascript_catalogues_are_in_kazakh():
    js = js_catalogue()

    assert js["Page explorer"] == "Беттер тізімі"
    assert js["Insert a block"] == "Блок кірістіру"
    assert js["Download PO file"] == "PO файлын жүктеп алу"


def test_the_date_picker_names_months_and_weekdays_in_kazakh():
    """Wagtail's picker takes them from Django; Django's kk «Сб» for Tuesday reads Saturday."""
    from wagtail.admin.localization import get_js_translation_strings

    with translation.override("kk"):
        strings = get_js_translation_strings()
    assert strings["MONTHS"][0] == "Қаңтар"
    assert strings["WEEKDAYS_SHORT"] == ["Жс", "Дс", "Сс", "Ср", "Бс", "Жм", "Сн"]


def test_a_listing_counts_in_the_kazakh_singular():
    paginator = WagtailPaginator(Event.objects.none(), 20)
    paginator.count = 18
    with translation.override("kk"):
        assert paginator.items_count_label == "18 іс-шара"
    paginator = WagtailPaginator(Event.objects.none(), 20)
    paginator.count = 18
    with translation.override("ru"):
        assert paginator.items_count_label.startswith("18 ")
        assert paginator.items_count_label != "18 іс-шара"


@pytest.mark.parametrize("name", sorted(TEMPLATE_FIXES))
def test_each_template_override_is_wagtails_with_its_one_string_translated(name):
    """On a Wagtail upgrade this fails until the override is copied again from the new one."""
    old, new = TEMPLATE_FIXES[name]
    original = (WAGTAIL_TEMPLATES / name).read_text()
    override = (ROOT / "templates" / name).read_text()

    assert original.count(old) == 1
    without_note = "".join(
        line for line in override.splitlines(keepends=True)
        if not line.startswith("{# Wagtail 8's template")
    )
    assert without_note == original.replace(old, new)


# The screens.


@pytest.fixture
def screens(db):
    """The objects the screens show: an event in the organiser's scope (with a revision, a
    Russian translation), the conference news page and its Russian translation, an image."""
    from wagtail.images.models import Image

    admin = make_user(superuser=True)
    talgar = district("talgar-district")
    event = make_event(project(), talgar, title="Жастар форумы")
    event.save_revision(user=admin).publish()
    translated_event = translate_instance(
        event, Locale.objects.get(language_code="ru"), {"Жастар форумы": "Молодёжный форум"},
        user=admin,
    )
    news = NewsPage.objects.filter(locale__language_code="kk").first()
    news_ru = news.get_translation(Locale.objects.get(language_code="ru"))
    image = Image.objects.create(title="Форум", file=get_test_image_file())
    return {
        "event": event, "event_ru": translated_event, "news": news, "news_ru": news_ru,
        "image": image, "talgar": talgar, "home": Page.objects.get(
            depth=2, locale__language_code="kk"),
    }


def editor_screens(objects):
    news, event = objects["news"], objects["event"]
    snippet = "wagtailsnippets_engagement_event"
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[objects["home"].id]),
        reverse("wagtailadmin_explore", args=[news.get_parent().id]),
        reverse("wagtailadmin_pages:edit", args=[news.id]),
        reverse("wagtailadmin_pages:add", args=["home", "newspage", news.get_parent().id]),
        reverse("wagtailadmin_pages:history", args=[news.id]),
        reverse("wagtailadmin_pages:move", args=[news.id]),
        reverse("wagtailadmin_pages:copy", args=[news.id]),
        reverse("wagtailadmin_pages:delete", args=[news.id]),
        reverse("wagtailadmin_pages:unpublish", args=[news.id]),
        reverse("wagtailadmin_pages:usage", args=[news.id]),
        reverse("wagtailadmin_pages:search") + "?q=конференция",
        reverse("wagtailadmin_pages:edit", args=[objects["news_ru"].id]),
        reverse("wagtail_localize:submit_page_translation", args=[news.id]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailadmin_choose_page_email_link"),
        reverse(f"{snippet}:list"),
        reverse(f"{snippet}:list") + "?q=форум",
        reverse(f"{snippet}:add"),
        reverse(f"{snippet}:edit", args=[event.pk]),
        reverse(f"{snippet}:history", args=[event.pk]),
        reverse(f"{snippet}:inspect", args=[event.pk]),
        reverse(f"{snippet}:usage", args=[event.pk]),
        reverse(f"{snippet}:delete", args=[event.pk]),
        reverse(f"{snippet}:edit", args=[objects["event_ru"].pk]),
        reverse("wagtailsnippets_engagement_project:list"),
        reverse("wagtailsnippets_engagement_place:list"),
        reverse("wagtailsnippets_home_topic:list"),
        reverse("wagtailsnippets_home_topic:add"),
        reverse("wagtailsnippetchoosers_engagement_event:choose"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[objects["image"].id]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_account"),
    ]


def organiser_screens(objects):
    event = objects["event"]
    snippet = "wagtailsnippets_engagement_event"
    return [
        reverse("wagtailadmin_home"),
        reverse(f"{snippet}:list"),
        reverse(f"{snippet}:add"),
        reverse(f"{snippet}:edit", args=[event.pk]),
        reverse(f"{snippet}:history", args=[event.pk]),
        reverse(f"{snippet}:inspect", args=[event.pk]),
        reverse(f"{snippet}:delete", args=[event.pk]),
        reverse(f"{snippet}:edit", args=[objects["event_ru"].pk]),
        reverse("wagtailsnippets_engagement_project:list"),
        reverse("wagtailsnippets_engagement_place:list"),
        reverse("wagtailsnippetchoosers_engagement_event:choose"),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailadmin_account"),
    ]


def leftovers_on(client, urls):
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        body = response.content.decode()
        if response.headers["Content-Type"].startswith("application/json"):
            body = json.loads(body).get("html") or ""
        texts = visible_texts(body)
        assert len(texts) > 3, url
        if left := english_leftovers(texts):
            found[url] = left
    return found


def test_the_screens_an_editor_meets_are_in_kazakh(client, screens):
    editor = make_user(groups=["Editors", "Moderators"])
    client.force_login(editor)

    assert leftovers_on(client, editor_screens(screens)) == {}


def test_the_screens_an_organiser_meets_are_in_kazakh(client, screens):
    organiser = make_organiser(districts=[screens["talgar"]])
    client.force_login(organiser)

    assert leftovers_on(client, organiser_screens(screens)) == {}


def test_the_sign_in_screens_are_in_kazakh_before_anyone_signs_in(client, db):
    urls = [reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")]

    assert leftovers_on(client, urls) == {}
    assert "Құпиясөз" in visible_texts(client.get(urls[0]).content.decode())


def test_messages_and_validation_errors_are_in_kazakh(client, screens):
    client.force_login(make_user(groups=["Editors", "Moderators"]))
    url = reverse("wagtailsnippets_engagement_event:add")

    # Publishing (a draft may leave required fields empty): the title is required.
    data = event_form_data(project(), screens["talgar"], title="")
    data["action-publish"] = "action-publish"
    response = client.post(url, data)

    assert response.status_code == 200, response.status_code

    texts = visible_texts(response.content.decode())
    assert "Бұл өрісті толтыру міндетті." in texts
    assert "Қателерге байланысты жазба (іс-шара) жасалмады." in texts
    assert english_leftovers(texts) == []


def test_the_crawl_would_catch_an_english_string():
    html = (
        '<nav aria-label="Actions"><button>Save draft</button><p>Сақтау</p>'
        '<span>Add іс-шара</span><span hidden>None</span>'
        '<script type="application/json">{"label": "Reports", "name": "reports"}</script>'
        '<div data-w-block-data-value=\'{"strings": {"MOVE_UP": "Move up"}}\'></div></nav>'
    )

    assert english_leftovers(visible_texts(html)) == [
        "Actions", "Save draft", "Add іс-шара", "Reports", "Move up"
    ]
    assert english_leftovers(["Wagtail", "ID", "Іс-шаралар", "Ctrl + s"]) == []
