"""What the search index stores for a text, and what a query searches for.

Both sides fold (:mod:`.folding`); Kazakh text also gets its stems (:mod:`.kazakh`). The
index keeps the folded words in their order (phrases still match) followed by the stems
that differ from their words, so «Талғардағы конференциясы» is stored as
``талгардагы конференциясы талгар конференция``.

A query word matches, as a prefix, its folded spelling («конференц» finds
«конференциясы») and its stems: a long stem (:data:`PREFIX_STEM_LENGTH` letters or more) as a
prefix too, a short one only whole, since «жас*» would find every word that starts so.
Queries are stemmed as Kazakh whatever the page's language: the stems are cut from the end
of the word the person typed, so they only add matches («районе» also finds «район»).
"""

from dataclasses import dataclass

from .folding import fold_word, words
from .kazakh import stem_forms

#: Languages whose indexed text gets Kazakh stems.
STEMMED_LANGUAGES = frozenset({"kk"})
#: A stem this long is searched as a prefix; a shorter one only as a whole word.
PREFIX_STEM_LENGTH = 5


def index_text(text, language=None):
    """The text to index for ``text`` written in ``language`` (a language code or None).

    Args:
        text: the field's text as the object has it.
        language: the object's language; ``"kk"`` adds the Kazakh stems.

    Returns:
        The folded words, then (for Kazakh) the distinct stems that differ from them.
    """
    folded = [fold_word(word) for word in words(text)]
    if language not in STEMMED_LANGUAGES:
        return " ".join(folded)
    stems = []
    seen = set(folded)
    for word in folded:
        for stem in stem_forms(word):
            if stem not in seen:
                seen.add(stem)
                stems.append(stem)
    return " ".join(folded + stems)


@dataclass(frozen=True)
class QueryTerm:
    """One query word: what it may match in the index.

    Attributes:
        word: the folded word, matched as a prefix.
        alternatives: ``(text, prefix)`` pairs, the word first, then its stems.
    """

    word: str
    alternatives: tuple


def query_terms(text):
    """The :class:`QueryTerm` of every word of ``text`` (a cleaned query), in order."""
    terms = []
    for word in words(text):
        folded = fold_word(word)
        alternatives = [(folded, True)]
        for stem in stem_forms(folded):
            if stem != folded:
                alternatives.append((stem, len(stem) >= PREFIX_STEM_LENGTH))
        terms.append(QueryTerm(folded, tuple(dict.fromkeys(alternatives))))
    return terms


def phrase_words(text):
    """The folded words of a phrase, for matching them side by side."""
    return [fold_word(word) for word in words(text)]
