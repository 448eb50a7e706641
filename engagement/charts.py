"""Bar charts as plain geometry, for SVG drawn by Django templates (no JavaScript).

A chart is computed here in user units of its ``viewBox``; the template only places what it is
given, inside ``{% localize off %}`` (ru and kk would otherwise write ``12,5`` for 12.5 and
break the SVG). Every chart has a title and a description for its text alternative; pages
follow each chart with a table of the same numbers.
"""

import math
from dataclasses import dataclass, field

#: Fallback colour of bars (the site's brand blue; 10:1 against white).
DEFAULT_COLOUR = "#0b3d91"
#: Bars must stand out from a white background by at least this contrast (WCAG 1.4.11).
MIN_CONTRAST = 3.0
LABEL_CHARS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_label: str
    x: float
    y: float
    width: float
    height: float
    colour: str
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0
    tooltip: str = ""


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    """What a template needs to draw one chart."""

    id: str
    kind: str  # "bars" (horizontal) or "columns" (vertical)
    title: str
    description: str
    width: int
    height: int
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)  # value axis (columns)
    category_ticks: list = field(default_factory=list)  # category axis (columns)
    plot_left: float = 0
    plot_top: float = 0
    plot_right: float = 0
    plot_bottom: float = 0

    @property
    def axis_label_x(self):
        return self.plot_left - 6

    @property
    def category_label_y(self):
        return self.plot_bottom + 20

    @property
    def is_empty(self):
        return not self.bars

    @property
    def drawn_bars(self):
        """The bars as dicts: templates look dict keys up faster than attributes."""
        return [vars(bar) for bar in self.bars]


def _round(value):
    return round(value, 1)


def shorten(text, limit=LABEL_CHARS):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour):
    return 1.05 / (_luminance(colour) + 0.05)


def _hex(channels):
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def legible(colour):
    """``colour`` if it stands out from white by 3:1, else a darker shade of it that does."""
    if not colour or len(colour) != 7 or not colour.startswith("#"):
        return DEFAULT_COLOUR
    try:
        channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    except ValueError:
        return DEFAULT_COLOUR
    while contrast_with_white(_hex(channels)) < MIN_CONTRAST:
        channels = [int(c * 0.85) for c in channels]
    return _hex(channels)


def nice_ticks(maximum, count=4):
    """Round whole-number axis values from 0 to at least ``maximum`` (about ``count`` steps)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 10 else 1
    multipliers = (1, 2, 2.5, 5, 10) if magnitude > 1 else (1, 2, 5, 10)
    step = int(next(m * magnitude for m in multipliers if m * magnitude >= raw))
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def horizontal_bars(chart_id, items, *, title, description, width=720, row=46,
                    value_width=110):
    """One bar per item, top to bottom, each under its label; ``items`` are
    ``(label, value, value_label, colour)``."""
    chart = Chart(chart_id, "bars", title, description, width, max(1, len(items)) * row + 4)
    if not items:
        return chart
    largest = max(value for _label, value, _text, _colour in items) or 1
    area = width - value_width
    bar_height = 16
    for index, (label, value, value_label, colour) in enumerate(items):
        top = index * row
        length = area * value / largest
        bar_top = top + 22
        chart.bars.append(Bar(
            label=shorten(label, 90), value=value, value_label=value_label,
            x=0, y=bar_top, width=_round(max(length, 1 if value else 0)), height=bar_height,
            colour=legible(colour),
            label_x=0, label_y=top + 15,
            value_x=_round(length + 6), value_y=bar_top + bar_height / 2,
            tooltip=f"{label}: {value_label}",
        ))
    chart.plot_left, chart.plot_right = 0, area
    return chart


def columns(chart_id, items, *, title, description, format_value, width=720, height=280,
            left=76, right=12, top=12, bottom=36, label_every=1):
    """One column per item, left to right; ``items`` are ``(label, value, value_label, axis
    label or "")``: the axis label is written under the column when it is not empty."""
    chart = Chart(chart_id, "columns", title, description, width, height)
    if not items:
        return chart
    plot_width, plot_height = width - left - right, height - top - bottom
    ticks = nice_ticks(max(value for _label, value, _text, _axis in items))
    scale = plot_height / ticks[-1]
    slot = plot_width / len(items)
    column_width = max(1.0, slot * 0.72)
    baseline = top + plot_height
    for index, (label, value, value_label, axis_label) in enumerate(items):
        column_height = value * scale
        x = left + index * slot + (slot - column_width) / 2
        chart.bars.append(Bar(
            label=label, value=value, value_label=value_label,
            x=_round(x), y=_round(baseline - column_height), width=_round(column_width),
            height=_round(column_height), colour=DEFAULT_COLOUR,
            label_x=_round(x + column_width / 2), label_y=baseline + 20,
            tooltip=f"{label}: {value_label}",
        ))
        if axis_label:
            chart.category_ticks.append(Tick(_round(x + column_width / 2), axis_label))
    chart.ticks = [Tick(_round(baseline - value * scale), format_value(value)) for value in ticks]
    chart.plot_left, chart.plot_right = left, width - right
    chart.plot_top, chart.plot_bottom = top, baseline
    return chart
