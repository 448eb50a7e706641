"""Tampered admin requests answer a form error or 400, never a 500.

A POST to the event chooser's creation URL, a rich-text field that is not JSON, StreamField
counts and JSON that do not add up, a primary key that is no number, an unknown locale: each
is a request a browser never sends, and each must leave the database alone. User-management
permissions granted to an organiser directly are refused as when granted through the group.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from engagement.models import Event

from .forms import event_form_data, event_url
from .helpers import district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db

@pytest.fixture
def organiser():
    return make_organiser(districts=[district("talgar-district")])


def tampered_event_data(**fields):
    data = event_form_data(project(), district("talgar-district"))
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


TAMPERED_EVENT_FIELDS = [
    pytest.param({"description": "not json"}, id="rich-text-not-json"),
    pytest.param({"description": '{"blocks": 1}'}, id="rich-text-wrong-json"),
    pytest.param({"description": "[1, 2"}, id="rich-text-broken-json"),
    pytest.param({"photos-count": "abc"}, id="stream-count-not-a-number"),
    pytest.param({"photos-count": "5"}, id="stream-count-too-high"),
    pytest.param({"photos-count": "-3"}, id="stream-count-negative"),
    pytest.param({"photos-count": "99999999999999999999"}, id="stream-count-huge"),
    pytest.param({"photos-count": "1", "photos-0-type": "nonsense",
                  "photos-0-deleted": "", "photos-0-order": "0"}, id="stream-unknown-block"),
    pytest.param({"photos-count": "1", "photos-0-type": "gallery",
                  "photos-0-deleted": "", "photos-0-order": "x"}, id="stream-order-not-a-number"),
    pytest.param({"project": "abc"}, id="foreign-key-not-a-number"),
    pytest.param({"project": "99999999999999999999999"}, id="foreign-key-huge"),
    pytest.param({"district": "1.5"}, id="foreign-key-decimal"),
    pytest.param({"settlement": "[1]"}, id="foreign-key-list"),
    pytest.param({"start": "32.13.2024 25:61"}, id="date-nonsense"),
    pytest.param({"participants": "1e400"}, id="number-overflow"),
    pytest.param({"related_news": "x"}, id="page-chooser-not-a-number"),
]


@pytest.mark.parametrize("fields", TAMPERED_EVENT_FIELDS)
def test_a_tampered_event_form_is_an_error_not_a_500(client, organiser, fields):
    client.force_login(organiser)
    before = Event.objects.count()

    response = client.post(event_url("add"), tampered_event_data(**fields))

    if response.status_code == 302:
        # Read as no blocks (a negative count, an unknown block type): a valid event.
        assert set(fields) <= {"photos-count", "photos-0-type", "photos-0-deleted",
                               "photos-0-order"}, fields
        assert len(Event.objects.latest("pk").photos) == 0
    else:
        assert response.status_code in (200, 400), response.status_code
        assert Event.objects.count() == before


@pytest.mark.parametrize("fields", TAMPERED_EVENT_FIELDS[:3])
def test_a_tampered_edit_is_an_error_not_a_500(client, organiser, fields):
    event = make_event(district_=district("talgar-district"), title="Өзгермейтін")
    client.force_login(organiser)

    response = client.post(event_url("edit", event.pk), tampered_event_data(**fields))

    assert response.status_code in (200, 400), response.status_code
    event.refresh_from_db()
    assert event.title == "Өзгермейтін"


@pytest.mark.parametrize("locale", ["xx", "", "kk\x00", "../../etc", "ru" * 100])
def test_an_unknown_locale_is_an_error_not_a_500(client, organiser, locale):
    client.force_login(organiser)
    before = Event.objects.count()

    add = client.get(event_url("add"), {"locale": locale})
    post = client.post(f"{event_url('add')}?locale={locale}", tampered_event_data())
    listing = client.get(event_url("list"), {"locale": locale})

    assert add.status_code in (200, 302, 400, 404), add.status_code
    assert post.status_code in (200, 302, 400, 404), post.status_code
    assert listing.status_code in (200, 400, 404), listing.status_code
    if post.status_code not in (302,):
        assert Event.objects.count() == before


@pytest.mark.parametrize("model", ["event", "project", "place"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", ["organiser", "administrator"])
def test_a_snippet_choosers_create_url_is_a_404(client, organiser, who, method, model):
    client.force_login(organiser if who == "organiser" else make_user(superuser=True))
    before = Event.objects.count()

    url = reverse(f"wagtailsnippetchoosers_engagement_{model}:create")
    response = getattr(client, method)(url, tampered_event_data())

    assert response.status_code in (403, 404), response.status_code
    assert Event.objects.count() == before


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("not json", id="not-json"),
        pytest.param('[{"type": "nonsense", "value": 1}]', id="unknown-block"),
        pytest.param("{", id="broken-json"),
    ],
)
def test_a_tampered_news_page_body_is_an_error_not_a_500(client, demo_site, body):
    from home.models import NewsIndexPage, NewsPage

    client.force_login(make_user(superuser=True))
    index = NewsIndexPage.objects.get(locale__language_code="kk")
    before = NewsPage.objects.count()
    data = nested_form_data({
        "title": "Бұзылған мақала", "slug": "tampered", "date": "2024-05-10",
        "intro": "", "source_url": "", "body": streamfield([]),
        "project_links-TOTAL_FORMS": "0", "project_links-INITIAL_FORMS": "0",
        "project_links-MIN_NUM_FORMS": "0", "project_links-MAX_NUM_FORMS": "1000",
    })
    data["body-count"] = body

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "newspage", index.pk]), data
    )

    assert response.status_code in (200, 400), response.status_code
    assert NewsPage.objects.count() == before


def test_a_rich_text_field_that_is_not_json_on_a_page(client, demo_site):
    """The home page's body is a RichTextField: the editor posts Draftail JSON."""
    client.force_login(make_user(superuser=True))
    data = nested_form_data({
        "title": demo_site.title, "slug": demo_site.slug, "intro": demo_site.intro or "",
        "body": "not json",
    })

    response = client.post(reverse("wagtailadmin_pages:edit", args=[demo_site.pk]), data)

    assert response.status_code in (200, 400), response.status_code


def test_user_management_permissions_granted_to_an_organiser_directly_are_refused(client):
    user = make_organiser()
    permissions = Permission.objects.filter(content_type__app_label__in=["auth", "wagtailusers"])

    user.user_permissions.add(*permissions)
    permissions.first().user_set.add(user)

    assert not user.user_permissions.filter(
        content_type__app_label__in=["auth", "wagtailusers"]
    ).exists()
    user = type(user).objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 302


def test_joining_the_organisers_drops_direct_user_management_permissions():
    user = make_user()
    user.user_permissions.add(Permission.objects.get(codename="change_user"))

    user.groups.add(make_organiser().groups.get())

    assert not user.user_permissions.filter(codename="change_user").exists()


def test_other_users_keep_their_direct_permissions():
    user = make_user()
    user.user_permissions.add(Permission.objects.get(codename="change_user"))
    assert user.user_permissions.filter(codename="change_user").exists()
