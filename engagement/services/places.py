"""Load the region's places from ``engagement/data`` (data migrations and the seed use it).

Idempotent: it creates what is missing and leaves existing rows (and an editor's changes)
alone. Rows are created in the default locale (the canonical places) and, for each of ``kk``,
``ru`` and ``en`` whose Locale exists, a translated row with the same ``translation_key``.

Besides the districts and their centres: rural districts with their centres
(``rural_districts.tsv``), KATO codes where the data has one (filled into an existing place
only while its code is empty), and renamings (``renamings.tsv``): the place gets today's name
(unless an editor has named it otherwise) and a ``PlaceRenaming`` row per language keeps the
former one.
"""

import csv
import datetime
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NAME_COLUMNS = {"kk": "kk_cyrl", "ru": "ru", "en": "en"}


@dataclass
class PlaceRow:
    slug: str
    kind: str
    names: dict
    parent_slug: str | None = None
    transfer: tuple | None = None  # (date, previous parent slug)
    kato: str = ""
    #: (first day of today's name, {code: former name}, {code: name before the renaming})
    renaming: tuple | None = None


def read_tsv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _transfer_column(fieldnames):
    """Find the ``region_after_<d>_<mon>_<yyyy>`` column and the date it names."""
    for name in fieldnames:
        match = re.fullmatch(r"region_after_(\d+_[a-z]+_\d{4})", name)
        if match:
            day = datetime.datetime.strptime(match.group(1), "%d_%b_%Y").date()
            return name, day
    return None, None


def place_rows():
    """The places of the data files, parents before children."""
    rows = []
    regions = read_tsv("regions.tsv")
    region_slugs = {}
    for region in regions:
        names = {code: region[code] for code in NAME_COLUMNS}
        rows.append(PlaceRow(region["slug"], "region", names))
        region_slugs[region["en"].split()[0]] = region["slug"]
    original_region = regions[0]["slug"]

    districts = read_tsv("districts.tsv")
    column, moved_on = _transfer_column(districts[0].keys())
    renamings = {row["district_en"]: row for row in read_tsv("renamings.tsv")}
    district_slugs = {}
    for district in districts:
        names = {code: district[column_name] for code, column_name in NAME_COLUMNS.items()}
        # The slug stays the one of the 2021 name (links and filters keep working).
        english = district["en"].replace(" (city of regional significance)", "")
        slug = slugify(english)
        district_slugs[district["en"]] = slug
        current_region = region_slugs.get(district.get(column) or "", original_region)
        transfer = None
        if current_region != original_region:
            transfer = (moved_on, original_region)
        renaming = None
        renamed = renamings.get(district["en"])
        if renamed:
            renaming = (
                datetime.date.fromisoformat(renamed["date"]),
                {code: renamed[f"former_{code}"] for code in NAME_COLUMNS},
                names,
            )
            names = {code: renamed[code] for code in NAME_COLUMNS}
        rows.append(PlaceRow(slug, district["type"], names, current_region, transfer,
                             renaming=renaming))

    for settlement in read_tsv("settlements.tsv"):
        rows.append(
            PlaceRow(
                slugify(settlement["en"]),
                "settlement",
                {code: settlement[code] for code in NAME_COLUMNS},
                district_slugs[settlement["district_en"]],
                kato=settlement.get("kato") or "",
            )
        )

    for rural in read_tsv("rural_districts.tsv"):
        rows.append(PlaceRow(
            rural["slug"], "rural_district", {code: rural[code] for code in NAME_COLUMNS},
            district_slugs[rural["district_en"]], kato=rural["kato"],
        ))
        rows.append(PlaceRow(
            slugify(rural["centre_en"]), "settlement",
            {code: rural[f"centre_{code}"] for code in NAME_COLUMNS}, rural["slug"],
            kato=rural["centre_kato"],
        ))
    return rows


def home_region_slug():
    """The region whose branch the site is for: the first row of ``regions.tsv``."""
    return read_tsv("regions.tsv")[0]["slug"]


class RegionOnDay:
    """Which districts belonged to the home region on a given day (transfers followed).

    For the seed: the branch holds events only in its own region's districts, so the districts
    that went to the Zhetysu region on 8 June 2022 get none from that day on. Built from
    canonical districts with ``parent`` and ``transfers`` loaded; answers without queries.
    """

    def __init__(self, districts, region_slug=None):
        self.districts = list(districts)
        self.region_slug = region_slug or home_region_slug()
        self._by_day = {}

    def districts_on(self, day):
        if day not in self._by_day:
            self._by_day[day] = [
                district for district in self.districts
                if (region := district.region_on(day)) is not None
                and region.slug == self.region_slug
            ]
        return self._by_day[day]


def load_places(Place, PlaceTransfer, Locale, log=None, PlaceRenaming=None):
    """Create the missing places (models passed in, so that migrations can use their own).

    Renamings are applied when ``PlaceRenaming`` is given (migrations before the model existed
    leave it out). Returns the number of rows created.
    """
    log = log or (lambda message: None)
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default_code = settings.LANGUAGE_CODE
    default = locales.get(default_code)
    if default is None:
        return 0
    existing = {(place.slug, place.locale_id): place for place in Place.objects.all()}
    created = 0
    canonical = {}
    for row in place_rows():
        place = existing.get((row.slug, default.pk))
        if place is None:
            parent = canonical.get(row.parent_slug) if row.parent_slug else None
            place = Place.objects.create(
                slug=row.slug, kind=row.kind, name=row.names.get(default_code) or row.names["en"],
                parent=parent, locale=default, translation_key=uuid.uuid4(), kato=row.kato,
            )
            created += 1
            if row.transfer:
                moved_on, previous_slug = row.transfer
                PlaceTransfer.objects.create(
                    place=place, date=moved_on, from_parent=canonical[previous_slug]
                )
        elif row.kato and not place.kato:
            # A code found later: given to every language's row (the code is synchronised).
            Place.objects.filter(translation_key=place.translation_key).update(kato=row.kato)
            place.kato = row.kato
        canonical[row.slug] = place
        for code, name in row.names.items():
            locale = locales.get(code)
            if locale is None or locale.pk == default.pk or (row.slug, locale.pk) in existing:
                continue
            Place.objects.create(
                slug=row.slug, kind=row.kind, name=name, parent=place.parent, kato=place.kato,
                locale=locale, translation_key=place.translation_key,
            )
            created += 1
    if PlaceRenaming is not None:
        for row in place_rows():
            if row.renaming:
                _rename(Place, PlaceRenaming, canonical[row.slug], row)
    if created:
        log(f"Created {created} places")
    return created


def _rename(Place, PlaceRenaming, place, row):
    """Today's name on each language's row of ``place`` and its former name as a renaming."""
    first_day, former_names, old_names = row.renaming
    rows = Place.objects.filter(translation_key=place.translation_key).select_related("locale")
    for translation in rows:
        code = translation.locale.language_code
        if code not in row.names:
            continue
        if translation.name == old_names.get(code):  # never an editor's own name
            translation.name = row.names[code]
            translation.save(update_fields=["name"])
        if not PlaceRenaming.objects.filter(place=translation, date=first_day).exists():
            PlaceRenaming.objects.create(
                place=translation, date=first_day, former_name=former_names[code]
            )
