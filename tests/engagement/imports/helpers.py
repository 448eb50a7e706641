"""Files of events for the import tests: CSV and XLSX bytes built from rows of cells."""

import csv
import io

import openpyxl

from engagement.models import Project
from tests.engagement.helpers import district, kk

#: English headings of the columns the tests fill, and their Kazakh and Russian ones.
HEADINGS = {
    "en": ["External ID", "Title", "Project", "District or city", "Settlement", "Start", "End",
           "Participants", "How participants were counted"],
    "kk": ["Сыртқы идентификатор", "Атауы", "Жоба", "Аудан немесе қала", "Елді мекен",
           "Басталуы", "Аяқталуы", "Қатысушылар", "Қатысушылар қалай есептелді"],
    "ru": ["Внешний идентификатор", "Название", "Проект", "Район или город",
           "Населённый пункт", "Начало", "Окончание", "Участники", "Как подсчитаны участники"],
}


def happy_family():
    """The demo's party project «Бақытты отбасы» (canonical row)."""
    return Project.objects.get(slug="baqytty-otbasy", locale=kk())


def veterans():
    return Project.objects.get(slug="ardagerlerdi-ardaqtaiyq", locale=kk())


def talgar():
    return district("talgar-district")


def good_rows():
    """Three correct rows in three languages' spellings, one by external id."""
    return [
        ["EV-1", "Отбасы күні", "«Бақытты отбасы»", "Талғар ауданы", "", "10.05.2024 10:00",
         "10.05.2024 12:00", "1 200", "тіркелген"],
        ["", "День семьи", "Счастливая семья", "Талгарский район", "город Талгар",
         "2024-05-11 15:00", "", "80", "по регистрации"],
        ["", "Family day", "Happy Family", "Talgar District", "", "12.05.2024", "12.05.2024",
         "", ""],
    ]


def csv_bytes(rows, language="en", delimiter=",", bom=False, headings=None):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=delimiter)
    writer.writerow(headings or HEADINGS[language])
    writer.writerows(rows)
    data = output.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows, language="en", headings=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headings or HEADINGS[language])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
