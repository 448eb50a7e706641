"""The Kazakh stemmer: its table of endings, one real word per ending, and what it leaves whole."""

import pytest

from engagement.textsearch.folding import fold_word
from engagement.textsearch.kazakh import ENDINGS, stem, stem_forms

#: (ending, word, stem): every ending of ENDINGS, in a word that ends with it.
TABLE = [
    # case
    ("ндағы", "ауданындағы", "аудан"),
    ("ндегі", "мектебіндегі", "мектеп"),   # the б of мектебі- is п again
    ("дағы", "Алматыдағы", "Алмат"),       # the -ы of Алматы looks like a possessive
    ("дегі", "Іледегі", "Іле"),
    ("тағы", "облыстағы", "облыс"),
    ("тегі", "Шелектегі", "Шелек"),
    ("ның", "баланың", "бала"),
    ("нің", "Іленің", "Іле"),
    ("дың", "ауылдың", "ауыл"),
    ("дің", "көлдің", "көл"),
    ("тың", "облыстың", "облыс"),
    ("тің", "мектептің", "мектеп"),
    ("ға", "қалаға", "қала"),
    ("ге", "Ілеге", "Іле"),
    ("қа", "облысқа", "облыс"),
    ("ке", "Есікке", "Есік"),
    ("на", "ауданына", "аудан"),
    ("не", "мектебіне", "мектеп"),
    ("а", "ауылыма", "ауыл"),
    ("е", "мектебіме", "мектеп"),
    ("ны", "баланы", "бала"),
    ("ні", "Ілені", "Іле"),
    ("ды", "ауылды", "ауыл"),
    ("ді", "көлді", "көл"),
    ("ты", "облысты", "облыс"),
    ("ті", "мектепті", "мектеп"),
    ("нда", "ауданында", "аудан"),
    ("нде", "мектебінде", "мектеп"),
    ("да", "Талғарда", "Талғар"),
    ("де", "Іледе", "Іле"),
    ("та", "облыста", "облыс"),
    ("те", "Есікте", "Есік"),
    ("нан", "Отаннан", "Отан"),
    ("нен", "мектебінен", "мектеп"),
    ("дан", "қаладан", "қала"),
    ("ден", "Іледен", "Іле"),
    ("тан", "облыстан", "облыс"),
    ("тен", "мектептен", "мектеп"),
    ("менен", "баламенен", "бала"),
    ("мен", "баламен", "бала"),
    ("бенен", "қызбенен", "қыз"),
    ("бен", "қызбен", "қыз"),
    ("пенен", "кітаппенен", "кітап"),
    ("пен", "кітаппен", "кітап"),
    # possessive
    ("ымыз", "ауылымыз", "ауыл"),
    ("іміз", "мектебіміз", "мектеп"),
    ("мыз", "баламыз", "бала"),
    ("міз", "Ілеміз", "Іле"),
    ("ыңыз", "ауылыңыз", "ауыл"),
    ("іңіз", "мектебіңіз", "мектеп"),
    ("ңыз", "балаңыз", "бала"),
    ("ңіз", "Ілеңіз", "Іле"),
    ("ың", "ауылың", "ауыл"),
    ("ің", "көлің", "көл"),
    ("ым", "ауылым", "ауыл"),
    ("ім", "көлім", "көл"),
    ("сы", "конференциясы", "конференция"),
    ("сі", "Ілесі", "Іле"),
    ("ы", "ауылы", "ауыл"),
    ("і", "көлі", "көл"),
    # plural
    ("лар", "балалар", "бала"),
    ("лер", "мерекелер", "мереке"),
    ("дар", "ауылдар", "ауыл"),
    ("дер", "көлдер", "көл"),
    ("тар", "жастар", "жас"),
    ("тер", "мектептер", "мектеп"),
]


@pytest.mark.parametrize(("ending", "word", "expected"), TABLE)
def test_each_ending_is_removed(ending, word, expected):
    assert word.endswith(ending)
    assert stem(word) == fold_word(expected)


def test_the_table_covers_every_ending_of_the_stemmer():
    endings = {ending for rows in ENDINGS.values() for written, _ in rows for ending in written}
    assert endings == {row[0] for row in TABLE}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("балаларымызға", "бала"),        # plural + possessive + case, in that order
        ("ауданының", "аудан"),           # possessive + genitive
        ("жастарға", "жас"),
        ("Талгарда", "талгар"),           # typed without ғ: the same stem
        ("КОНФЕРЕНЦИЯСЫ", "конференция"),
        ("Мектебинде", "мектеп"),         # typed without і
    ],
)
def test_endings_stack_and_typed_spellings_give_the_same_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "работа",    # -та only after a voiceless consonant
        "Астана",    # -на only after a possessive -ы/-і
        "аудан",     # -дан would leave two letters
        "Отан",
        "Ислам",     # no one-letter -м
        "доллар",    # -лар not after л
        "Талғар",
        "елге",      # «ел» is too short to be a stem
        "ел",
        "2021",
        "conference",
    ],
)
def test_words_without_an_ending_stay_whole(word):
    assert stem(word) == fold_word(word)


def test_a_voiced_final_consonant_gives_both_spellings():
    assert stem_forms("мектебі") == ("мектеб", "мектеп")
    assert stem_forms("жүрегі") == ("журег", "журек")
    assert stem_forms("мектеп") == ("мектеп",)
