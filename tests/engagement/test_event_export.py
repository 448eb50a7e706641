"""CSV and XLSX exports of the filtered event listing."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from engagement import exports

from .forms import event_url
from .helpers import almaty, district, make_event, make_organiser, make_user, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_admin(client):
    user = make_user(superuser=True)
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="ru")
    client.force_login(user)
    return user


def export(client, export_format, **params):
    response = client.get(event_url("list"), {"export": export_format, **params})
    assert response.status_code == 200
    if export_format == "csv":
        text = b"".join(response.streaming_content).decode()
        return list(csv.reader(io.StringIO(text)))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows()]


def values(rows):
    return [[getattr(cell, "value", cell) for cell in row] for row in rows]


def row_of(rows, title):
    return next(row for row in values(rows) if row[1] in (title, f"'{title}"))


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_headings_are_translated(client, russian_admin, export_format):
    headings = values(export(client, export_format, q="нет такого"))[0]

    assert headings[:4] == ["ID", "Название", "Проект", "Район или город"]
    assert "Участники" in headings


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_text_that_looks_like_a_formula_is_neutralised(client, russian_admin, export_format):
    for title in ("=HYPERLINK(\"http://x\")", "+7 701", "-5 градусов", "@SUM(A1)"):
        make_event(title=title, venue_address=title, start=almaty(2022, 1, 5))

    rows = values(export(client, export_format, start_from="2022-01-05",
                         start_to="2022-01-05"))
    titles = {row[1] for row in rows[1:]}

    assert {"'=HYPERLINK(\"http://x\")", "'+7 701", "'-5 градусов", "'@SUM(A1)"} <= titles


def test_numbers_stay_numbers_in_xlsx(client, russian_admin):
    event = make_event(title="Сандар", participants=1500, count_kind="verified",
                       participants_youth=700, start=almaty(2022, 2, 7, 15, 30))

    rows = export(client, "xlsx", start_from="2022-02-07", start_to="2022-02-07")
    row = next(row for row in rows if row[1].value == "Сандар")

    assert row[0].value == event.pk and row[0].data_type == "n"
    assert row[9].value == 1500 and row[9].data_type == "n"
    assert row[11].value == 700
    # Times are the venue's local times.
    assert row[5].value.strftime("%Y-%m-%d %H:%M") == "2022-02-07 15:30"


def test_the_export_follows_the_filters(client, russian_admin):
    talgar, karasay = district("talgar-district"), district("karasay-district")
    make_event(project(), talgar, "Талғар экспорт", start=almaty(2022, 3, 9))
    make_event(project(), karasay, "Қарасай экспорт", start=almaty(2022, 3, 9))

    rows = values(export(client, "csv", district=talgar.pk, start_from="2022-03-09",
                         start_to="2022-03-09"))

    assert [row[1] for row in rows[1:]] == ["Талғар экспорт"]
    assert rows[1][3] == "Талгарский район"  # names in the reader's language


def test_an_organiser_exports_only_the_scope(client):
    talgar, karasay = district("talgar-district"), district("karasay-district")
    make_event(project(), talgar, "Менікі", start=almaty(2022, 4, 1))
    make_event(project(), karasay, "Бөтен", start=almaty(2022, 4, 1))
    client.force_login(make_organiser(districts=[talgar]))

    titles = [row[1] for row in values(export(client, "xlsx"))[1:]]

    assert "Менікі" in titles
    assert "Бөтен" not in titles


def test_an_export_too_big_for_xlsx_is_refused_with_a_message(client, russian_admin, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)
    for day in (1, 2, 3):
        make_event(title=f"Көп {day}", start=almaty(2022, 5, day))

    response = client.get(event_url("list"), {"export": "xlsx", "start_from": "2022-05-01",
                                              "start_to": "2022-05-03"})

    assert response.status_code == 302
    assert "export=" not in response["Location"]
    assert "start_from=2022-05-01" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "XLSX" in page and "CSV" in page
    assert "не более" in page  # the Russian message

    csv_rows = export(client, "csv", start_from="2022-05-01", start_to="2022-05-03")
    assert len(csv_rows) == 4  # CSV has no such limit
