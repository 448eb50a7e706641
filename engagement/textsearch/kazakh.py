"""A small Kazakh suffix stemmer for search: plural, possessive and case endings.

Snowball and PostgreSQL have no Kazakh stemmer; ``kazstem`` (a morphological analyser) is
GPL-3.0-or-later, heavier than search needs, and analyses spelled Kazakh, not what a Russian
keyboard gives. This stemmer knows only the nominal endings that make one noun look like
many to a search engine, in their order after the root (root + plural + possessive + case):

    балаларымызға = бала + лар + ымыз + ға       ауданының = аудан + ы + ның

It works on folded text (:mod:`.folding`: «ға» and «га» are one ending), strips at most one
ending of each group from the end (case, then possessive, then plural), and checks the
letter before each ending the way Kazakh chooses its variant (``-та`` after a voiceless
consonant, ``-да`` otherwise, ``-ның`` after a vowel or м/н), which keeps Russian words such as
«работа» whole.
A stem keeps at least three letters and a vowel. Vowel harmony is not checked: folding
merges the front and back vowels.

When a vowel-initial ending goes, a final б/г of the stem is the voiced form of п/к
(«мектебі» is «мектеп» + «і»): :func:`stem_forms` gives both spellings, :func:`stem` the
restored one.
"""

from .folding import fold_word

VOWELS = frozenset("аеиоуыэюя")
CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшщ")
#: Letters after which Kazakh uses the т/қ/п variants of an ending (voiceless consonants and
#: the voiced stops of loanwords: «клубта», «педагогқа»).
VOICELESS = frozenset("кпстфхцчшщбвгд")


def _after_vowel(letter):
    return letter in VOWELS


def _after_vowel_or_nasal(letter):
    return letter in VOWELS or letter in "мн"


def _after_consonant(letter):
    return letter in CONSONANTS


def _after_voiceless(letter):
    return letter in VOICELESS


def _after_voiced(letter):
    return letter in VOWELS or (letter in CONSONANTS and letter not in VOICELESS)


def _after_possessive_3(letter):
    return letter in "ыі" or letter == "и"


def _after_possessive_m_or_n(letter, before=""):
    # Only after the 1st/2nd person possessives -ым/-ім/-ың/-ің: «ауылыма», not «Астана».
    return letter in "мн" and before in ("ы", "и")


def _after_zh_z(letter):
    return letter in "жз"


def _after_plural_l(letter):
    return letter in VOWELS or letter in "рй"


#: The endings, as written in Kazakh, by group, each with the test of the letter before it.
#: Groups are stripped in this order (from the end of a word); within a group the longest
#: matching ending wins.
ENDINGS = {
    "case": [
        (("ндағы", "ндегі"), _after_possessive_3),  # locative + -ғы: ауданындағы
        (("дағы", "дегі"), _after_voiced),                 # Алматыдағы
        (("тағы", "тегі"), _after_voiceless),              # Есіктегі
        (("ның", "нің"), _after_vowel_or_nasal),           # genitive: баланың
        (("дың", "дің"), _after_voiced),                   # ауылдың
        (("тың", "тің"), _after_voiceless),                # мектептің
        (("ға", "ге"), _after_voiced),                     # dative: қалаға
        (("қа", "ке"), _after_voiceless),                  # Есікке
        (("на", "не"), _after_possessive_3),  # after the 3rd possessive: ауданына
        (("а", "е"), _after_possessive_m_or_n),            # after 1st/2nd possessive: ауылыма
        (("ны", "ні"), _after_vowel),                      # accusative: баланы
        (("ды", "ді"), _after_voiced),                     # ауылды
        (("ты", "ті"), _after_voiceless),                  # мектепті
        (("нда", "нде"), _after_possessive_3),  # locative after possessive: ауданында
        (("да", "де"), _after_voiced),                     # Талғарда
        (("та", "те"), _after_voiceless),                  # Есікте
        (("нан", "нен"), _after_vowel_or_nasal),           # ablative: ауданынан, Отаннан
        (("дан", "ден"), _after_voiced),                   # қаладан
        (("тан", "тен"), _after_voiceless),                # мектептен
        (("менен", "мен"), _after_voiced),                 # instrumental: баламен
        (("бенен", "бен"), _after_zh_z),                   # қызбен
        (("пенен", "пен"), _after_voiceless),              # кітаппен
    ],
    "possessive": [
        (("ымыз", "іміз"), _after_consonant),              # ауылымыз
        (("мыз", "міз"), _after_vowel),                    # баламыз
        (("ыңыз", "іңіз"), _after_consonant),              # ауылыңыз
        (("ңыз", "ңіз"), _after_vowel),                    # балаңыз
        (("ың", "ің"), _after_consonant),                  # ауылың
        (("ым", "ім"), _after_consonant),                  # ауылым
        (("сы", "сі"), _after_vowel),                      # конференциясы
        (("ы", "і"), _after_consonant),                    # ауданы
    ],
    "plural": [
        (("лар", "лер"), _after_plural_l),                 # балалар
        (("дар", "дер"), _after_voiced),                   # ауылдар
        (("тар", "тер"), _after_voiceless),                # жастар
    ],
}

# Left out on purpose: the one-letter endings -н (accusative after a possessive), -ң and -м
# (2nd and 1st person after a vowel) would cut «аудан», «Отан», «Ислам»; «ауданын» still
# loses «ын» as a possessive.


def _compile():
    compiled, vowel_initial = {}, set()
    for group, rows in ENDINGS.items():
        endings = []
        for written, test in rows:
            for ending in written:
                folded = fold_word(ending)
                endings.append((folded, test))
                if folded[0] in VOWELS:
                    vowel_initial.add(folded)
        # Longest first, so «ымыз» is tried before «ыз»-less «ым» and «нда» before «да».
        compiled[group] = sorted(endings, key=lambda row: -len(row[0]))
    return compiled, frozenset(vowel_initial)


_COMPILED, _VOWEL_INITIAL = _compile()
#: Words shorter than this are never stemmed.
MIN_WORD_LENGTH = 4
#: The shortest stem an ending may leave («елге» stays whole: «ел» would match too much).
MIN_STEM_LENGTH = 3


def _strip(word, group):
    """``(stem, ending)`` after removing one ending of ``group`` (``ending`` "" if none)."""
    for ending, test in _COMPILED[group]:
        if not word.endswith(ending) or len(word) == len(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) < MIN_STEM_LENGTH or not any(letter in VOWELS for letter in stem):
            continue
        passes = (
            test(stem[-1], stem[-2]) if test is _after_possessive_m_or_n else test(stem[-1])
        )
        if passes:
            return stem, ending
    return word, ""


def stem_forms(word):
    """The stems of ``word``, folded: the stem as cut and, when it differs, the restored one.

    Args:
        word: one word as typed or written (any case, with or without Kazakh letters).

    Returns:
        A tuple of one or two stems, the cut one first: ``("мектеб", "мектеп")`` for
        «мектебі», ``("бала",)`` for «балаларымызға», ``("работа",)`` for «работа».
    """
    folded = fold_word(word)
    if len(folded) < MIN_WORD_LENGTH or not folded.isalpha():
        return (folded,)
    stem, last = folded, ""
    for group in ("case", "possessive", "plural"):
        stem, ending = _strip(stem, group)
        last = ending or last
    if last in _VOWEL_INITIAL and stem[-1] in "бг":
        return stem, stem[:-1] + {"б": "п", "г": "к"}[stem[-1]]
    return (stem,)


def stem(word):
    """The stem of ``word``, folded, a voiced final consonant restored («мектебі» → «мектеп»)."""
    return stem_forms(word)[-1]
