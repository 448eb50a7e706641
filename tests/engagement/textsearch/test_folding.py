"""Folding: every letter people type interchangeably is one letter for search."""

import pytest

from engagement.textsearch.folding import FOLDED_LETTERS, fold_text, fold_word, words


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Мөлдір", "Молдир"),     # ө → о, і → и
        ("Әсем", "Асем"),         # ә → а
        ("Ғылым", "Гылым"),       # ғ → г
        ("Қазына", "Казына"),     # қ → к
        ("Теңге", "Тенге"),       # ң → н
        ("Ұлағат", "Улагат"),     # ұ → у, ғ → г
        ("Үміт", "Умит"),         # ү → у, і → и
        ("Қаһарман", "Кахарман"), # һ → х
        ("Білім", "Билим"),       # і → и
        ("Молодёжь", "молодежь"), # ё → е, case
        ("ТАЛҒАР", "талгар"),     # case
    ],
)
def test_a_word_and_its_russian_keyboard_spelling_fold_alike(written, typed):
    assert fold_word(written) == fold_word(typed)


def test_every_folded_letter_has_a_row_above():
    # The table of the test above names each letter of FOLDED_LETTERS at least once.
    tested = "МөлдірӘсемҒылымҚазынаТеңгеҰлағатҮмітҚаһарманБілімМолодёжь".lower()
    assert set(FOLDED_LETTERS) <= set(tested)


def test_a_combining_diaeresis_is_the_letter_yo():
    assert fold_word("Е\u0308лка") == fold_word("Ёлка") == "елка"


def test_latin_lookalikes_count_as_cyrillic_only_inside_a_cyrillic_word():
    assert fold_word("Бiлiм") == fold_word("Білім")  # Latin i typed for і
    assert fold_word("Talgar") == "talgar"  # a Latin word stays Latin


def test_words_split_on_punctuation_and_keep_digits():
    assert words("есеп-беру, XXVIII «конференциясы» 2021_ж.") == [
        "есеп", "беру", "XXVIII", "конференциясы", "2021", "ж",
    ]
    assert fold_text("Талғар  ауданы!") == "талгар ауданы"
