"""Projects and places by every name they have in any language, and by KATO code.

Loaded once per import (three queries), then every row is matched without a query.
"""

import re

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engagement.models import DISTRICT_KINDS, Place, PlaceKind, Project, ProjectKind
from engagement.models.i18n import default_language_code, localized_names

from .values import CellError, check_one_script, name_key, normalise

SETTLEMENT_KINDS = (PlaceKind.RURAL_DISTRICT, PlaceKind.SETTLEMENT)
_GLOSS = re.compile(r"\s*\([^()]*\)$")


def spellings(name, slug):
    """The keys a row may reach a name by: the name, without its gloss in parentheses
    («Бақытты отбасы» («Счастливая семья»)), the gloss alone, and the slug."""
    text = normalise(name)
    found = {name_key(text), name_key(_GLOSS.sub("", text)), name_key(slug)}
    gloss = _GLOSS.search(text)
    if gloss:  # the gloss is the name in the reader's words: Bakytty Otbasy ("Happy Family")
        found.add(name_key(gloss.group().strip()[1:-1]))
    return found


class References:
    """The canonical projects, districts and settlements, and the names that reach them."""

    def __init__(self):
        default = default_language_code()
        self.project_names = localized_names(Project)
        self.place_names = localized_names(Place)
        canonical_keys = {}
        self.projects = {}
        for project in Project.objects.filter(locale__language_code=default):
            canonical_keys[project.translation_key] = project
            self.projects[project.pk] = project
        self.project_by_name = {}
        for key, name, slug in Project.objects.values_list("translation_key", "name", "slug"):
            project = canonical_keys.get(key)
            if project is not None:
                for text in spellings(name, slug):
                    self.project_by_name.setdefault(text, project)

        places = {place.pk: place for place in Place.objects.filter(locale__language_code=default)}
        # Parents linked in memory: the model's ``contains`` then walks without queries.
        for place in places.values():
            if place.parent_id in places:
                place.parent = places[place.parent_id]
        self.places = places
        by_key = {place.translation_key: place for place in places.values()}
        self.district_by_name = {}
        #: ``{name: [settlements]}``: names repeat across districts, the district decides.
        self.settlements_by_name = {}
        for key, name, slug in Place.objects.filter(
            Q(kind__in=DISTRICT_KINDS) | Q(kind__in=SETTLEMENT_KINDS)
        ).values_list("translation_key", "name", "slug"):
            place = by_key.get(key)
            if place is None:
                continue
            for text in spellings(name, slug):
                if place.kind in DISTRICT_KINDS:
                    self.district_by_name.setdefault(text, place)
                else:
                    found = self.settlements_by_name.setdefault(text, [])
                    if place not in found:
                        found.append(place)
        self.by_kato = {place.kato: place for place in places.values() if place.kato}

    def _text(self, value):
        text = normalise(value)
        if text:
            check_one_script(text)
        return text

    def project(self, value):
        """The canonical party project named ``value``; ``None`` when empty."""
        text = self._text(value)
        if not text:
            return None
        project = self.project_by_name.get(name_key(text))
        if project is None:
            raise CellError(_("No project is called «%(name)s».") % {"name": text})
        if project.kind != ProjectKind.PARTY_PROJECT:
            raise CellError(_("«%(name)s» is a state programme, not a party project.") % {
                "name": text})
        return project

    def district(self, value):
        """The canonical district or city named ``value`` or with that KATO code."""
        text = self._text(value)
        if not text:
            return None
        place = self.by_kato.get(text) if text.isdigit() else None
        if place is None:
            place = self.district_by_name.get(name_key(text))
        if place is None or place.kind not in DISTRICT_KINDS:
            raise CellError(_("No district or city of regional significance is called "
                              "«%(name)s» or has that KATO code.") % {"name": text})
        return place

    def settlement(self, value, district):
        """The rural district or settlement named ``value`` (or by KATO code) in ``district``."""
        text = self._text(value)
        if not text:
            return None
        candidates = []
        if text.isdigit() and text in self.by_kato:
            candidates = [self.by_kato[text]]
        else:
            candidates = self.settlements_by_name.get(name_key(text), [])
        candidates = [place for place in candidates if place.kind in SETTLEMENT_KINDS]
        if not candidates:
            raise CellError(_("No rural district or settlement is called «%(name)s» or has "
                              "that KATO code.") % {"name": text})
        inside = [place for place in candidates if district and district.contains(place)]
        if not inside:
            raise CellError(_("«%(name)s» is not in the district given in this row.") % {
                "name": text})
        return inside[0]
