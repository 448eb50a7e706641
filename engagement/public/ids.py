"""Event ids in public URLs: 12 hex digits of the translation key, the same in every language.

Lookups turn a short id into a range of translation keys, so they use the key's index on
every database. Twelve digits leave a collision among 30,000 events at about one in a million;
the lowest key then wins, deterministically.
"""

import re
import unicodedata
import uuid

SHORT_ID_LENGTH = 12
SHORT_ID_PATTERN = rf"[0-9a-f]{{{SHORT_ID_LENGTH}}}"
_SHORT_ID = re.compile(rf"^{SHORT_ID_PATTERN}$")


def short_id(translation_key):
    """The event's id in URLs (stable across edits and languages)."""
    if isinstance(translation_key, uuid.UUID):
        return translation_key.hex[:SHORT_ID_LENGTH]
    return uuid.UUID(str(translation_key)).hex[:SHORT_ID_LENGTH]


def key_range(short):
    """``(lowest, highest)`` translation keys that start with the short id ``short``."""
    if not _SHORT_ID.match(short or ""):
        raise ValueError(short)
    padding = 32 - SHORT_ID_LENGTH
    return uuid.UUID(short + "0" * padding), uuid.UUID(short + "f" * padding)


_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")


def event_slug(title):
    """The readable part of an event's URL (in the shown language; it never decides anything).

    ``slugify(title, allow_unicode=True)``, cut to 60 characters, without ``slugify``'s lazy
    wrapper and its pattern look-ups (a feed makes thousands; the tests compare the two).
    """
    value = unicodedata.normalize("NFKC", str(title))
    value = _DASHES.sub("-", _NOT_SLUG.sub("", value.lower())).strip("-_")
    return value[:60].strip("-") or "event"

