"""The SQLite FTS5 side of :mod:`.backend`."""

from modelsearch.backends.database.sqlite import sqlite as upstream
from modelsearch.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression
from modelsearch.query import Phrase, PlainText

from .analysis import phrase_words, query_terms
from .indexing import FoldingIndexerMixin, with_indexer


class FoldingObjectIndexer(FoldingIndexerMixin, upstream.ObjectIndexer):
    """SQLite's indexer with folded, stemmed values."""


class FoldingSQLiteIndex(upstream.SQLiteIndex):
    """SQLite's index, writing :func:`~.analysis.index_text` for each field."""

    add_items = with_indexer(upstream.SQLiteIndex.add_items, FoldingObjectIndexer)


class MatchText(LexemeCombinable):
    """A ready FTS5 expression (built from folded words only, so nothing needs escaping)."""

    def __init__(self, text):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


def _quoted(word):
    return '"' + word.replace('"', '""') + '"'


def match_plain_text(query_string, operator):
    """The FTS5 expression of a plain-text query (None without a word)."""
    parts = []
    for term in query_terms(query_string):
        options = [_quoted(text) + ("*" if prefix else "") for text, prefix in term.alternatives]
        parts.append("(" + " OR ".join(options) + ")")
    if not parts:
        return None
    return f" {operator.upper()} ".join(parts)


def match_phrase(query_string):
    """The FTS5 expression of a phrase: its folded words side by side, the last one a prefix."""
    folded = phrase_words(query_string)
    return _quoted(" ".join(folded)) + "*" if folded else None


class FoldingSQLiteSearchQueryCompiler(upstream.SQLiteSearchQueryCompiler):
    """Whole-word search (the site's search page): every word folded, stemmed, a prefix."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            text = match_plain_text(query.query_string, query.operator)
        elif isinstance(query, Phrase):
            text = match_phrase(query.query_string)
        else:
            return super().build_search_query_content(query, config=config)
        if text is None:
            # No word left (``q=_``): a term nothing in the index is made of.
            text = '"_"'
        return SearchQueryExpression(MatchText(text), config=config)


class FoldingSQLiteAutocompleteQueryCompiler(
    FoldingSQLiteSearchQueryCompiler, upstream.SQLiteAutocompleteQueryCompiler
):
    """Autocomplete (the admin's listings and choosers), folded the same way."""


class FoldingSQLiteSearchBackend(upstream.SQLiteSearchBackend):
    """Wagtail's SQLite FTS5 backend with folding and Kazakh stems."""

    index_class = FoldingSQLiteIndex
    query_compiler_class = FoldingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler
