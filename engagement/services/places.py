"""Load the region's places from ``engagement/data`` (a data migration and the seed use it).

Idempotent: it creates what is missing and leaves existing rows (and an editor's changes)
alone. Rows are created in the default locale (the canonical places) and, for each of ``kk``,
``ru`` and ``en`` whose Locale exists, a translated row with the same ``translation_key``.
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
    district_slugs = {}
    for district in districts:
        names = {code: district[column_name] for code, column_name in NAME_COLUMNS.items()}
        english = district["en"].replace(" (city of regional significance)", "")
        slug = slugify(english)
        district_slugs[district["en"]] = slug
        current_region = region_slugs.get(district.get(column) or "", original_region)
        transfer = None
        if current_region != original_region:
            transfer = (moved_on, original_region)
        rows.append(PlaceRow(slug, district["type"], names, current_region, transfer))

    for settlement in read_tsv("settlements.tsv"):
        rows.append(
            PlaceRow(
                slugify(settlement["en"]),
                "settlement",
                {code: settlement[code] for code in NAME_COLUMNS},
                district_slugs[settlement["district_en"]],
            )
        )
    return rows


def load_places(Place, PlaceTransfer, Locale, log=None):
    """Create the missing places (models passed in, so that migrations can use their own).

    Returns the number of rows created.
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
                parent=parent, locale=default, translation_key=uuid.uuid4(),
            )
            created += 1
            if row.transfer:
                moved_on, previous_slug = row.transfer
                PlaceTransfer.objects.create(
                    place=place, date=moved_on, from_parent=canonical[previous_slug]
                )
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
    if created:
        log(f"Created {created} places")
    return created
