"""The admin page Engagement → Import events: in Kazakh for a kk organiser, a preview that
lists each failing row's number, column and reason and saves nothing, confirmation, the
template, and the record of imports for administrators only."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import Event, EventImport
from tests.engagement.helpers import make_organiser, make_user

from .helpers import csv_bytes, good_rows, happy_family, talgar

pytestmark = pytest.mark.django_db
URL = "/admin/engagement/import/"


def upload(client, data, name="events.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def kk_organiser(client):
    user = make_organiser(projects=[happy_family()], districts=[talgar()], language="kk")
    client.force_login(user)
    return user


def test_the_page_speaks_kazakh_to_a_kk_organiser(client, kk_organiser):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Іс-шараларды жүктеу" in html and "Файлды тексеру" in html
    assert "Үлгіні жүктеп алу (XLSX)" in html
    # The limits read as Kazakh writes numbers (a no-break space groups the digits).
    assert "ең көбі 20\xa0000 жол және 5 МБ" in html
    assert "Барлық жүктеулер" not in html  # the record of all imports is for administrators


def test_a_bad_row_is_listed_with_its_number_column_and_reason(client, kk_organiser,
                                                               django_assert_max_num_queries):
    rows = good_rows()
    rows[1][5] = "31.02.2024"
    with django_assert_max_num_queries(40):
        response = upload(client, csv_bytes(rows, "kk"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="read">3<' in html and 'data-count="failing">1<' in html
    assert '<tr data-row="3" data-column="start">' in html
    assert "<td>Басталуы</td>" in html and "31.02.2024" in html
    assert "Мұндай күн жоқ: 31.02.2024. Күн мен айды тексеріңіз." in html
    assert "Ештеңе сақталған жоқ" in html and 'name="confirm"' not in html
    assert not Event.objects.filter(source_key__startswith="import").exists()
    assert not EventImport.objects.exists()


def test_a_good_file_is_previewed_then_confirmed(client, kk_organiser):
    response = upload(client, csv_bytes(good_rows(), "kk"))
    html = response.content.decode()
    assert 'data-count="create">3<' in html and 'name="confirm"' in html
    assert not Event.objects.filter(source_key__startswith="import").exists()
    record = EventImport.objects.get()
    response = client.post(URL, {"confirm": "1", "import": record.pk,
                                 "file_hash": record.file_hash}, follow=True)
    html = response.content.decode()
    assert "«events.csv» жүктелді: 3 іс-шара қосылды, 0 жаңартылды, 0 өзгеріссіз қалды." in html
    assert Event.objects.filter(source_key__startswith="import").count() == 3
    # The same file again: all unchanged, nothing to create.
    html = upload(client, csv_bytes(good_rows(), "kk")).content.decode()
    assert 'data-count="unchanged">3<' in html and 'data-count="create">0<' in html


def test_a_stale_or_foreign_confirmation_saves_nothing(client, kk_organiser):
    upload(client, csv_bytes(good_rows()))
    record = EventImport.objects.get()
    response = client.post(URL, {"confirm": "1", "import": record.pk, "file_hash": "x"},
                           follow=True)
    assert "Файл алдын ала қараудан кейін өзгерген" in response.content.decode()
    client.force_login(make_organiser(projects=[happy_family()], language="kk"))
    response = client.post(URL, {"confirm": "1", "import": record.pk,
                                 "file_hash": record.file_hash})
    assert response.status_code == 404
    response = client.post(URL, {"confirm": "1", "import": "nonsense"}, follow=True)
    assert response.status_code == 200
    assert not Event.objects.filter(source_key__startswith="import").exists()


@pytest.mark.parametrize("data, name, message", [
    ("Атауы;Жоба\nа;б\n".encode("cp1251"), "events.csv", "UTF-8 кодтауында емес"),
    (b"PK\x03\x04 broken", "events.xlsx", "XLSX кітабы ретінде оқу мүмкін емес"),
    (b"", "events.csv", None),
])
def test_bad_files_get_a_translated_message_and_no_500(client, kk_organiser, data, name,
                                                       message):
    response = upload(client, data, name)
    assert response.status_code == 200
    html = response.content.decode()
    if message:
        assert message in html
    assert not EventImport.objects.exists()


def test_an_oversized_upload_is_refused(client, kk_organiser, settings):
    settings.ENGAGEMENT_IMPORT_MAX_BYTES = 100
    response = upload(client, csv_bytes(good_rows()))
    assert "МБ-тан үлкен" in response.content.decode()


def test_the_template_has_the_columns_in_the_readers_language(client, kk_organiser):
    response = client.get(reverse("engagement_import:template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    events, columns = workbook.worksheets
    headings = next(events.iter_rows(values_only=True))
    assert headings[:3] == ("Сыртқы идентификатор", "Атауы", "Жоба")
    help_rows = list(columns.iter_rows(values_only=True))
    assert help_rows[2][:6] == ("Атауы", "Міндетті. Іс-шараның атауы.", "Название",
                                "Обязательно. Название мероприятия.", "Title",
                                "Required. The name of the event.")


def test_the_template_imports_as_it_is(client):
    user = make_user(superuser=True)
    client.force_login(user)
    data = client.get(reverse("engagement_import:template")).content
    from engagement.imports.service import check_file

    result = check_file("template.xlsx", data, user)
    assert result.errors == [] and len(result.plan.create) == 1


def test_only_administrators_see_the_record_of_imports(client, kk_organiser):
    response = client.get(reverse("engagement_import:history"))
    assert response.status_code in (302, 403) and b"data-import-history" not in response.content
    admin = make_user(superuser=True, language="ru")
    client.force_login(admin)
    upload(client, csv_bytes(good_rows()))
    record = EventImport.objects.get()
    client.post(URL, {"confirm": "1", "import": record.pk, "file_hash": record.file_hash})
    html = client.get(reverse("engagement_import:history")).content.decode()
    assert f'<tr data-import="{record.pk}">' in html and "events.csv" in html
    assert record.file_hash[:12] in html and "<td>3</td>" in html
    assert "История импорта мероприятий" in html


def test_users_who_may_not_add_events_cannot_open_the_page(client):
    client.force_login(make_user(is_staff=True))
    assert client.get(URL).status_code in (302, 403)
