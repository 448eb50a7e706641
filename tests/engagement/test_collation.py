"""Kazakh, Russian and English alphabetical order (engagement.collation), in Python and in the
database: the real district list, the alphabet letter by letter, and the Python key agreeing
with the database's collation. Run on SQLite and with ``DATABASE_URL`` on PostgreSQL (there the
database's own ICU collations answer, and the Python key must give the same order)."""

import random

import pytest
from django.db import connection
from django.utils import translation

from engagement.collation import COLLATIONS, Collated, sort_key
from engagement.models import Place, Project
from engagement.stats.catalogue import Catalogue

#: The issue's alphabet (issue 13, point 2).
KAZAKH = (
    "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я".split()
)
RUSSIAN = "А Б В Г Д Е Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я".split()

#: The districts and cities of engagement/data/districts.tsv (Kapshagay renamed Konaev), in the
#: order a reader of each language expects: written out, not computed.
DISTRICTS = {
    "kk": [
        "Ақсу ауданы", "Алакөл ауданы", "Балқаш ауданы", "Еңбекшіқазақ ауданы",
        "Ескелді ауданы", "Жамбыл ауданы", "Кеген ауданы", "Кербұлақ ауданы", "Көксу ауданы",
        "Қарасай ауданы", "Қаратал ауданы", "Қонаев қаласы", "Панфилов ауданы",
        "Райымбек ауданы", "Сарқан ауданы", "Талғар ауданы", "Талдықорған қаласы",
        "Текелі қаласы", "Ұйғыр ауданы", "Іле ауданы",
    ],
    "ru": [
        "Аксуский район", "Алакольский район", "Балхашский район", "город Конаев",
        "город Талдыкорган", "город Текели", "Енбекшиказахский район", "Ескельдинский район",
        "Жамбылский район", "Илийский район", "Карасайский район", "Каратальский район",
        "Кегенский район", "Кербулакский район", "Коксуский район", "Панфиловский район",
        "Райымбекский район", "Саркандский район", "Талгарский район", "Уйгурский район",
    ],
    "en": [
        "Aksu District", "Alakol District", "Balkhash District", "Enbekshikazakh District",
        "Eskeldi District", "Ile District", "Karasay District", "Karatal District",
        "Kegen District", "Kerbulak District", "Koksu District",
        "Konaev (city of regional significance)", "Panfilov District", "Raiymbek District",
        "Sarkand District", "Taldykorgan (city of regional significance)", "Talgar District",
        "Tekeli (city of regional significance)", "Uygur District", "Zhambyl District",
    ],
}

#: Names that test the edges: case, ё, spaces, hyphens, digits, quotes, Latin among Cyrillic.
TRICKY = [
    "ақ", "Ақ", "АҚ", "Ақ жол", "Ақжол", "Ақ-жол", "«Бақытты отбасы»", "Бақ", "Әлем", "ёж", "еж",
    "ел", "Ёл", "Іле", "Иле", "Йод", "Ыбырай", "Ьа", "Һа", "Ха", "Үй", "Ұл", "Уа", "10 жыл",
    "9 май", "Nur Otan", "nur", "Zhetysu", "Éa", "eb", "Ea", "Щит", "Шар", "Ъа",
]


def db_order(names, language):
    """``names`` as the database orders them with :class:`Collated` (one query, no table)."""
    rows = " UNION ALL ".join(["SELECT %s AS name"] * len(names))
    collation = connection.ops.quote_name(COLLATIONS[language])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name FROM ({rows}) AS names "  # noqa: S608 (placeholders only)
            f"ORDER BY LTRIM(name, %s) COLLATE {collation}, name",
            [*names, "«»“”„\"'‘’ -–—("],
        )
        return [row[0] for row in cursor.fetchall()]


def shuffled(items):
    items = list(items)
    random.Random(13).shuffle(items)
    return items


def test_python_key_puts_the_kazakh_alphabet_in_the_issues_order():
    assert sorted(shuffled(KAZAKH), key=lambda letter: sort_key(letter, "kk")) == KAZAKH


def test_python_key_sorts_russian_with_yo_beside_ye_and_kazakh_letters_after_their_base():
    assert sorted(shuffled(RUSSIAN), key=lambda letter: sort_key(letter, "ru")) == RUSSIAN
    words = ["ёж", "ел", "еж", "Іле", "Иле", "Йод"]
    assert sorted(words, key=lambda word: sort_key(word, "ru")) == [
        "еж", "ёж", "ел", "Иле", "Іле", "Йод",
    ]
    # In Kazakh Ё is a letter of its own, after Е; І is after Ы.
    assert sorted(words, key=lambda word: sort_key(word, "kk")) == [
        "еж", "ел", "ёж", "Иле", "Йод", "Іле",
    ]


def test_python_key_ignores_leading_quotes_and_puts_latin_after_cyrillic():
    names = ["Zhetysu", "«Бақытты отбасы»", "Әлем", "Nur Otan", "Ақ жол", "«Ардагерлер»"]
    assert sorted(names, key=lambda name: sort_key(name, "kk")) == [
        "Ақ жол", "«Ардагерлер»", "Әлем", "«Бақытты отбасы»", "Nur Otan", "Zhetysu",
    ]
    assert sorted(names, key=lambda name: sort_key(name, "en"))[:2] == ["Nur Otan", "Zhetysu"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_database_orders_the_alphabet_as_the_issue_says(language):
    letters = KAZAKH if language == "kk" else RUSSIAN
    assert db_order(shuffled(letters), language) == letters


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_python_key_agrees_with_the_database(language):
    """On PostgreSQL this compares the emulation with ICU itself."""
    names = TRICKY + DISTRICTS["kk"] + DISTRICTS["ru"] + DISTRICTS["en"]
    expected = db_order(shuffled(names), language)
    assert sorted(names, key=lambda name: (sort_key(name, language), name)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_real_district_list_in_each_language(language):
    rows = Place.objects.filter(locale__language_code=language).districts()

    assert list(rows.in_name_order(language).values_list("name", flat=True)) == (
        DISTRICTS[language]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_canonical_districts_in_the_order_of_the_readers_names(language):
    """Events point at the Kazakh rows; a Russian reader sees them sorted by Russian names."""
    with translation.override(language):
        canonical = Place.objects.canonical().districts().in_localized_name_order()
        names = Catalogue().districts

        assert [names[place.pk].name for place in canonical] == DISTRICTS[language]
        assert [entry.name for entry in names.values()] == DISTRICTS[language]


@pytest.mark.django_db
def test_collated_follows_the_active_language_when_none_is_given():
    rows = Place.objects.filter(locale__language_code="kk").districts()
    query = rows.order_by(Collated("name"))
    with translation.override("kk"):
        kazakh = list(query.values_list("name", flat=True))
    with translation.override("ru"):
        russian = list(query.values_list("name", flat=True))

    assert kazakh == DISTRICTS["kk"]
    # The same Kazakh names in Russian order: І among the И's, not after Ы.
    assert russian.index("Іле ауданы") == russian.index("Жамбыл ауданы") + 1


@pytest.mark.django_db
def test_projects_sort_under_their_first_letter_not_their_quotation_mark():
    rows = Project.objects.party().filter(locale__language_code="kk").in_name_order("kk")
    names = list(rows.values_list("name", flat=True))

    assert names == sorted(names, key=lambda name: sort_key(name, "kk"))
    assert names[0].startswith("«Ардагерлерді")
