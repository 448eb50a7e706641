"""Names of the canonical projects and places in the reader's language, with their slugs.

Statistics are keyed by canonical ids; pages, exports and the API show names and slugs. One
:class:`Catalogue` per request holds both tables (two queries), whatever the number of rows
shown; both are cached under the statistics version, which every change to a project or a
place bumps (``receivers.py``), so most requests make no query for them.
"""

from dataclasses import dataclass

from engagement.models import DISTRICT_KINDS, Place, Project
from engagement.models.i18n import active_language_code, default_language_code


@dataclass(frozen=True)
class Entry:
    pk: int
    slug: str
    name: str
    colour: str = ""
    kind: str = ""
    kato: str = ""


def _entries(model, fields):
    default_code, active_code = default_language_code(), active_language_code()
    rows = model._default_manager.filter(
        locale__language_code__in={default_code, active_code}
    ).values("pk", "translation_key", "locale__language_code", "name", *fields)
    canonical, translated = {}, {}
    for row in rows:
        if row["locale__language_code"] == default_code:
            canonical[row["translation_key"]] = row
        if row["locale__language_code"] == active_code:
            translated[row["translation_key"]] = row["name"]
    entries = [
        Entry(
            pk=row["pk"], slug=row["slug"], name=translated.get(key, row["name"]),
            **{name: row[name] for name in fields if name != "slug"},
        )
        for key, row in canonical.items()
    ]
    return {entry.pk: entry for entry in sorted(entries, key=lambda entry: entry.name)}


class Catalogue:
    """Projects and places (canonical ids) with names in the active language."""

    def __init__(self):
        from .cache import get_or_compute

        def compute():
            return (_entries(Project, ("slug", "colour")),
                    _entries(Place, ("slug", "kind", "kato"))), None

        self.projects, self.places = get_or_compute(
            ("catalogue", default_language_code(), active_language_code()), compute)
        self.districts = {
            pk: entry for pk, entry in self.places.items() if entry.kind in DISTRICT_KINDS
        }

    def project(self, pk):
        return self.projects.get(pk) or Entry(pk, "", str(pk))

    def place(self, pk):
        return self.places.get(pk) or Entry(pk, "", str(pk))
