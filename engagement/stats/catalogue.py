"""Names of the canonical projects and places in the reader's language, with their slugs.

Statistics are keyed by canonical ids; pages, exports and the API show names and slugs. One
:class:`Catalogue` per request holds both tables (two queries), whatever the number of rows
shown; both are cached under the statistics version, which every change to a project or a
place bumps (``receivers.py``), so most requests make no query for them.
"""

from dataclasses import dataclass
from functools import cached_property

from engagement.collation import sort_key
from engagement.models import DISTRICT_KINDS, Place, PlaceRenaming, Project, ProjectKind
from engagement.models.i18n import active_language_code, default_language_code
from engagement.models.places import name_with_former


@dataclass(frozen=True)
class Entry:
    pk: int
    slug: str
    name: str
    colour: str = ""
    kind: str = ""
    kato: str = ""


def _entries(model, fields, **lookup):
    default_code, active_code = default_language_code(), active_language_code()
    rows = model._default_manager.filter(
        locale__language_code__in={default_code, active_code}, **lookup
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
    # Python's sort with the key the database collations share (engagement.collation).
    return {entry.pk: entry for entry in sorted(
        entries, key=lambda entry: sort_key(entry.name, active_code))}


class Catalogue:
    """Party projects and places (canonical ids) with names in the active language.

    State programmes are not projects of the party and are not in :attr:`projects`.
    """

    def __init__(self):
        from .cache import get_or_compute

        def compute():
            return (_entries(Project, ("slug", "colour"), kind=ProjectKind.PARTY_PROJECT),
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

    @cached_property
    def former_names(self):
        """``{canonical place id: [(first day of today's name, former name), ...]}`` in the
        active language (the default language's where that has none); queried on first use.
        """
        default_code, active_code = default_language_code(), active_language_code()
        rows = PlaceRenaming.objects.filter(
            place__locale__language_code__in={default_code, active_code}
        ).values_list("place__translation_key", "place__locale__language_code", "date",
                      "former_name")
        by_key = {}
        for key, code, day, former in rows:
            by_key.setdefault(key, {}).setdefault(code, []).append((day, former))
        if not by_key:
            return {}
        canonical = dict(Place.objects.filter(
            translation_key__in=list(by_key), locale__language_code=default_code
        ).values_list("translation_key", "pk"))
        return {
            canonical[key]: sorted(languages.get(active_code) or languages.get(default_code) or [])
            for key, languages in by_key.items() if key in canonical
        }

    def former_name_on(self, pk, day):
        """The name place ``pk`` had on ``day`` if it has been renamed since, else ``""``."""
        if day is None:
            return ""
        for first_day, former in self.former_names.get(pk, ()):
            if day < first_day:
                return former
        return ""

    def place_name_on(self, pk, day):
        """The name of place ``pk`` for something on ``day``: today's name, and for a day
        before a renaming the former one after it («Қонаев қаласы (бұрынғы Қапшағай)»).
        """
        return name_with_former(self.place(pk).name, self.former_name_on(pk, day))
