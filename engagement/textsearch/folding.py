"""Letters people type interchangeably, folded to one spelling.

A Kazakh word typed on a Russian keyboard loses its nine Kazakh letters («Талгар» for
«Талғар», «Казакстан» for «Қазақстан»), Russian is written with or without ё, and old
keyboards give a Latin ``i`` for ``і``. Folding maps every such variant to the letter a Russian
keyboard has, so the indexed text and the query meet. Folding loses distinctions
(«ұл» and «ул», «сөз» and «соз»); search accepts that, nothing else should use it.
"""

import re
import unicodedata

#: Each letter and the letter it is folded to (lowercase; text is lowercased first).
FOLDED_LETTERS = {
    "ё": "е",
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
}

#: Latin letters that look like Cyrillic ones, read as Cyrillic inside a Cyrillic word
#: («Бiлiм» typed with a Latin i is «Білім»).
LATIN_LOOKALIKES = {
    "a": "а", "c": "с", "e": "е", "h": "х", "i": "и", "k": "к", "m": "м",
    "o": "о", "p": "р", "t": "т", "x": "х", "y": "у",
}

_FOLD = str.maketrans(FOLDED_LETTERS)
_LOOKALIKES = str.maketrans(LATIN_LOOKALIKES)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
#: A word: letters and digits (``_`` and the apostrophe are separators for search).
WORD = re.compile(r"[^\W_]+")


def fold_word(word):
    """``word`` lowercased and folded (one word, no spaces).

    Args:
        word: a word as written or typed.

    Returns:
        The folded spelling: «Қазақстан» and «Казакстан» both give «казакстан».
    """
    # NFC first: «ё» may come as «е» + U+0308 from some keyboards and PDFs.
    word = unicodedata.normalize("NFC", word).lower()
    if _LATIN.search(word) and _CYRILLIC.search(word):
        word = word.translate(_LOOKALIKES)
    return word.translate(_FOLD)


def words(text):
    """The words of ``text`` in order, as written (no folding)."""
    return WORD.findall(unicodedata.normalize("NFC", text or ""))


def fold_text(text):
    """The folded words of ``text`` joined by single spaces."""
    return " ".join(fold_word(word) for word in words(text))
