"""The search backend: Wagtail's database backend, folding and stemming on both sides.

Use it in place of ``wagtail.search.backends.database``::

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "engagement.textsearch.backend",
        "SEARCH_CONFIG": "simple",
        # PostgreSQL only: the text-search configuration of each content language.
        "LANGUAGE_CONFIGS": {"ru": "russian", "en": "english"},
    }}

Like Wagtail's own, it picks the implementation for the default database: SQLite FTS5
(:mod:`.sqlite`) or PostgreSQL full text (:mod:`.postgres`); other databases get Wagtail's
fallback backend unchanged. Index entries written by Wagtail's backend must be rebuilt
(``manage.py update_index``) once after switching.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    """The backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from .postgres import FoldingPostgresSearchBackend

        return FoldingPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from .sqlite import FoldingSQLiteSearchBackend

            return FoldingSQLiteSearchBackend(params)
    from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)
