"""CSV and XLSX exports of the filtered event listing."""

import csv
import io

import pytest
from django.utils import timezone
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
        text = b"".join(response.streaming_content).decode("utf-8-sig")
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


def test_csv_text_that_looks_like_a_formula_gets_an_apostrophe(client, russian_admin):
    for title in ("=HYPERLINK(\"http://x\")", "+7 701", "-5 градусов", "@SUM(A1)"):
        make_event(title=title, venue_address=title, start=almaty(2022, 1, 5))

    rows = values(export(client, "csv", start_from="2022-01-05", start_to="2022-01-05"))
    titles = {row[1] for row in rows[1:]}

    assert {"'=HYPERLINK(\"http://x\")", "'+7 701", "'-5 градусов", "'@SUM(A1)"} <= titles


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text_without_an_apostrophe(
    client, russian_admin
):
    for title in ("=1+1", "+7 701", "-5 градусов", "@SUM(A1)"):
        make_event(title=title, venue_address=title, start=almaty(2022, 1, 5))

    rows = export(client, "xlsx", start_from="2022-01-05", start_to="2022-01-05")
    cells = {row[1].value: row[1] for row in rows[1:]}

    assert set(cells) == {"=1+1", "+7 701", "-5 градусов", "@SUM(A1)"}
    assert all(cell.data_type == "s" for cell in cells.values())
    assert all(row[17].value == row[1].value and row[17].data_type == "s" for row in rows[1:])


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


def download(client, export_format, **params):
    response = client.get(event_url("list"), {"export": export_format, **params})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_csv_starts_with_a_byte_order_mark_for_excel(client, russian_admin):
    make_event(title="Қазақша атау", start=almaty(2022, 6, 1))

    response, data = download(client, "csv", start_from="2022-06-01", start_to="2022-06-01")

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert "Қазақша атау" in data.decode("utf-8-sig")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize(
    ("language", "title"), [("ru", "Мероприятия"), ("en", "Events"), ("kk", "Іс-шаралар")]
)
def test_the_xlsx_sheet_is_named_in_the_users_language(client, language, title):
    client.force_login(make_user(superuser=True, language=language))

    _response, data = download(client, "xlsx", q="нет такого")

    assert load_workbook(io.BytesIO(data)).active.title == title


def test_the_xlsx_heading_is_bold_frozen_and_filtered_and_columns_fit(client, russian_admin):
    make_event(title="Өте ұзын атау " * 3, start=almaty(2022, 6, 2))
    make_event(title="Қысқа", start=almaty(2022, 6, 2))

    _response, data = download(client, "xlsx", start_from="2022-06-02", start_to="2022-06-02")
    sheet = load_workbook(io.BytesIO(data)).active

    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:V3"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABFJ"}
    assert widths["A"] < widths["F"] < widths["B"] <= 50  # id < date < the long title
    assert widths["B"] >= len("Өте ұзын атау " * 3) - 1
    assert widths["J"] >= len("Участники")


def test_the_file_is_named_after_the_day_and_the_filters(client, russian_admin):
    youth = project("youth-export", "Жастар")
    talgar = district("talgar-district")
    event = make_event(youth, talgar, "Аты", start=almaty(2022, 6, 3),
                       organiser=russian_admin)
    today = timezone.localdate().isoformat()

    plain, _data = download(client, "xlsx")
    filtered, _data = download(client, "csv", project=youth.pk, district=talgar.pk)

    assert plain["Content-Disposition"] == f'attachment; filename="events-{today}.xlsx"'
    assert filtered["Content-Disposition"] == (
        f'attachment; filename="events-{today}-youth-export-talgar-district.csv"'
    )
    assert russian_admin.username not in filtered["Content-Disposition"]
    assert event.title not in filtered["Content-Disposition"]


def test_an_invalid_filter_does_not_break_the_file_name(client, russian_admin):
    response, _data = download(client, "csv", project="nope", start_from="31.02.x")

    assert response["Content-Disposition"] == (
        f'attachment; filename="events-{timezone.localdate().isoformat()}.csv"'
    )


def test_the_formula_policy_is_stated_next_to_the_downloads(client, russian_admin):
    make_event(title="Бар", start=almaty(2022, 6, 4))

    html = client.get(event_url("list")).content.decode()

    assert "Download XLSX" not in html  # the admin speaks Russian
    assert "engagement-export-policy" in html
    assert "в XLSX текст остаётся текстом" in html
