"""Which language a WordPress post is in: a WPML or Polylang taxonomy, else the text itself."""

import re

#: Letters Kazakh Cyrillic has and Russian does not.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
#: Codes WordPress multilingual plugins use for the site's languages.
ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en"}
#: Taxonomies (Polylang's ``language``) and post meta (WPML) that name a post's language.
LANGUAGE_TAXONOMIES = ("language", "wpml_language")
LANGUAGE_META = ("_wpml_language", "wpml_language", "_language")
# A Russian text quoting a Kazakh name is still Russian: Kazakh letters must be a real share
# (7 to 18 per cent of the Cyrillic letters in Kazakh text, under 1 in Russian with names).
KAZAKH_SHARE = 0.03


def normalise_code(value, available):
    """``kk_KZ``, ``kz`` or ``ru-RU`` as one of the ``available`` language codes, or ``None``."""
    code = (value or "").strip().lower().replace("_", "-")
    if not code:
        return None
    if code in available:
        return code
    base = ALIASES.get(code.split("-")[0], code.split("-")[0])
    return base if base in available else None


def declared_language(item, available):
    """The language a multilingual plugin recorded for ``item``, or ``None``."""
    for term in item.terms_in(*LANGUAGE_TAXONOMIES):
        code = normalise_code(term.slug, available) or normalise_code(term.name, available)
        if code:
            return code
    for key in LANGUAGE_META:
        code = normalise_code(item.meta_value(key), available)
        if code:
            return code
    return None


def detect_language(text):
    """``kk`` when Kazakh-specific letters are a real share of the Cyrillic, ``ru`` for other
    Cyrillic text, ``en`` otherwise."""
    cyrillic = len(CYRILLIC.findall(text))
    latin = len(LATIN.findall(text))
    if not cyrillic or cyrillic < latin:
        return "en"
    kazakh = sum(1 for char in text if char in KAZAKH_LETTERS)
    return "kk" if kazakh and kazakh / cyrillic >= KAZAKH_SHARE else "ru"
