"""The event editor: scope, headcount plausibility, venue time, bad input."""

import datetime

import pytest
from django.test import override_settings
from django.utils import translation
from wagtail.users.models import UserProfile

from engagement.models import Event

from .forms import event_form_data, event_url
from .helpers import almaty, district, future, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def talgar():
    return district("talgar-district")


@pytest.fixture
def karasay():
    return district("karasay-district")


@pytest.fixture
def organiser(talgar):
    """An organiser of every project in Talgar District, working in Russian."""
    return make_organiser(districts=[talgar], language="ru")


def errors_in(response, field, language="en"):
    with translation.override(language):
        return " ".join(str(error) for error in response.context["form"].errors.get(field, []))


def post_event(client, user, data, url=None):
    client.force_login(user)
    return client.post(url or event_url("add"), data)


def test_an_organiser_creates_an_event_in_scope_as_a_draft_of_their_own(client, organiser, talgar):
    response = post_event(client, organiser, event_form_data(project(), talgar))

    assert response.status_code == 302
    event = Event.objects.get(title="Тұрғындармен кездесу", district=talgar)
    assert event.organiser == organiser
    assert not event.live  # organisers submit; they may not publish by default


def test_an_organiser_cannot_create_an_event_outside_the_scope(client, organiser, karasay):
    before = Event.objects.count()
    data = event_form_data(project(), karasay, title="Бөтен аудан")

    response = post_event(client, organiser, data)

    assert response.status_code == 200
    assert Event.objects.count() == before
    assert "outside your scope" in errors_in(response, "district")
    # The organiser works in Russian: the page says it in Russian.
    assert "вне вашей зоны ответственности" in response.content.decode()
    assert response.context["form"]["title"].value() == "Бөтен аудан"


def test_a_scope_of_districts_and_projects_refuses_the_wrong_combination(client, talgar, karasay):
    youth, veterans = project("youth"), project("veterans")
    user = make_organiser(projects=[youth], districts=[talgar])
    user.engagement_scopes.create().districts.set([karasay])  # every project in Karasay
    before = Event.objects.count()

    response = post_event(client, user, event_form_data(veterans, talgar, title="Ардагерлер"))

    assert response.status_code == 200
    assert Event.objects.count() == before
    assert "outside your scope" in errors_in(response, "district")


def test_an_organiser_cannot_move_an_event_out_of_the_scope(client, organiser, talgar, karasay):
    event = make_event(district_=talgar, title="Менің іс-шарам")
    data = event_form_data(event.project, karasay, title="Көшірілген")

    response = post_event(client, organiser, data, url=event_url("edit", event.pk))

    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.district, event.title) == (talgar, "Менің іс-шарам")
    assert not event.has_unpublished_changes
    assert event.latest_revision is None


def test_an_editor_may_choose_any_district(client, karasay):
    editor = make_user(groups=["Editors"])

    response = post_event(client, editor, event_form_data(project(), karasay, title="Редактор"))

    assert response.status_code == 302
    assert Event.objects.filter(title="Редактор", district=karasay).exists()


@override_settings(ENGAGEMENT_PARTICIPANTS_PLAUSIBLE_MAX=1000)
def test_a_large_headcount_needs_an_explicit_confirmation(client, organiser, talgar):
    data = event_form_data(project(), talgar, title="Үлкен", participants="1500",
                           count_kind="estimated")

    refused = post_event(client, organiser, data)

    assert refused.status_code == 200
    assert "confirm_large_headcount" in refused.context["form"].errors
    assert "1000" in errors_in(refused, "confirm_large_headcount")
    assert refused.context["form"]["participants"].value() == "1500"
    assert not Event.objects.filter(title="Үлкен").exists()

    confirmed = post_event(client, organiser, {**data, "confirm_large_headcount": "on"})

    assert confirmed.status_code == 302
    assert Event.objects.get(title="Үлкен").participants == 1500


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"participants": "-3", "count_kind": "estimated"}, "participants"),
        ({"participants": "много", "count_kind": "estimated"}, "participants"),
        ({"participants": "99999999999", "count_kind": "estimated"}, "participants"),
        ({"end": "2024-05-10 09:00"}, "end"),
        ({"participants": "10", "count_kind": "estimated", "participants_youth": "11"},
         "participants_youth"),
        ({"start": "завтра"}, "start"),
    ],
)
def test_bad_input_is_refused_with_the_input_kept(client, organiser, talgar, overrides, field):
    before = Event.objects.count()
    data = event_form_data(project(), talgar, title="Қате енгізу", **overrides)

    response = post_event(client, organiser, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Event.objects.count() == before
    for name, value in overrides.items():
        assert str(response.context["form"][name].value()) == value


def test_a_headcount_for_a_future_event_is_refused(client, organiser, talgar):
    start = future(days=3).astimezone(almaty(2024, 1, 1).tzinfo)
    data = event_form_data(
        project(), talgar, title="Алдағы",
        start=start.strftime("%Y-%m-%d %H:%M"),
        end=(start + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        participants="40", count_kind="estimated",
    )

    response = post_event(client, organiser, data)

    assert "participants" in response.context["form"].errors
    assert not Event.objects.filter(title="Алдағы").exists()


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        # Before 1 March 2024 Almaty was UTC+6 ...
        ("2024-02-28 10:00", datetime.datetime(2024, 2, 28, 4, 0, tzinfo=datetime.UTC)),
        # ... from then on UTC+5.
        ("2024-03-01 10:00", datetime.datetime(2024, 3, 1, 5, 0, tzinfo=datetime.UTC)),
    ],
)
def test_times_are_entered_as_almaty_times(client, organiser, talgar, typed, utc):
    UserProfile.objects.filter(user=organiser).update(current_time_zone="Europe/London")
    end = typed[:11] + "12:00"
    data = event_form_data(project(), talgar, title=f"Уақыт {typed}", start=typed, end=end)

    response = post_event(client, organiser, data)

    assert response.status_code == 302
    assert Event.objects.get(title=f"Уақыт {typed}").start == utc


def test_a_time_that_happened_twice_in_almaty_is_refused(client, organiser, talgar):
    # The clocks went back from 00:00 to 23:00 on the night of 29 February 2024.
    data = event_form_data(project(), talgar, title="Екі рет",
                           start="2024-02-29 23:30", end="2024-03-01 09:00")

    response = post_event(client, organiser, data)

    assert "start" in response.context["form"].errors
    assert not Event.objects.filter(title="Екі рет").exists()


def test_the_edit_form_shows_almaty_times(client, organiser, talgar):
    event = make_event(district_=talgar, start=almaty(2024, 2, 28, 10, 0))
    client.force_login(organiser)

    response = client.get(event_url("edit", event.pk))

    assert response.context["form"]["start"].value().strftime("%H:%M") == "10:00"
