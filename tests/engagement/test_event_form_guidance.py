"""The event editor guides: settlements of the chosen district, the large-headcount
confirmation, the breakdown's running sum, capitalised labels (what the server renders and
refuses; tests/browser/test_event_form.py types into it)."""

import html
import re

import pytest
from django.test import override_settings

from engagement.forms import districts_of_settlements
from engagement.models import Event, Place

from .forms import event_form_data, event_url
from .helpers import almaty, district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db


def settlement(slug):
    return Place.objects.get(slug=slug, locale__language_code="kk")


def settlement_options(response):
    """``[(value, data-district)]`` of the settlement select, blank option first."""
    select = re.search(r'<select name="settlement".*?</select>', response.content.decode(), re.S)
    return [
        (value, district_id or None)
        for value, district_id in re.findall(
            r'<option value="(\d*)"(?: data-district="(\d+)")?', select.group(0)
        )
    ]


def test_each_settlement_option_names_its_district(client):
    client.force_login(make_user(superuser=True, language="en"))

    options = settlement_options(client.get(event_url("add")))

    assert options[0] == ("", None)
    talgar_town = settlement("talgar-town")
    assert (str(talgar_town.pk), str(district("talgar-district").pk)) in options
    assert all(district_id for value, district_id in options[1:])
    # 17 district centres, 18 rural districts and their 18 centre villages.
    assert len(options) - 1 == len(districts_of_settlements()) == 17 + 18 * 2


def test_an_organiser_is_offered_only_the_settlements_of_the_scope(client):
    talgar = district("talgar-district")
    client.force_login(make_organiser(districts=[talgar], language="ru"))

    options = settlement_options(client.get(event_url("add")))

    # The district's centre, its rural districts and their villages.
    slugs = ("talgar-town", "besagash-rural-district", "besagash-village",
             "belbulak-rural-district", "belbulak-village")
    assert options[0] == ("", None)
    assert sorted(options[1:]) == sorted((str(settlement(slug).pk), str(talgar.pk))
                                         for slug in slugs)


def test_a_settlement_of_another_district_is_refused(client):
    client.force_login(make_user(superuser=True, language="en"))
    data = event_form_data(project(), district("talgar-district"), title="Қате ауыл",
                           settlement=settlement("kaskelen-town").pk)

    response = client.post(event_url("add"), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["settlement"]
    assert "This settlement is not in the chosen district." in response.content.decode()
    assert not Event.objects.filter(title="Қате ауыл").exists()


def test_a_settlement_outside_the_scope_is_an_invalid_choice(client):
    talgar = district("talgar-district")
    client.force_login(make_organiser(districts=[talgar], language="en"))
    data = event_form_data(project(), talgar, title="Бөтен ауыл",
                           settlement=settlement("kaskelen-town").pk)

    response = client.post(event_url("add"), data)

    assert list(response.context["form"].errors) == ["settlement"]
    assert "Choose a settlement from the list: this one does not exist or is outside your scope." \
        in response.content.decode()
    assert not Event.objects.filter(title="Бөтен ауыл").exists()


def test_a_settlement_of_the_chosen_district_is_saved(client):
    client.force_login(make_user(superuser=True, language="en"))
    data = event_form_data(project(), district("talgar-district"), title="Дұрыс ауыл",
                           settlement=settlement("talgar-town").pk)

    assert client.post(event_url("add"), data).status_code == 302
    assert Event.objects.get(title="Дұрыс ауыл").settlement == settlement("talgar-town")


@override_settings(ENGAGEMENT_PARTICIPANTS_PLAUSIBLE_MAX=1234)
def test_the_headcount_input_carries_the_bound_and_the_form_loads_its_script(client):
    client.force_login(make_user(superuser=True, language="en"))

    page = client.get(event_url("add")).content.decode()

    assert re.search(r'<input type="number" name="participants"[^>]*data-plausible-max="1234"',
                     page)
    assert "engagement/event-form.js" in page and "engagement/event-form.css" in page


def summary_of(response):
    block = re.search(r"data-engagement-breakdown-summary.*?</div>", response.content.decode(),
                      re.S).group(0)
    text = html.unescape(re.search(r"data-summary[^>]*>(.*?)</p>", block, re.S).group(1))
    over = re.search(r"<p [^>]*data-over[^>]*>(.*?)</p>", block, re.S)
    hidden = " hidden" in over.group(0).split(">")[0]
    return text.replace("\xa0", " "), "" if hidden else html.unescape(over.group(1))


def test_the_breakdown_summary_shows_the_saved_sum_and_remainder(client):
    client.force_login(make_user(superuser=True, language="en"))
    event = make_event(participants=1500, count_kind="registered", participants_youth=300,
                       participants_veterans=200, start=almaty(2024, 5, 10))

    text, over = summary_of(client.get(event_url("edit", event.pk)))

    assert text == "Broken down: 500 of 1,500 participants; not broken down: 1,000."
    assert over == ""


def test_the_breakdown_summary_warns_when_the_groups_pass_the_headcount(client):
    client.force_login(make_user(superuser=True, language="ru"))
    data = event_form_data(project(), district("talgar-district"), participants="10",
                           count_kind="registered", participants_youth="8",
                           participants_other="7")

    text, over = summary_of(client.post(event_url("add"), data))

    assert text == "Распределено по группам: 15 из 10; без разбивки: 0."
    assert over == "Группы в сумме дают 15 — больше, чем 10 участников."


def test_the_breakdown_summary_asks_for_the_total_first(client):
    client.force_login(make_user(superuser=True, language="kk"))

    text, over = summary_of(client.get(event_url("add")))

    assert text == "Топтарға бөлінгені: 0; алдымен қатысушылардың жалпы санын көрсетіңіз."


def labels_of(page):
    headings = re.findall(r"<span data-panel-heading-text>(.*?)</span>", page, re.S)
    labels = re.findall(r'<label class="w-field__label"[^>]*>\s*([^<]*?)\s*<', page, re.S)
    tabs = re.findall(r'role="tab"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', page, re.S)
    return [html.unescape(text).strip() for text in headings + labels + tabs if text.strip()]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_label_of_the_event_form_starts_with_a_capital_letter(client, language):
    client.force_login(make_user(superuser=True, language=language))

    labels = labels_of(client.get(event_url("add")).content.decode())

    assert len(labels) >= 20
    lower = [label for label in labels if label[0].isalpha() and not label[0].isupper()]
    assert lower == []
