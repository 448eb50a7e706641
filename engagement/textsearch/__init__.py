"""Search that forgives: folding, a Kazakh suffix stemmer and the search backend that uses them.

Everything the search index stores and every query it answers passes through the same two
steps, so they meet whatever keyboard or word form a person used:

* :mod:`.folding` lowercases and folds the letters people type interchangeably (ё/е and the
  nine Kazakh letters a Russian keyboard lacks);
* :mod:`.kazakh` strips plural, possessive and case endings from Kazakh words.

:mod:`.analysis` combines them into the text that is indexed and the terms that are searched;
:mod:`.backend` is a Wagtail search backend (``engagement.textsearch.backend``) built on
Wagtail's database backends (SQLite FTS5 and PostgreSQL full text) that applies them.
"""
