"""Alphabetical order of names: Kazakh, Russian or plain Latin, the same on every database.

Kazakh readers expect А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы
І Ь Э Ю Я; byte order (SQLite's and Python's default) puts «Іле», «Қарасай» and «Ұйғыр» after
«Я». Russian readers expect the Russian alphabet (Ё sorted with Е), English ones plain Latin
order. :class:`Collated` is the one expression every ordered query uses: ``name COLLATE
"kk-x-icu"`` (``ru-x-icu``, ``en-x-icu``) on both backends.

- On PostgreSQL these are the ICU collations PostgreSQL creates itself. PostgreSQL 15 here
  links ICU 72, whose ``kk`` order is exactly the alphabet above, Ё, Һ and І included (checked
  letter by letter and on the district list, see ``tests/engagement/test_collation.py``), so no
  custom collation (``CREATE COLLATION ... rules``, which needs PostgreSQL 16) is needed.
- On SQLite, :func:`register_sqlite_collations` (connected to ``connection_created`` by the
  app config) registers collations *of the same names*, implemented by :func:`sort_key`, a
  small emulation of ICU's three levels for the letters the site uses: letters by the
  language's alphabet, then diacritics (Ё after Е in Russian), then case (lower first), and
  spaces, punctuation and digits before letters, as ICU's defaults have them.

Python code that sorts names it already holds (cached catalogues, choice lists) uses
:func:`sort_key` too, so a list sorted in Python and one sorted by either database agree; the
PostgreSQL test compares the two on the real names. PyICU would give ICU itself on SQLite, but
needs a C build against ``libicu-dev``, which ``make run`` on a fresh machine cannot assume.
"""

import functools
import unicodedata

from django.db.models import Func, TextField

#: The Kazakh alphabet (lower case), as the site's readers order it.
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
#: The Russian alphabet with the Kazakh letters where ICU's Russian (and root) order puts them;
#: Ё is not in it: it is Е with a secondary difference.
RUSSIAN_ALPHABET = "аәбвгғдежзиійкқлмнңоөпрстуүұфхһцчшщъыьэюя"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
#: Punctuation in ICU's root order, as far as names use it; any other sorts after these.
PUNCTUATION = "_-‐‑‒–—―,;:!¡?¿.…·'‘’‚‛‹›\"“”„‟«»()[]{}§¶@*/\\&#%‰†‡•`´˜^¨"

#: Characters a name may start with that are not where a reader looks it up: «Бақытты отбасы»
#: sorts under Б, as in an index. Both backends strip them (``LTRIM``) before collating.
LEADING_IGNORED = "«»“”„\"'‘’ -–—("

#: The language codes with an order of their own; any other language sorts as English.
COLLATIONS = {"kk": "kk-x-icu", "ru": "ru-x-icu", "en": "en-x-icu"}

# Primary groups: spaces, punctuation, symbols, digits, then the scripts in the language's order.
_SPACE, _PUNCTUATION, _SYMBOL, _DIGIT = 0, 1, 2, 3


def sort_language(language_code):
    """The collation language for ``language_code`` (``"kk"``, ``"ru"`` or ``"en"``)."""
    base = (language_code or "").split("-")[0].lower()
    return base if base in COLLATIONS else "en"


def _letter_weight(char, language):
    """``(primary, secondary)`` of one lower-case letter, or ``None`` if not a letter we order."""
    cyrillic = KAZAKH_ALPHABET if language == "kk" else RUSSIAN_ALPHABET
    scripts = (cyrillic, LATIN_ALPHABET) if language in ("kk", "ru") else (LATIN_ALPHABET, cyrillic)
    if language != "kk" and char == "ё":
        char, secondary = "е", 1
    else:
        secondary = 0
    if char not in cyrillic:
        # Latin letters with diacritics (é, ö) sort with their base letter, after it.
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and decomposed[0] in LATIN_ALPHABET:
            char, secondary = decomposed[0], 1 + sum(ord(mark) for mark in decomposed[1:])
    for group, alphabet in enumerate(scripts, start=4):
        position = alphabet.find(char)
        if position >= 0:
            return (group, position), secondary
    return None


@functools.lru_cache(maxsize=4096)
def sort_key(name, language="kk"):
    """A key that sorts ``name`` as ICU's collation of ``language`` does.

    Args:
        name: the text to sort.
        language: ``"kk"``, ``"ru"`` or ``"en"`` (see :func:`sort_language`).

    Returns:
        A tuple of primary, secondary and tertiary weights and the text itself, which breaks
        the last ties as PostgreSQL does (its ICU collations are deterministic).
    """
    language = sort_language(language)
    name = (name or "").lstrip(LEADING_IGNORED)
    primary, secondary, tertiary = [], [], []
    for char in name:
        lower = char.lower()
        weight = _letter_weight(lower, language) if len(lower) == 1 else None
        if weight is not None:
            first, second = weight
        elif char.isspace():
            first, second = (_SPACE, 0), 0
        elif char in PUNCTUATION:
            first, second = (_PUNCTUATION, PUNCTUATION.index(char)), 0
        elif char.isdigit():
            first, second = (_DIGIT, unicodedata.digit(char, 0)), 0
        else:
            category = unicodedata.category(char)
            if category[0] in "MC":  # combining marks and control characters are ignorable
                continue
            group = {"P": _PUNCTUATION, "S": _SYMBOL}.get(category[0], 9)
            first, second = (group, 1000 + ord(lower[0])), 0
        primary.append(first)
        secondary.append(second)
        tertiary.append(0 if char == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary), name


def _compare(language):
    def compare(first, second):
        first_key, second_key = sort_key(first, language), sort_key(second, language)
        return (first_key > second_key) - (first_key < second_key)

    return compare


def register_sqlite_collations(sender=None, connection=None, **kwargs):
    """Give a new SQLite connection the collations ``kk-x-icu``, ``ru-x-icu``, ``en-x-icu``.

    A receiver of ``django.db.backends.signals.connection_created``; other backends are left
    alone (PostgreSQL has the ICU collations of these names).
    """
    if connection is None or connection.vendor != "sqlite":
        return
    for language, collation in COLLATIONS.items():
        connection.connection.create_collation(collation, _compare(language))


class Collated(Func):
    """``LTRIM(expression, '«"…') COLLATE "<language>-x-icu"``: order a query alphabetically.

    ``language`` is a language code (see :func:`sort_language`); without one, the language
    active when the query is compiled decides, so that one queryset sorts for each reader. On a
    backend other than PostgreSQL and SQLite the expression is left as it is (byte order).
    """

    template = "LTRIM(%(expressions)s, %%s) COLLATE %(collation)s"
    output_field = TextField()

    def __init__(self, expression, language=None, **extra):
        super().__init__(expression, **extra)
        self.language = language

    def collation(self):
        from django.utils import translation

        return COLLATIONS[sort_language(self.language or translation.get_language())]

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor not in ("postgresql", "sqlite"):
            return compiler.compile(self.source_expressions[0])
        extra_context["collation"] = connection.ops.quote_name(self.collation())
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return sql, (*params, LEADING_IGNORED)
