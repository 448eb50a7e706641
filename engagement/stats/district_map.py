"""The district map of the statistics page: a schematic hexagon map shaded by participants.

Not a map of boundaries: one hexagon per district or city of regional significance, placed at
its approximate relative position (``engagement/data/district_map.tsv``, drawn by the project;
see the README there). Each hexagon is shaded by its participants on a sequential scale of at
most five classes, shows its short name and its number, and links to the list of its events
(``engagement.stats.links``). The table of the same figures follows the map and stays the
accessible alternative; the map's links are named in full («Talgar District: 1 200
participants, 12 events») for those who use them.

Districts that had moved to another region by the end of the period (the eight districts and
two cities that went to the Zhetysu region on 8 June 2022, recorded as ``PlaceTransfer`` rows)
are drawn hatched with a dashed outline and named in the legend with the date.

Geometry is computed here in user units of the ``viewBox``; the template writes it inside
``{% localize off %}``.
"""

import csv
import math
from dataclasses import dataclass, field
from functools import cache

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engagement import charts, conf
from engagement.models import DISTRICT_KINDS, PlaceTransfer
from engagement.services.places import DATA_DIR

from .presentation import number

#: Radius (centre to corner) of a hexagon's grid cell; the drawn hexagon is a little smaller.
RADIUS = 56
GAP = 3
PADDING = 6
WIDTH = math.sqrt(3) * RADIUS
#: Fills of the classes, lightest first; each passes 3:1 against the page's white only with
#: its outline, which every hexagon has (``OUTLINE``). Text is dark on the first three and
#: white on the last two (at least 4.5:1 each way: see the tests).
PALETTE = ("#e3eef9", "#b3d3ee", "#7fb2de", "#2f6fb0", "#0b3d91")
DARK_TEXT_CLASSES = 3
NO_PARTICIPANTS = "#ffffff"
#: Districts left out by the page's district filter: blank, without a number.
NOT_CHOSEN = "#eef0f3"
OUTLINE = "#1b1f24"
INK, PAPER = "#1b1f24", "#ffffff"
#: Words that name the kind of place, left out of the short names written in the hexagons.
KIND_WORDS = {
    "ауданы", "қаласы", "район", "город", "district", "city",
    "(city", "of", "regional", "significance)",
}
#: The room for a short name in a hexagon, and the average width of a letter at the map's
#: font size (13 units): a longer name is squeezed to fit.
LABEL_ROOM = WIDTH - 16
LETTER_WIDTH = 8.2


@dataclass(frozen=True)
class Tile:
    slug: str
    column: int
    row: int
    also: tuple = ()


@cache
def layout():
    """``{slug: Tile}`` of the map, each place under its slug and its other slugs."""
    with open(DATA_DIR / "district_map.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    tiles = {}
    for row in rows:
        also = tuple(slug for slug in (row.get("also") or "").split(",") if slug)
        tile = Tile(row["slug"], int(row["column"]), int(row["row"]), also)
        for slug in (tile.slug, *also):
            tiles[slug] = tile
    return tiles


@dataclass
class Hexagon:
    slug: str
    name: str
    short_name: str
    events: int
    participants: int
    number: str
    link: str
    level: int  # 0: no participants; 1 to 5: the palette's classes
    points: str
    x: float
    y: float
    fill: str
    text: str
    moved: bool = False
    #: False when the page is filtered to other districts: drawn blank, without a number.
    counted: bool = True
    label_length: float = 0
    label: str = ""

    @property
    def number_y(self):
        return round(self.y + 15, 1)

    @property
    def name_y(self):
        return round(self.y - 9, 1)


@dataclass
class Legend:
    fill: str
    label: str
    level: int


@dataclass
class DistrictMap:
    title: str
    description: str
    width: float
    height: float
    hexagons: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    moved_legend: str = ""
    #: Districts with figures that have no place on the map (a place added later).
    missing: list = field(default_factory=list)


def short_name(name):
    """«Талғар ауданы» → «Талғар», «город Текели» → «Текели», «Talgar District» → «Talgar»."""
    words = [word for word in name.split() if word.lower() not in KIND_WORDS]
    return " ".join(words) or name


def link_name(name, short, participants, events):
    """A hexagon's accessible name: its visible text first (the short name and the number of
    participants, as WCAG's "label in name" asks), then what the number counts and the full
    name: «Talgar 1,200 participants, 12 events (Talgar District)»."""
    values = {
        "short": short, "name": name, "participants": number(participants),
        "events": ngettext("%(count)s event", "%(count)s events", events) % {
            "count": number(events)},
    }
    if short == name:
        return ngettext(
            "%(short)s %(participants)s participant, %(events)s",
            "%(short)s %(participants)s participants, %(events)s",
            participants,
        ) % values
    return ngettext(
        "%(short)s %(participants)s participant, %(events)s (%(name)s)",
        "%(short)s %(participants)s participants, %(events)s (%(name)s)",
        participants,
    ) % values


def hexagon_points(x, y, radius):
    corners = []
    for index in range(6):
        angle = math.radians(60 * index - 90)
        corners.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return " ".join(corners)


def classes(maximum):
    """Upper bounds of the classes (``[250, 500, 750, 1000]``) for participants up to
    ``maximum``: round steps, at most five classes."""
    ticks = charts.nice_ticks(maximum, count=5)
    return ticks[1:]


def palette_for(count):
    """``count`` fills of the palette spread from its lightest to its darkest."""
    if count >= len(PALETTE):
        return list(PALETTE)
    if count == 1:
        return [PALETTE[-1]]
    step = (len(PALETTE) - 1) / (count - 1)
    return [PALETTE[round(index * step)] for index in range(count)]


def contrast(first, second):
    """The WCAG contrast ratio of two ``#rrggbb`` colours."""
    lighter, darker = sorted((charts._luminance(first), charts._luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(fill):
    """Dark or white text, whichever contrasts more with ``fill``."""
    return PAPER if contrast(fill, PAPER) > contrast(fill, INK) else INK


def moved_districts(period_end):
    """``{district id: (date, region id)}`` of the districts that had joined another region
    by ``period_end`` (a date), from the recorded transfers (one query)."""
    rows = PlaceTransfer.objects.filter(
        place__kind__in=DISTRICT_KINDS, date__lte=period_end
    ).values("place_id", "date", "place__parent_id").order_by("date")
    return {row["place_id"]: (row["date"], row["place__parent_id"]) for row in rows}


def district_map(statistics, catalogue, links=None, chosen=()):
    """The :class:`DistrictMap` of ``statistics`` (``None`` when no district is on the map).

    ``chosen``: the district ids the page is filtered to (the others are drawn blank).
    """
    tiles = layout()
    places = {
        entry.slug: entry for entry in catalogue.districts.values() if entry.slug in tiles
    }
    if not places:
        return None
    period_end = statistics.query.last_day or timezone.localdate(
        timezone=conf.event_time_zone())
    moved = moved_districts(period_end)
    figures = statistics.by_district
    maximum = max((figures[pk].participants for pk in figures), default=0)
    bounds = classes(maximum) if maximum else []
    fills = palette_for(len(bounds))

    rows = max(tile.row for tile in tiles.values()) + 1
    columns = max(tile.column + (tile.row % 2) / 2 for tile in tiles.values()) + 1
    width = round(columns * WIDTH + 2 * PADDING, 1)
    height = round(2 * RADIUS + (rows - 1) * 1.5 * RADIUS + 2 * PADDING, 1)

    hexagons = []
    for entry in sorted(places.values(), key=lambda entry: (tiles[entry.slug].row,
                                                             tiles[entry.slug].column)):
        tile = tiles[entry.slug]
        x = PADDING + WIDTH / 2 + (tile.column + (tile.row % 2) / 2) * WIDTH
        y = PADDING + RADIUS + tile.row * 1.5 * RADIUS
        counted = not chosen or entry.pk in chosen
        values = figures.get(entry.pk)
        events = values.events if values else 0
        participants = values.participants if values else 0
        level = next((index + 1 for index, top in enumerate(bounds) if participants <= top), 0)
        level = level if participants and counted else 0
        fill = fills[level - 1] if level else (NO_PARTICIPANTS if counted else NOT_CHOSEN)
        short = short_name(entry.name)
        label = link_name(entry.name, short, participants, events)
        hexagons.append(Hexagon(
            slug=entry.slug, name=entry.name, short_name=short, events=events,
            participants=participants, number=number(participants) if counted else "–",
            link=links.district(entry.slug) if links and events and counted else "",
            level=level, points=hexagon_points(round(x, 1), round(y, 1), RADIUS - GAP),
            x=round(x, 1), y=round(y, 1), fill=fill, text=text_colour(fill),
            moved=entry.pk in moved, counted=counted,
            label_length=round(LABEL_ROOM, 1) if len(short) * LETTER_WIDTH > LABEL_ROOM else 0,
            label=label if counted else short if short == entry.name else f"{short} ({entry.name})",
        ))

    legend = [Legend(NO_PARTICIPANTS, _("no participants"), 0)]
    lower = 1
    for index, top in enumerate(bounds):
        legend.append(Legend(fills[index], f"{number(lower)}–{number(top)}", index + 1))
        lower = top + 1
    moved_legend = ""
    if moved:
        day, region_id = next(iter(moved.values()))
        moved_legend = _("Went to another region on %(date)s: %(region)s") % {
            "date": date_format(day, "DATE_FORMAT"),
            "region": catalogue.place(region_id).name,
        }
    missing = [
        catalogue.place(pk).name for pk in figures
        if catalogue.place(pk).slug not in places
    ]
    return DistrictMap(
        title=_("Map: participants by district or city"),
        description=_(
            "A schematic map, not to scale: each district or city of regional significance is "
            "a hexagon at its approximate place, darker for more participants, with its number "
            "of participants; each links to its events. The table below gives the same "
            "figures."
        ),
        width=width, height=height, hexagons=hexagons, legend=legend,
        moved_legend=moved_legend, missing=missing,
    )

