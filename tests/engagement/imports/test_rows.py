"""Each kind of bad row is reported with its row number, column and a reason, and a file with
any bad row saves nothing; names match in any language or by KATO code, after normalisation,
and a name that mixes Latin and Cyrillic letters is an error naming the letter."""

import pytest
from django.utils import translation

from engagement.imports.service import check_file, preview
from engagement.models import Event
from tests.engagement.helpers import district, future, kk, make_organiser

from .helpers import csv_bytes, good_rows, happy_family, talgar, veterans

pytestmark = pytest.mark.django_db

TITLE, PROJECT, DISTRICT, SETTLEMENT, START, END, PARTICIPANTS, COUNT_KIND = range(1, 9)
NEXT_YEAR = future(400).strftime("%d.%m.%Y 10:00")


def _with(column, value, row=0):
    rows = good_rows()
    rows[row][column] = value
    return rows


# (what is wrong, rows, expected (row, column), a part of the reason)
BAD_ROWS = [
    ("no title", _with(TITLE, ""), (2, "title"), "required"),
    ("unknown project", _with(PROJECT, "Жоқ жоба"), (2, "project"), "No project"),
    ("unknown district", _with(DISTRICT, "Марс ауданы"), (2, "district"), "No district"),
    ("settlement of another district", _with(SETTLEMENT, "город Есик"), (2, "settlement"),
     "not in the district"),
    ("impossible day", _with(START, "31.02.2024"), (2, "start"), "no such date: 31.02.2024"),
    ("impossible ISO day", _with(START, "2024-13-05 10:00"), (2, "start"), "no such date"),
    ("not a date", _with(START, "келесі сейсенбі"), (2, "start"), "Enter a date like"),
    ("end before start", _with(END, "09.05.2024 10:00"), (2, "end"), "cannot end before"),
    ("headcount not a number", _with(PARTICIPANTS, "көп"), (2, "participants"), "whole number"),
    ("negative headcount", _with(PARTICIPANTS, "-5"), (2, "participants"), "negative"),
    ("headcount without how it was counted", _with(COUNT_KIND, ""), (2, "count_kind"),
     "how the participants were counted"),
    ("unknown count kind", _with(COUNT_KIND, "guessed"), (2, "count_kind"), "not one of"),
    ("headcount for a future event",
     [["", "Келешек", "Бақытты отбасы", "Талғар ауданы", "", NEXT_YEAR, "", "10", "тіркелген"]],
     (2, "participants"), "has not started"),
    ("implausible headcount", _with(PARTICIPANTS, "60 000"), (2, "participants"), "unusual"),
    ("impossible headcount", _with(PARTICIPANTS, "2 000 000"), (2, "participants"),
     "not possible"),
    ("the same event twice", good_rows() + [good_rows()[1]], (5, ""), "same event as row 3"),
    ("a line break in a name", _with(TITLE, "Отбасы\nкүні"), (2, "title"), "line break"),
    ("a state programme", None, (2, "project"), "state programme"),
]


@pytest.mark.parametrize("case, rows, where, reason", BAD_ROWS, ids=[row[0] for row in BAD_ROWS])
def test_each_bad_row_is_reported_and_nothing_is_saved(case, rows, where, reason):
    if rows is None:
        from engagement.models import ProjectKind

        programme = happy_family()
        programme.kind = ProjectKind.STATE_PROGRAMME
        programme.save()
        rows = good_rows()[:1]
    result = preview("events.csv", csv_bytes(rows), user=None)
    assert [(error.row, error.column) for error in result.errors] == [where]
    assert reason in result.errors[0].message
    assert result.plan is None and result.record is None
    assert not Event.objects.filter(source_key__startswith="import").exists()


def test_the_breakdown_may_not_exceed_the_headcount():
    headings = ["Title", "Project", "District or city", "Start", "Participants",
                "How participants were counted", "Of whom young people", "Of whom veterans"]
    rows = [["Кездесу", "Бақытты отбасы", "Талғар ауданы", "10.05.2024 10:00", "10",
             "estimated", "6", "6"]]
    result = check_file("events.csv", csv_bytes(rows, headings=headings), None)
    assert [(e.row, e.column) for e in result.errors] == [(2, "participants_youth")]
    assert "add up to 12, more than the 10" in result.errors[0].message


def test_a_latin_letter_in_a_cyrillic_name_is_an_error_naming_the_letter():
    rows = _with(DISTRICT, "Taлғар ауданы")  # a Latin T and a
    result = check_file("events.csv", csv_bytes(rows), None)
    assert [(e.row, e.column) for e in result.errors] == [(2, "district")]
    message = result.errors[0].message
    assert "“T” (character 1)" in message and "“a” (character 2)" in message
    assert "are Latin letters among Cyrillic ones" in message


def test_one_latin_letter_is_named_in_the_singular_in_russian():
    rows = _with(DISTRICT, "Тaлғар ауданы")  # a Latin a only
    with translation.override("ru"):
        result = check_file("events.csv", csv_bytes(rows), None)
        message = str(result.errors[0].message)
    assert "«a» (символ 2) — латинская буква среди кириллических" in message


@pytest.mark.parametrize("spelling", [
    "Талғар\u00a0ауданы",  # a no-break space copied from a web page
    " Талғар ауданы\u200b ",  # a zero-width space and padding
    "ТАЛҒАР АУДАНЫ",
    "Талгарский район",
    "talgar-district",
])
def test_district_names_match_after_normalisation(spelling):
    result = check_file("events.csv", csv_bytes(_with(DISTRICT, spelling)), None)
    assert result.errors == []
    assert result.plan.create[0]["district_id"] == talgar().pk


def test_places_match_by_kato_code():
    settlement = district("talgar-district").children.filter(locale=kk()).exclude(kato="").first()
    rows = _with(SETTLEMENT, settlement.kato)
    result = check_file("events.csv", csv_bytes(rows), None)
    assert result.errors == []
    assert result.plan.create[0]["settlement_id"] == settlement.pk


def test_the_kazakh_normal_form_matches_a_decomposed_name():
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Бақытты отбасы")
    result = check_file("events.csv", csv_bytes(_with(PROJECT, decomposed)), None)
    assert result.errors == []


def test_a_row_outside_the_organisers_scope_is_an_error():
    organiser = make_organiser(projects=[veterans()], districts=[talgar()])
    result = check_file("events.csv", csv_bytes(good_rows()[:1]), organiser)
    assert [(e.row, e.column) for e in result.errors] == [(2, "district")]
    assert "outside your scope" in result.errors[0].message


def test_an_organiser_imports_inside_their_scope():
    organiser = make_organiser(projects=[happy_family()], districts=[talgar()])
    result = check_file("events.csv", csv_bytes(good_rows()), organiser)
    assert result.errors == [] and len(result.plan.create) == 3


def test_checking_costs_the_same_queries_for_3_and_300_rows(django_assert_max_num_queries):
    few = csv_bytes(good_rows())
    many = csv_bytes([[f"R-{n}-{i}", *row[1:]] for n in range(100)
                      for i, row in enumerate(good_rows())])
    with django_assert_max_num_queries(30) as small:
        check_file("events.csv", few, None)
    with django_assert_max_num_queries(30) as large:
        result = check_file("events.csv", many, None)
    assert result.errors == [] and len(result.plan.create) == 300
    assert len(large.captured_queries) <= len(small.captured_queries) + 1
