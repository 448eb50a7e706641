"""Words that mean what they say: no kk or ru catalogue entry uses a term that a native read of
the interface refused (issue 9's terminology list, current → wanted).

Each rule names a language, the forbidden wording (a regular expression on the msgstr), the
entries it applies to (a regular expression on the msgid: the sense in which the word is
wrong) and why. Every msgstr of every project catalogue is checked; a self-check plants a bad
entry to show that the check would catch it.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(
    path
    for folder in ("cms", "home", "engagement")
    for path in (ROOT / folder).glob("**/locale/*/LC_MESSAGES/django.po")
)
ANY = r""
KK_MONTHS = "Қаңтар|Ақпан|Наурыз|Сәуір|Мамыр|Маусым|Шілде|Тамыз|Қыркүйек|Қазан|Қараша|Желтоқсан"
RU_MONTHS = "Январь|Февраль|Март|Апрель|Май|Июнь|Июль|Август|Сентябрь|Октябрь|Ноябрь|Декабрь"

#: (language, forbidden wording in msgstr, msgid it applies to, why; wanted wording)
RULES = [
    ("kk", r"(?i)болдыр", ANY,
     "«болдырылмаған» also reads as “not cancelled”: cancelled is «тоқтатылған», «Тоқтатылды»"),
    ("kk", r"[Нн]әтиже", r"(?i)statistic",
     "the statistics page is «Статистика», not «Нәтижелер»"),
    ("ru", r"[Ии]тог", r"(?i)statistic",
     "the statistics page is «Статистика», not «Итоги»"),
    ("kk", r"^[Іі]с-шара$", r"^[Ee]vents$", "a plural heading: «Іс-шаралар»"),
    ("ru", r"^[Мм]ероприятий$", r"^[Ee]vents$", "a heading: «Мероприятия»"),
    ("ru", r"Добавить зона", ANY, "accusative: «Добавить зону…»"),
    ("ru", r"[Мм]ероприятие.*(обновлена|создана|удалена|опубликована)", ANY,
     "«мероприятие» is neuter"),
    ("ru", rf"\b[сС] ({RU_MONTHS})\b", ANY,
     "a month after «с» is genitive and lower-case: «с января 2021 г.»"),
    ("ru", r"г\.\.", ANY, "no double period after «г.»"),
    ("kk", rf"ж\.\s+({KK_MONTHS})", ANY, "a month inside a phrase is lower-case: «2021 ж. қаңтар»"),
    ("kk", r"\bжоба", r"(?i)draft", "a WordPress draft is «қаралама», «жоба» is a project"),
    ("kk", r"өткізілді", r"(?i)skipped",
     "skipped is «өткізіп жіберілді»; «өткізілді» means “was held”"),
    ("kk", r"ата-ана", ANY, "a parent page is «жоғарғы бет»"),
    ("kk", r"[Жж]азба|[Жж]азу", r"(?i)caption", "a caption is «Сурет астындағы мәтін»"),
    ("kk", r"(?<![а-яәғқңөұүһі])ым тілі", ANY, "sign language is «ымдау тілі»"),
    ("kk", r"(?i)оның ішінде отбасылар|^Отбасылар$", r"(?i)famil",
     "participants are people: «Оның ішінде отбасы мүшелері»"),
    ("ru", r"(?i)из них семьи|^Семьи$", r"(?i)famil", "participants are people: «члены семей»"),
    ("ru", r"^оценка$", r"^estimated$", "a count kind: «оценочно»"),
    ("ru", r"[Сс]мешанн", r"(?i)hybrid", "the hybrid format is «гибридный»"),
    ("ru", r"^Единица$", r"^Unit$", "a unit of measurement: «Единица измерения»"),
]


def language_of(path):
    return path.parts[-3]


def msgstrs(entry):
    if entry.msgid_plural:
        return list(entry.msgstr_plural.values())
    return [entry.msgstr]


def violations(entries, language):
    found = []
    for entry in entries:
        for text in msgstrs(entry):
            for rule_language, forbidden, sense, why in RULES:
                # The context is part of the sense: "a unit after a number|events".
                key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
                if rule_language != language or not re.search(sense, key):
                    continue
                if re.search(forbidden, text):
                    found.append(f"{entry.msgid!r} → {text!r}: {why}")
    return found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_catalogue_entry_uses_a_refused_term(path):
    found = violations(polib.pofile(str(path)), language_of(path))

    assert not found, f"{path.relative_to(ROOT)}:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("language", "msgid", "msgstr"),
    [
        ("kk", "cancelled", "болдырылмаған"),
        ("kk", "Cancelled", "Болдырылмады"),
        ("kk", "events", "іс-шара"),
        ("ru", "events", "мероприятий"),
        ("kk", "Caption", "Жазба"),
        ("kk", "The post was scheduled; it became a draft.", "ол жоба болып сақталды"),
        ("kk", "skipped %(skipped)d", "өткізілді: %(skipped)d"),
        ("kk", "Ramps, sign language", "ым тілі"),
        ("kk", "of whom families", "оның ішінде отбасылар"),
        ("kk", "the given parent page", "берілген ата-ана беттің"),
        ("ru", "statistics page title", "Итоги"),
        ("ru", "Add %(model_name)s", "Добавить зона ответственности"),
        ("ru", "hybrid", "смешанный"),
        ("ru", "estimated", "оценка"),
        ("ru", "Unit", "Единица"),
        ("ru", "From %(start)s", "с Январь 2021 г. по Ноябрь 2025 г.."),
        ("kk", "month", "2021 ж. Қаңтар"),
    ],
)
def test_the_check_catches_a_planted_entry(language, msgid, msgstr):
    planted = polib.POEntry(msgid=msgid, msgstr=msgstr)

    assert violations([planted], language)


def test_the_check_leaves_right_words_alone():
    right = [
        ("kk", "cancelled", "тоқтатылған"),
        ("kk", "published, not-cancelled events", "жарияланған, тоқтатылмаған іс-шаралар"),
        ("kk", "events", "іс-шаралар"),
        ("ru", "events", "мероприятия"),
        ("ru", "Totals", "Итого"),
        ("kk", "A link to a video or post", "Бейнеге немесе жазбаға сілтеме"),
        ("kk", "Sign language", "ымдау тілі"),
    ]
    for language, msgid, msgstr in right:
        assert not violations([polib.POEntry(msgid=msgid, msgstr=msgstr)], language), msgstr


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("%(model_name)s '%(object)s' updated.", "Изменения сохранены: мероприятие «Встреча»."),
        ("%(model_name)s '%(object)s' created.", "Добавлено: мероприятие «Встреча»."),
        ("%(model_name)s '%(object)s' deleted.", "Удалено: мероприятие «Встреча»."),
        ("%(model_name)s '%(object)s' updated and published.",
         "Изменения сохранены и опубликованы: мероприятие «Встреча»."),
    ],
)
def test_wagtails_messages_about_an_event_agree_in_russian(message, expected):
    """Wagtail composes «%(model_name)s … обновлена»; the project's catalogue rewords it."""
    from django.utils.text import capfirst
    from django.utils.translation import gettext

    from engagement.models import Event

    with translation.override("ru"):
        text = capfirst(gettext(message) % {
            "model_name": Event._meta.verbose_name, "object": "Встреча",
        })

    assert text == expected


@pytest.mark.django_db
def test_adding_an_organiser_scope_reads_right_in_russian(client):
    from tests.engagement.helpers import make_user

    client.force_login(make_user(superuser=True, language="ru"))

    html = client.get("/admin/engagement/organiser-scopes/").content.decode()

    assert "Добавить зону ответственности организатора" in html
    assert "Добавить зона" not in html


DEMO_TITLES = [
    ("kk", "Статистика"), ("ru", "Статистика"), ("en", "Statistics"),
]


@pytest.mark.parametrize(("language", "title"), DEMO_TITLES)
def test_the_demo_names_the_statistics_page_statistics(language, title):
    from home.demo import STATISTICS

    assert STATISTICS[language]["title"] == title
