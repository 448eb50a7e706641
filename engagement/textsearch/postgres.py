"""The PostgreSQL side of :mod:`.backend`: folded text, a text-search configuration per language.

Russian pages are indexed with the ``russian`` configuration (its Snowball stemmer gives
«молодежи» and «молодёжь» one lexeme) and with ``simple`` (prefixes of the words as written),
Kazakh pages with ``simple`` over the folded text and
its Kazakh stems (:mod:`.analysis`). A query cannot know which language it meets, so each
word is asked for in every configuration in use and the answers are OR-ed.
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres import postgres as upstream
from modelsearch.query import Phrase, PlainText

from .analysis import phrase_words, query_terms
from .indexing import FoldingIndexerMixin, with_indexer

#: The configuration of each content language unless ``LANGUAGE_CONFIGS`` says otherwise.
DEFAULT_LANGUAGE_CONFIGS = {"ru": "russian", "en": "english"}


class FoldingObjectIndexer(FoldingIndexerMixin, upstream.ObjectIndexer):
    """PostgreSQL's indexer: folded values, the configuration of the object's language."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.base_config = backend.config
        self.config = backend.language_configs.get(self.language, backend.config)

    def as_vector(self, texts, for_autocomplete=False):
        vector = super().as_vector(texts, for_autocomplete=for_autocomplete)
        if for_autocomplete or self.config == self.base_config:
            return vector
        # The words as written too, not only their stems: a language's stemmer cuts a word
        # its own way («celebration» → «celebr»), so the beginning a person typed
        # («celebrat») matches only the unstemmed word.
        language_config, self.config = self.config, self.base_config
        try:
            return vector + super().as_vector(texts)
        finally:
            self.config = language_config


class FoldingPostgresIndex(upstream.PostgresIndex):
    """PostgreSQL's index, writing :func:`~.analysis.index_text` for each field."""

    add_items = with_indexer(upstream.PostgresIndex.add_items, FoldingObjectIndexer)


def _lexeme(text, prefix):
    escaped = text.replace("'", "''").replace("\\", "\\\\")
    return f"'{escaped}'" + (":*" if prefix else "")


def tsquery_text(query_string, operator):
    """The raw ``tsquery`` text of a plain-text query (None without a word)."""
    parts = []
    for term in query_terms(query_string):
        options = [_lexeme(text, prefix) for text, prefix in term.alternatives]
        parts.append("(" + " | ".join(options) + ")")
    if not parts:
        return None
    return (" & " if operator.lower() == "and" else " | ").join(parts)


class FoldingPostgresSearchQueryCompiler(upstream.PostgresSearchQueryCompiler):
    """Whole-word search: every word folded, stemmed, a prefix, in every configuration."""

    configs = ("simple",)

    def get_config(self, backend):
        config = super().get_config(backend)
        self.configs = tuple(dict.fromkeys([config, *backend.language_configs.values()]))
        return config

    def _in_every_config(self, text, search_type):
        return reduce(
            lambda a, b: a | b,
            [SearchQuery(text, search_type=search_type, config=config) for config in self.configs],
        )

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText) and not invert:
            text = tsquery_text(query.query_string, query.operator)
            return self._in_every_config(text or "'_'", "raw")
        if isinstance(query, Phrase) and not invert:
            words = " ".join(phrase_words(query.query_string))
            return self._in_every_config(words or "_", "phrase")
        return super().build_tsquery_content(query, config=config, invert=invert)


class FoldingPostgresAutocompleteQueryCompiler(
    FoldingPostgresSearchQueryCompiler, upstream.PostgresAutocompleteQueryCompiler
):
    """Autocomplete (the admin): the ``simple`` configuration only, as Wagtail indexes it."""

    def get_config(self, backend):
        config = upstream.PostgresAutocompleteQueryCompiler.get_config(self, backend)
        self.configs = (config,)
        return config


class FoldingPostgresSearchBackend(upstream.PostgresSearchBackend):
    """Wagtail's PostgreSQL backend with folding, Kazakh stems and per-language configurations."""

    index_class = FoldingPostgresIndex
    query_compiler_class = FoldingPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = FoldingPostgresAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        #: ``{language code: text-search configuration}`` for content in that language.
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", DEFAULT_LANGUAGE_CONFIGS))
