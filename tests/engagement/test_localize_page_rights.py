"""Translating a page is editing it: wagtail-localize's views answer 404 to anyone else.

A translator (wagtail-localize's submit permission, edit rights on another part of the tree)
and an organiser (the Organisers group) request every wagtail-localize view that names a
page, one of its translations or its source, by GET and POST: each answers 404, shows
nothing of the page and creates nothing. A user who may edit the page still translates it.
"""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from engagement.models import Project
from engagement.translation import translate_instance
from home.models import NewsIndexPage, NewsPage
from tests.home.news_factories import locale, make_article

from .helpers import district, make_event, make_organiser, make_user

pytestmark = pytest.mark.django_db

SECRET = "Құпия жоспар туралы жоба"


def page_group(name, pages, actions=("add", "change")):
    """A group with admin access, wagtail-localize's submit permission and page rights."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    for page in pages:
        for action in actions:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=f"{action}_page")
            )
    return group


def member_of(group):
    user = make_user()
    user.groups.add(group)
    return user


@pytest.fixture
def secret_page(demo_site):
    """A draft news page in kk with a draft ru translation (an English one not yet made)."""
    page = make_article(title=SECRET, slug="secret", publish=False)
    translate_instance(page, locale("ru"), {}, user=make_user(superuser=True), publish=False)
    return page


@pytest.fixture
def translator(demo_site):
    """May translate and edit the statistics pages, nothing under the news."""
    from engagement.models import StatisticsPage

    return member_of(page_group("Translators", StatisticsPage.objects.all()))


@pytest.fixture
def organiser():
    return make_organiser(districts=[district("talgar-district")], can_publish=True)


def counts():
    return (
        Page.objects.count(), Translation.objects.count(), TranslationSource.objects.count(),
        Revision.objects.count(), StringTranslation.objects.count(),
        Page.objects.filter(alias_of__isnull=False).count(),
    )


def refused_requests(page):
    """(method, url, data) of every wagtail-localize view naming ``page`` or its translation."""
    ru_page = page.get_translation(locale("ru"))
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale("ru")
    )
    segment = translation.source.stringsegment_set.first()
    po_file = io.BytesIO(b'msgid ""\nmsgstr ""\n')
    po_file.name = "secret.po"
    submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    update = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    convert = reverse("wagtail_localize:convert_to_alias", args=[ru_page.pk])
    return [
        ("get", submit, {}),
        ("post", submit, {"locales": [locale("en").pk]}),
        ("post", submit, {"locales": [locale("en").pk], "include_subtree": "on"}),
        ("get", update, {}),
        ("post", update, {"publish_translations": "on"}),
        ("get", convert, {}),
        ("post", convert, {}),
        ("get", reverse("wagtail_localize:download_pofile", args=[translation.pk]), {}),
        ("post", reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
         {"file": po_file}),
        ("put", reverse("wagtail_localize:edit_string_translation",
                        args=[translation.pk, segment.pk]), "value=Жарияланды"),
        ("get", reverse("wagtail_localize:preview_translation", args=[translation.pk]), {}),
        ("post", reverse("wagtail_localize:stop_translation", args=[translation.pk]), {}),
    ]


@pytest.mark.parametrize("who", ["translator", "organiser"])
def test_a_user_who_may_not_edit_the_page_gets_404_and_nothing_is_created(
    client, request, who, secret_page
):
    client.force_login(request.getfixturevalue(who))
    requests = refused_requests(secret_page)
    before = counts()

    for method, url, data in requests:
        if method == "put":
            response = client.put(url, data, content_type="application/x-www-form-urlencoded")
        else:
            response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
        assert SECRET not in response.content.decode(), (method, url)

    # The translation editor itself is Wagtail's edit view of the translated page.
    ru_page = secret_page.get_translation(locale("ru"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[ru_page.pk]))
    assert edit.status_code in (302, 403, 404) and SECRET not in edit.content.decode()

    assert counts() == before
    assert not secret_page.has_translation(locale("en"))
    assert ru_page.alias_of_id is None
    assert Translation.objects.get(source__object_id=secret_page.translation_key).enabled


@pytest.mark.parametrize("who", ["translator", "organiser"])
def test_the_translations_report_leaves_out_pages_the_user_may_not_edit(
    client, request, who, secret_page
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("wagtail_localize:translations_report"))

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_an_editor_of_the_news_translates_a_news_page(client, secret_page):
    news = NewsIndexPage.objects.all()
    client.force_login(member_of(page_group("News translators", news)))
    submit = reverse("wagtail_localize:submit_page_translation", args=[secret_page.pk])

    assert SECRET in client.get(submit).content.decode()
    response = client.post(submit, {"locales": [locale("en").pk]})

    assert response.status_code == 302
    assert secret_page.has_translation(locale("en"))
    source = TranslationSource.objects.get_for_instance_or_none(secret_page)
    assert client.get(reverse("wagtail_localize:update_translations", args=[source.pk])
                      ).status_code == 200


def test_submitting_needs_add_permission_under_the_parent_in_the_target_locale(
    client, secret_page
):
    """Edit rights on the kk news only: the page may be opened but not copied into en."""
    client.force_login(member_of(page_group("Kazakh news", [NewsIndexPage.objects.get(
        locale__language_code="kk")])))
    submit = reverse("wagtail_localize:submit_page_translation", args=[secret_page.pk])
    before = counts()

    assert client.get(submit).status_code == 200
    assert client.post(submit, {"locales": [locale("en").pk]}).status_code == 404
    # Syncing rewrites the ru translation, which this user may not edit.
    source = TranslationSource.objects.get_for_instance_or_none(secret_page)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.post(update, {"publish_translations": "on"}).status_code == 404

    assert counts() == before
    assert not NewsPage.objects.filter(locale__language_code="en", slug="secret").exists()


def test_the_root_page_and_garbage_ids_are_refused_without_500(client, secret_page):
    client.force_login(make_user(superuser=True))

    root = Page.get_first_root_node()
    assert client.get(reverse("wagtail_localize:submit_page_translation", args=[root.pk])
                      ).status_code == 404
    submit = reverse("wagtail_localize:submit_page_translation", args=[secret_page.pk])
    assert client.post(submit, {"locales": ["x", "-1", "999999"]}).status_code == 200


def test_an_organiser_still_translates_an_event_in_scope_but_no_project(client, organiser):
    event = make_event(district_=district("talgar-district"), title="Талғардағы кездесу")
    translate_instance(event.project, locale("en"), {})
    client.force_login(organiser)
    submit = reverse("wagtail_localize:submit_snippet_translation",
                     args=["engagement", "event", event.pk])

    response = client.post(submit, {"locales": [locale("en").pk]})

    assert response.status_code == 302
    assert event.has_translation(locale("en"))
    project = Project.objects.filter(locale__language_code="kk").first()
    assert client.get(reverse("wagtail_localize:submit_snippet_translation",
                              args=["engagement", "project", project.pk])).status_code == 404


def test_organisers_hold_no_page_permission_by_default(organiser):
    assert not GroupPagePermission.objects.filter(group__name="Organisers").exists()
    home = Page.objects.get(depth=2, locale__language_code="kk")
    assert not home.permissions_for_user(organiser).can_edit()
