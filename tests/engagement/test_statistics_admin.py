"""Statistics in the admin: the dashboard panel, the report and its exports, the scoped JSON."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale

from engagement.services.scope import get_scope

from .helpers import almaty, district, make_organiser, make_user, project
from .stats_helpers import fresh_project, held_event, sql_totals

pytestmark = pytest.mark.django_db

REPORT = "/admin/engagement/statistics/"
SCOPED_JSON = "/admin/engagement/statistics.json"


def as_int(text):
    return int(re.sub(r"[^\d]", "", text))


def panel_totals(html):
    panel = re.search(r'<section class="[^"]*engagement-statistics-panel[^"]*".*?</section>',
                      html, re.S).group(0)
    row = re.search(r'<tr data-period="all">.*?</tr>', panel, re.S).group(0)
    events = re.search(r'data-total="events">([^<]+)<', row).group(1)
    participants = re.search(r'data-total="participants">([^<]+)<', row).group(1)
    return as_int(events), as_int(participants)


def report_totals(html):
    match = re.search(
        r'data-total-events="(\d+)" data-total-participants="(\d+)"', html
    )
    return int(match.group(1)), int(match.group(2))


def export_rows(client, export_format, **params):
    response = client.get(REPORT, {"export": export_format, **params})
    assert response.status_code == 200
    if export_format == "csv":
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(data))
    return [[cell.value for cell in row] for row in workbook.active.iter_rows()]


@pytest.fixture
def admin(client):
    user = make_user(superuser=True, language="en")
    client.force_login(user)
    return user


@pytest.fixture
def kegen_organiser(client):
    """An organiser of Kegen District only; a project's events there and in Talgar."""
    project_ = fresh_project()
    held_event(project_, 10, "talgar-district")
    held_event(project_, 20, "kegen-district")
    user = make_organiser(districts=[district("kegen-district")], language="en")
    client.force_login(user)
    return user


def test_the_dashboard_panel_shows_every_event_to_an_administrator(client, admin):
    html = client.get("/admin/").content.decode()

    assert panel_totals(html) == sql_totals()


def test_the_dashboard_panel_of_an_organiser_shows_only_the_scope(client, kegen_organiser):
    html = client.get("/admin/").content.decode()

    scope = get_scope(kegen_organiser)
    assert panel_totals(html) == sql_totals(user_scope_q=scope.q)
    assert panel_totals(html) != sql_totals()
    assert "in your scope" in html


def test_users_who_do_not_work_on_events_get_no_panel(client):
    user = make_user()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    html = client.get("/admin/").content.decode()

    assert "engagement-statistics-panel" not in html
    assert '"name": "engagement-statistics"' not in html
    assert client.get(REPORT).status_code in (302, 403)
    assert client.get(SCOPED_JSON).status_code in (302, 403)


def test_the_report_totals_and_rows_match_sql(client, admin):
    html = client.get(REPORT).content.decode()

    assert report_totals(html) == sql_totals()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_exports_add_up_to_the_report_and_numbers_stay_numbers(client, admin,
                                                                  export_format):
    project_ = fresh_project()
    held_event(project_, 1234, start=almaty(2022, 5, 1))
    held_event(project_, 66, "kegen-district", start=almaty(2022, 6, 1))

    rows = export_rows(client, export_format)

    assert rows[0][:4] == ["Project", "District or city", "Events", "Participants"]
    body = rows[1:]
    events = sum(int(row[2]) for row in body)
    participants = sum(int(row[3]) for row in body)
    assert (events, participants) == sql_totals()
    if export_format == "xlsx":
        mine = [row for row in body if row[0] == project_.name]
        assert sorted(row[3] for row in mine) == [66, 1234]


def test_the_report_filters_by_period_project_and_district(client, admin):
    project_ = fresh_project()
    held_event(project_, 10, start=almaty(2022, 5, 1))
    held_event(project_, 20, "kegen-district", start=almaty(2023, 5, 1))

    def totals(**params):
        return report_totals(client.get(REPORT, {"project": project_.pk, **params})
                             .content.decode())

    assert totals() == (2, 30)
    assert totals(period_from="2022-01-01", period_to="2022-12-31") == (1, 10)
    assert totals(district=district("kegen-district").pk) == (1, 20)


def test_an_organisers_report_and_export_show_only_the_scope(client, kegen_organiser):
    html = client.get(REPORT).content.decode()
    rows = export_rows(client, "csv")

    expected = sql_totals(user_scope_q=get_scope(kegen_organiser).q)
    assert report_totals(html) == expected
    english = Locale.objects.get(language_code="en")
    assert {row[1] for row in rows[1:]} == {
        district("kegen-district").get_translation(english).name  # the admin's language
    }


def test_a_project_or_district_outside_the_scope_is_reported_and_ignored(client,
                                                                          kegen_organiser):
    talgar = district("talgar-district")

    html = client.get(REPORT, {"district": talgar.pk}).content.decode()

    assert 'role="status"' in html and "This filter is not applied." in html
    assert report_totals(html) == sql_totals(user_scope_q=get_scope(kegen_organiser).q)


def test_the_scoped_json_refuses_a_project_outside_the_scope(client):
    inside, outside = fresh_project(), fresh_project()
    held_event(inside, 10)
    held_event(outside, 20)
    client.force_login(make_organiser(projects=[inside], language="en"))

    refused = client.get(SCOPED_JSON, {"project": outside.slug})
    unknown = client.get(SCOPED_JSON, {"project": "no-such"})
    allowed = client.get(SCOPED_JSON, {"project": inside.slug})

    assert refused.status_code == 400
    assert refused.json()["errors"]["project"] == [
        f"The project “{outside.slug}” is outside your scope."
    ]
    assert unknown.status_code == 400
    assert allowed.status_code == 200
    assert allowed.json()["totals"]["participants"] == 10
    assert "private" in allowed["Cache-Control"]


def test_the_scoped_json_of_an_organiser_sums_only_the_scope(client, kegen_organiser):
    data = client.get(SCOPED_JSON).json()

    expected = sql_totals(user_scope_q=get_scope(kegen_organiser).q)
    assert (data["totals"]["events"], data["totals"]["participants"]) == expected


def test_the_report_is_in_the_reports_menu_for_organisers(client, kegen_organiser):
    html = client.get("/admin/").content.decode()

    # The sidebar's menu is JSON in the page; the report's item is under Reports.
    assert '"name": "engagement-statistics"' in html
    assert reverse("engagement_statistics_report") in html


def test_the_report_query_count_does_not_grow_with_events(client, admin,
                                                          django_assert_max_num_queries):
    from django.core.cache import cache

    def queries():
        cache.clear()
        with django_assert_max_num_queries(60) as context:
            client.get(REPORT)
        return len(context.captured_queries)

    project_ = project("report-queries")
    held_event(project_, 1)
    small = queries()
    for day in range(1, 20):
        held_event(project_, day, "kegen-district", start=almaty(2022, 1, day))
    assert queries() == small


@pytest.mark.parametrize(
    "params",
    [{"period_from": "20x1"}, {"project": "abc"}, {"district": "999999"},
     {"count_kind": "guessed"}, {"status": "maybe"}],
)
def test_invalid_report_filters_are_reported_and_the_report_is_unfiltered(client, admin,
                                                                           params):
    response = client.get(REPORT, params)
    export = client.get(REPORT, {**params, "export": "csv"})

    html = response.content.decode()
    assert response.status_code == 200 and export.status_code == 200
    assert "This filter is not applied." in html
    assert report_totals(html) == sql_totals()
    assert csv_totals_of(export) == sql_totals()


def csv_totals_of(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return sum(int(row[2]) for row in rows), sum(int(row[3]) for row in rows)


def test_the_report_exports_open_in_spreadsheets(client):
    client.force_login(make_user(superuser=True, language="ru"))
    project_ = fresh_project()
    held_event(project_, 12, start=almaty(2022, 5, 1))
    talgar = district("talgar-district")

    csv_response = client.get(REPORT, {"export": "csv", "district": talgar.pk})
    csv_data = b"".join(csv_response.streaming_content)
    xlsx_response = client.get(REPORT, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    html = client.get(REPORT).content.decode()

    assert csv_data.startswith(b"\xef\xbb\xbf")
    assert "talgar-district.csv" in csv_response["Content-Disposition"]
    assert "events-and-participants-20" in xlsx_response["Content-Disposition"]
    assert sheet.title == "Мероприятия и участники"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold and sheet.auto_filter.ref
    assert "в XLSX текст остаётся текстом" in html
