"""One cleaning of search text before any search backend sees it.

Wagtail's database search backends pass the words of a query into SQLite FTS5 ``MATCH`` or
PostgreSQL ``tsquery`` expressions: an odd double quote is an "unterminated string" there,
FTS operators and punctuation inside a phrase are syntax errors, and thousands of words
build an expression so deep that compiling it raises ``RecursionError``. So every query is
reduced to what a person searching means: words (letters, digits, ``_``), optionally grouped
into balanced ``"phrases"``, at most :data:`MAX_QUERY_TERMS` words and
:data:`MAX_QUERY_LENGTH` characters. NUL, control and format characters (and lone
surrogates) are removed; other punctuation and operators become spaces.

Who calls it: :class:`engagement.middleware.SearchQueryMiddleware` cleans the ``q`` parameter
of every request, so Wagtail's admin searches (generic listings, snippets, pages, images,
documents, users, every chooser) and the site's own search receive clean text; views of the
plugin or the site that read search text from elsewhere call :func:`clean_search_query`.
"""

import re
import unicodedata

#: The longest cleaned query, in characters.
MAX_QUERY_LENGTH = 200
#: The most words a cleaned query keeps (phrase words count one by one).
MAX_QUERY_TERMS = 20

_NOT_A_WORD = re.compile(r'[^\w\s"]')
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def _visible(text):
    """``text`` without control, format and unassigned characters; white space kept as spaces."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category[0] != "C":
            kept.append(char)
    return "".join(kept)


def clean_search_query(value):
    """The search text of ``value`` as the backends can take it (may be empty).

    Args:
        value: what the user typed, any string (or None).

    Returns:
        A string of words and balanced ``"phrases"`` separated by single spaces.
    """
    # Only the start can survive the caps: the rest is not even looked at.
    text = _NOT_A_WORD.sub(" ", _visible(str(value or "")[: MAX_QUERY_LENGTH * 10]))
    if text.count('"') % 2:
        # The last quote has no partner: drop it, keep the words.
        index = text.rindex('"')
        text = text[:index] + " " + text[index + 1:]
    tokens, terms, length = [], 0, 0
    for match in _TOKEN.finditer(text):
        phrase, word = match.groups()
        words = (phrase if phrase is not None else word).replace('"', " ").split()
        if not words:
            continue
        words = words[: MAX_QUERY_TERMS - terms]
        token = " ".join(words)
        if phrase is not None and len(words) > 1:
            token = f'"{token}"'
        room = MAX_QUERY_LENGTH - length - (1 if tokens else 0)
        if len(token) > room:
            if tokens or phrase is not None:
                break
            token = token[:room]  # a single word longer than the limit
        tokens.append(token)
        terms += len(words)
        length += len(token) + (1 if len(tokens) > 1 else 0)
        if terms >= MAX_QUERY_TERMS:
            break
    return " ".join(tokens)
