"""Which language a WordPress post is in: what WPML or Polylang recorded, else the text itself.

The text is read as a reader reads it: without shortcodes (their content stays), addresses,
HTML attributes and embed markup, whose Latin letters would otherwise outvote a short Kazakh
caption. Kazakh and Russian are told apart by their words, not only their letters: lower-case
words with Kazakh letters and Kazakh function words against Russian function words, so that a
Russian report naming Қонаев or Талдықорған (capitalised) stays Russian. When the text does not
decide, the export's channel ``<language>`` does.
"""

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

#: Letters Kazakh Cyrillic has and Russian does not.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
#: Codes WordPress multilingual plugins use for the site's languages.
ALIASES = {"kz": "kk", "kaz": "kk", "qaz": "kk", "rus": "ru", "eng": "en"}
#: Polylang's taxonomy naming a post's language.
LANGUAGE_TAXONOMIES = ("language",)
#: Post meta naming a post's language: only WPML's Export and Import add-on writes one. A plain
#: export of a WPML site (Tools → Export) carries none: WPML keeps languages in its own table
#: (``icl_translations``), so there the post's address is all that tells (:func:`link_language`).
LANGUAGE_META = ("_wpml_import_language_code",)
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


def declared_language(item, available, base_url=""):
    """The language a multilingual plugin recorded for ``item``, or ``None``.

    Polylang's ``language`` term, then WPML's Export and Import meta, then the language in the
    post's address (:func:`link_language`).
    """
    for term in item.terms_in(*LANGUAGE_TAXONOMIES):
        code = normalise_code(term.slug, available) or normalise_code(term.name, available)
        if code:
            return code
    for key in LANGUAGE_META:
        code = normalise_code(item.meta_value(key), available)
        if code:
            return code
    return link_language(item.link, available, base_url)


def link_language(link, available, base_url=""):
    """The language a WPML or Polylang address names, or ``None``.

    Both put a post that is not in the site's default language under a language folder
    (``https://site/ru/2021/06/15/slug/``) or, if so configured, a ``lang`` parameter
    (``?lang=ru``); a post in the default language has neither. The folder counts only right
    after the site's own path (``base_url``) and only when it is a language of this site.
    """
    parts = urlsplit((link or "").strip())
    for value in parse_qs(parts.query).get("lang", []):
        code = normalise_code(value, available)
        if code:
            return code
    base = urlsplit(base_url or "").path.rstrip("/")
    path = parts.path
    if base and path.startswith(base + "/"):
        path = path[len(base):]
    first = path.strip("/").split("/", 1)[0]
    # Only a bare code ("ru", "kk"), not a slug that happens to begin like one.
    if first and len(first) <= 3 and first.lower() == first:
        return normalise_code(first, available)
    return None


#: Kazakh words that Russian does not have, frequent in any Kazakh text (conjunctions,
#: postpositions, auxiliaries).
KAZAKH_WORDS = frozenset(
    "және мен бен пен деп осы бұл сол үшін бойынша арқылы туралы кейін дейін жылы облысы "
    "ауданы ауданының облысының қаласы қаласының бір екі болды болып өтті өтеді еді емес де "
    "та те ма ме ба бе па пе ғой ең барлық жаңа біз сіз олар оның біздің".split()
)
#: Russian function words that Kazakh text does not use.
RUSSIAN_WORDS = frozenset(
    "и в во на с со по что для от из к ко о об у за это как а но был была были было "
    "будет также при до после года году который которая которые области района города "
    "его ее её их они мы вы она или все всех более уже только".split()
)
WORD = re.compile(r"[\w\u0400-\u04ff]+")
URL = re.compile(r"(?:https?:)?//\S+|\bwww\.\S+|\S+@\S+\.\w+", re.IGNORECASE)
#: What a lower-case Cyrillic word without Kazakh letters counts for Russian: Kazakh has many
#: such words too, but about half of its words have a Kazakh letter.
PLAIN_WORD_VOTE = 0.25
#: Fewer Latin letters than this (a brand name) do not make a post English.
MIN_LETTERS = 12
EMBED_MARKUP = ("script", "style", "iframe", "embed", "object", "video", "audio", "svg")


def reading_text(title, body):
    """The words of a post as its reader saw them: no shortcode tags, addresses, attributes or
    embedded players (a block-editor embed's wrapper holds only its address)."""
    from . import shortcodes
    from .content import GUTENBERG_COMMENT

    def without_shortcodes(text):
        out = []
        for token in shortcodes.parse(text):
            if isinstance(token, str):
                out.append(token)
            elif token.name.lower() not in shortcodes.PRIVATE_SHORTCODES and token.content:
                out.append(" " + without_shortcodes(token.content) + " ")
        return "".join(out)

    text = without_shortcodes(GUTENBERG_COMMENT.sub(" ", f"{title}\n{body}"))
    if "<" in text or "&" in text:
        soup = BeautifulSoup(text, "html.parser")
        for element in soup.find_all(EMBED_MARKUP):
            element.decompose()
        for element in soup.find_all(class_="wp-block-embed__wrapper"):
            element.decompose()
        text = soup.get_text(" ")
    return URL.sub(" ", text)


def detect_language(text, prior=None):
    """``kk``, ``ru`` or ``en`` for ``text`` (see the module's docstring); ``prior`` (the
    export's language code) when the text does not tell."""
    cyrillic = len(CYRILLIC.findall(text))
    latin = len(LATIN.findall(text))
    if not cyrillic or cyrillic < latin:
        if latin >= MIN_LETTERS or not prior:
            return "en"
        return prior
    kazakh_votes = russian_votes = 0
    for word in WORD.findall(text):
        lower = word.lower()
        if lower in KAZAKH_WORDS:
            kazakh_votes += 1
        elif lower in RUSSIAN_WORDS:
            russian_votes += 1
        elif word[0].isupper() or not CYRILLIC.match(word):
            # A capitalised word may be a name (Қонаев in a Russian text): it does not vote.
            continue
        elif KAZAKH_LETTERS.intersection(word):
            kazakh_votes += 1
        else:
            russian_votes += PLAIN_WORD_VOTE
    if kazakh_votes != russian_votes:
        return "kk" if kazakh_votes > russian_votes else "ru"
    if any(char in KAZAKH_LETTERS for char in text):
        # Nothing but a name or two, one written with Kazakh letters (a title: «Сенбілік»).
        return "kk"
    return prior if prior in ("kk", "ru") else "ru"
