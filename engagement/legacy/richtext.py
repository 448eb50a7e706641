"""Imported HTML made safe the way Wagtail's editor makes it safe.

``|richtext`` does not sanitise at render time; only the editor's conversion to the database
format does. HTML that never went through the editor therefore goes through that same
conversion here: Wagtail's ``DbWhitelister`` with the rich-text features of the block the HTML
lands in. Elements outside the features are unwrapped (their text stays), attributes are
dropped (``onclick``, ``style``) and links keep only safe URL schemes (no ``javascript:``).
Script-like elements are removed with their content beforehand by
:mod:`engagement.legacy.content`, so their code never survives as text either.
"""

from functools import lru_cache

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter


@lru_cache(maxsize=32)
def _converter(features):
    return EditorHTMLConverter(features=list(features) if features is not None else None)


def sanitise(html, features=None):
    """``html`` as the rich-text editor with ``features`` would store it."""
    key = tuple(features) if features is not None else None
    return _converter(key).to_database_format(html)
