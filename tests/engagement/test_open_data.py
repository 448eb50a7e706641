"""Open data: statistics as JSON and CSV, published events as JSON; filters, 400s, caching."""

import csv
import io

import pytest
from wagtail.models import Locale

from .helpers import almaty, district, make_user
from .stats_helpers import fresh_project, held_event, sql_totals

pytestmark = pytest.mark.django_db

STATISTICS = "/en/open-data/statistics.json"
STATISTICS_CSV = "/ru/open-data/statistics.csv"
EVENTS = "/en/open-data/events.json"


def get_json(client, path, expect=200, **params):
    response = client.get(path, params)
    assert response.status_code == expect, response.content
    return response, response.json()


def test_statistics_totals_match_sql_and_the_response_may_be_cached(client):
    response, data = get_json(client, STATISTICS)

    assert (data["totals"]["events"], data["totals"]["participants"]) == sql_totals()
    assert response["Cache-Control"] == "public, max-age=60"
    assert sum(row["participants"] for row in data["by_project"]) == data["totals"][
        "participants"]
    assert sum(row["events"] for row in data["by_month"]) == data["totals"]["events"]
    assert "participations, not different people" in data["definition"]


def test_statistics_filters_are_those_of_the_page_plus_count_kind_and_status(client):
    project_ = fresh_project()
    held_event(project_, 10, start=almaty(2022, 3, 1), count_kind="estimated")
    held_event(project_, 20, "kegen-district", start=almaty(2023, 3, 1), count_kind="verified")

    def totals(**params):
        return get_json(client, STATISTICS, project=project_.slug, **params)[1]["totals"]

    assert totals()["participants"] == 30
    assert totals(year=2022)["participants"] == 10
    assert totals(district="kegen-district")["participants"] == 20
    assert totals(count_kind="verified")["participants"] == 20
    assert totals(count_kind=["verified", "estimated"])["participants"] == 30


def test_statistics_split_by_project_district_and_month_carry_slugs_and_names(client):
    project_ = fresh_project()
    held_event(project_, 10, start=almaty(2022, 3, 1), participants_youth=4)

    data = get_json(client, STATISTICS, project=project_.slug)[1]

    assert data["by_project"] == [{
        "slug": project_.slug, "name": project_.name, "events": 1, "participants": 10,
        "breakdown": {"youth": 4, "veterans": 0, "families": 0, "disabilities": 0, "other": 0},
        "not_broken_down": 6,
    }]
    assert data["by_district"][0]["slug"] == "talgar-district"
    assert data["by_month"][0]["month"] == "2022-03"
    assert data["filters"]["project"] == [project_.slug]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year": "20x1"}, "year", "Enter a year as four digits, e.g. 2021."),
        ({"project": "no-such"}, "project", "There is no project “no-such”."),
        ({"district": "999"}, "district", "There is no district or city “999”."),
        ({"count_kind": "guessed"}, "count_kind", "Unknown count kind “guessed”."),
        ({"status": "maybe"}, "status", "Unknown status “maybe”: use held or all."),
    ],
)
def test_invalid_statistics_filters_are_a_400_that_says_why(client, params, field, message):
    response, data = get_json(client, STATISTICS, expect=400, **params)

    assert data["errors"] == {field: [message]}
    assert "no-store" in response["Cache-Control"]


def test_errors_are_in_the_language_of_the_url(client):
    data = get_json(client, "/ru/open-data/statistics.json", expect=400, year="20x1")[1]

    assert data["errors"]["year"][0] != "Enter a year as four digits, e.g. 2021."


def test_statistics_csv_has_the_total_and_every_split(client):
    response = client.get(STATISTICS_CSV)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "public, max-age=60"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["dimension", "key", "name", "events", "participants"]
    total = rows[1]
    assert total[0] == "total"
    assert (int(total[3]), int(total[4])) == sql_totals()
    for dimension in ("project", "district", "month"):
        assert sum(int(row[4]) for row in rows if row[0] == dimension) == int(total[4])


def test_statistics_csv_neutralises_names_that_look_like_formulas(client):
    project_ = fresh_project()
    project_.name = "=HYPERLINK(\"http://x\")"
    project_.save()
    held_event(project_, 10)

    response = client.get(STATISTICS_CSV, {"project": project_.slug})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert next(row for row in rows if row[0] == "project")[2] == "'=HYPERLINK(\"http://x\")"


def test_events_are_paginated_and_carry_no_personal_data(client):
    project_ = fresh_project()
    organiser = make_user("organiser-with-a-name", first_name="Айгүл")
    for day in range(1, 6):
        held_event(project_, day, start=almaty(2025, 3, day), organiser=organiser,
                   cancellation_reason="")

    response, data = get_json(client, EVENTS, project=project_.slug, page_size=2)

    assert response["Cache-Control"] == "public, max-age=60"
    assert (data["count"], data["pages"], data["page"]) == (5, 3, 1)
    assert data["next"].endswith("page=2") and data["previous"] is None
    assert [event["participants"] for event in data["results"]] == [5, 4]  # newest first
    text = response.content.decode()
    assert "organiser" not in text and "Айгүл" not in text and "example.com" not in text
    assert set(data["results"][0]) == {
        "id", "title", "start", "end", "status", "project", "district", "settlement",
        "venue_address", "format", "accessibility", "participants", "count_kind", "breakdown",
    }
    assert data["results"][0]["start"] == "2025-03-05T10:00:00+05:00"  # Almaty time

    last = get_json(client, EVENTS, project=project_.slug, page_size=2, page=3)[1]
    assert len(last["results"]) == 1 and last["next"] is None


def test_events_list_each_published_event_once_with_its_title_in_the_urls_language(client):
    project_ = fresh_project()
    event = held_event(project_, 10, title="Кездесу")
    translation = event.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "Meeting"
    translation.save()
    held_event(project_, 5, live=False)

    english = get_json(client, EVENTS, project=project_.slug)[1]
    kazakh = get_json(client, "/open-data/events.json", project=project_.slug)[1]

    assert english["count"] == 1
    assert english["results"][0]["title"] == "Meeting"
    assert kazakh["results"][0]["title"] == "Кездесу"
    assert english["results"][0]["id"] == str(event.translation_key)


def test_events_status_filter_matches_the_statistics(client):
    project_ = fresh_project()
    held_event(project_, 10)
    held_event(project_, 0, cancelled=True, cancellation_reason="Жаңбыр")

    held = get_json(client, EVENTS, project=project_.slug, status="held")[1]
    cancelled = get_json(client, EVENTS, project=project_.slug, status="cancelled")[1]
    statistics = get_json(client, STATISTICS, project=project_.slug)[1]

    assert held["count"] == statistics["totals"]["events"] == 1
    assert cancelled["results"][0]["status"] == "cancelled"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "x"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "999"}, "page"),
        ({"page_size": "100000"}, "page_size"),
        ({"status": "maybe"}, "status"),
        ({"year": "20x1"}, "year"),
        ({"district": "nowhere"}, "district"),
    ],
)
def test_invalid_event_parameters_are_a_400(client, params, field):
    data = get_json(client, EVENTS, expect=400, **params)[1]

    assert field in data["errors"]


def test_open_data_is_read_only(client):
    assert client.post(STATISTICS).status_code == 405
    assert client.post(EVENTS).status_code == 405


def test_the_district_of_an_event_is_named_in_the_urls_language(client):
    project_ = fresh_project()
    held_event(project_, 10, "kegen-district")

    data = get_json(client, "/ru/open-data/events.json", project=project_.slug)[1]

    kegen_ru = district("kegen-district").get_translation(Locale.objects.get(language_code="ru"))
    assert data["results"][0]["district"]["name"] == kegen_ru.name


NASTY = [
    "year=-1", "year=1e3", "year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%91", "year=2021&year=x",
    "year=99999999999999999999999", "project=%00", "project=" + "x" * 5000,
    "district=..%2F..%2Fetc", "count_kind=", "status=", "page=99999999999999999999",
    "page_size=-5", "page=1.5", "project[]=a", "year=%20", "district=talgar-district&district=",
]


@pytest.mark.parametrize("query", NASTY)
@pytest.mark.parametrize("path", [STATISTICS, STATISTICS_CSV, EVENTS, "/en/statistics/"])
def test_malformed_input_is_never_a_server_error(client, path, query):
    response = client.get(f"{path}?{query}")

    assert response.status_code in (200, 400)
    if path.endswith("/statistics/"):
        assert response.status_code == 200
