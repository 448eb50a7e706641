"""How the statistics read in kk, ru and en: periods, month names inside sentences, plurals."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from engagement.stats.presentation import month_label, period_sentence

from .helpers import almaty, make_user
from .stats_helpers import fresh_project, held_event

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
PAGES = {"kk": "/statistics/", "ru": "/ru/statistics/", "en": "/en/statistics/"}


def statistics(events, first=datetime.date(2021, 1, 1), last=datetime.date(2025, 11, 1)):
    """What period_sentence() reads of a statistics answer: its months and its total."""
    return SimpleNamespace(by_month={first: None, last: None}, total=SimpleNamespace(events=events))


@pytest.mark.parametrize(
    ("language", "events", "expected"),
    [
        # Russian has three forms: 1, 21, 3001 / 2-4, 3002 / 5-20, 11, 3005.
        ("ru", 3001, f"3{NBSP}001 мероприятие проведено с января 2021 г. по ноябрь 2025 г."),
        ("ru", 3002, f"3{NBSP}002 мероприятия проведены с января 2021 г. по ноябрь 2025 г."),
        ("ru", 3005, f"3{NBSP}005 мероприятий проведено с января 2021 г. по ноябрь 2025 г."),
        ("ru", 11, "11 мероприятий проведено"),
        ("ru", 21, "21 мероприятие проведено"),
        ("ru", 1, "1 мероприятие проведено"),
        # Kazakh: the noun stays singular after a number; months in lower case.
        ("kk", 3001, f"2021 ж. қаңтар – 2025 ж. қараша аралығында 3{NBSP}001 іс-шара өткізілді."),
        ("en", 1, "1 event held from January 2021 to November 2025."),
        ("en", 3001, "3,001 events held from January 2021 to November 2025."),
    ],
)
def test_the_period_sentence_agrees_with_its_number(language, events, expected):
    with translation.override(language):
        sentence = period_sentence(statistics(events))

    assert expected in sentence
    assert ".." not in sentence


@pytest.mark.parametrize(
    ("language", "label"),
    [("kk", "2021 ж. қаңтар"), ("ru", "Январь 2021 г."), ("en", "January 2021")],
)
def test_a_month_on_its_own_reads_as_a_label(language, label):
    with translation.override(language):
        assert month_label(datetime.date(2021, 1, 1)) == label


@pytest.fixture
def two_events():
    """A project with one event in January 2021 and one in November 2025."""
    project_ = fresh_project()
    held_event(project_, 120, start=almaty(2021, 1, 15))
    held_event(project_, 80, "kegen-district", start=almaty(2025, 11, 5))
    return project_


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("ru", ["2 мероприятия проведены с января 2021 г. по ноябрь 2025 г.",
                "по месяцам, с января 2021 г. по ноябрь 2025 г. включительно."]),
        ("kk", ["2021 ж. қаңтар – 2025 ж. қараша аралығында 2 іс-шара өткізілді.",
                "2021 ж. қаңтар – 2025 ж. қараша аралығындағы"]),
        ("en", ["2 events held from January 2021 to November 2025.",
                "per month from January 2021 to November 2025."]),
    ],
)
def test_the_statistics_page_states_its_period_in_the_readers_grammar(
    client, two_events, language, phrases
):
    html = client.get(PAGES[language], {"project": two_events.slug}).content.decode()

    for phrase in phrases:
        assert phrase in html
    assert "г.." not in html
    assert not re.search(r"ж\. (Қаңтар|Ақпан|Наурыз|Қараша)", html)  # no capitals mid-phrase


@pytest.mark.parametrize(
    ("language", "total"),
    [
        ("ru", "Всего: 2 мероприятия, 200 участников."),
        ("kk", "Барлығы: 2 іс-шара, 200 қатысушы."),
        ("en", "Total: 2 events, 200 participants."),
    ],
)
def test_the_admin_report_total_uses_plural_forms(client, two_events, language, total):
    client.force_login(make_user(superuser=True, language=language))

    html = client.get(
        "/admin/engagement/statistics/", {"project": two_events.pk}
    ).content.decode()

    assert total in " ".join(html.split())
