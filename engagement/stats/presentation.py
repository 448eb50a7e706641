"""Statistics as people read them: rows with names, charts with text alternatives.

Used by the public page, the live-figures block, the admin report and the exports, so that
they all label and order the same numbers the same way. Numbers are written with the active
language's grouping (``1 200 000`` in kk and ru, ``1,200,000`` in en).
"""

from dataclasses import dataclass

from django.utils.formats import date_format, get_format, number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from engagement import charts
from engagement.models import BREAKDOWN_FIELDS

#: The definition of participants that every page showing totals carries (see DESIGN.md).
PARTICIPANTS_DEFINITION = gettext_lazy(
    "Participants are the headcounts that organisers report for their events. Totals add up "
    "these headcounts: they count participations, not different people, so a person who "
    "came to three events is counted three times. Only published events that were not "
    "cancelled are counted, each event once whatever the number of its translations. The "
    "breakdown by group is optional and never larger than the headcount; participants "
    "whose group was not given are shown as not broken down."
)

#: Column headings of the breakdown, in the order of ``BREAKDOWN_FIELDS``.
BREAKDOWN_LABELS = (
    gettext_lazy("Young people"),
    gettext_lazy("Veterans"),
    gettext_lazy("Families"),
    gettext_lazy("People with disabilities"),
    gettext_lazy("Others"),
)
NOT_BROKEN_DOWN_LABEL = gettext_lazy("Not broken down")

assert len(BREAKDOWN_LABELS) == len(BREAKDOWN_FIELDS)


def number(value):
    """A whole number grouped as the active language writes it (as ``|intcomma`` does)."""
    if isinstance(value, int) and get_format("NUMBER_GROUPING") == 3:
        # The same as number_format() for whole numbers in groups of three, at a fraction of
        # the cost: a month table has hundreds of numbers.
        return f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR"))
    return number_format(value, force_grouping=True)


def month_label(month):
    """A month on its own (a table row, a chart bar): «2021 ж. қаңтар», «Январь 2021 г.»."""
    return date_format(month, "YEAR_MONTH_FORMAT")


def month_in_phrase(month, end=False):
    """A month inside a sentence, opening (``end=False``) or closing a period.

    Each language says how through its catalogue: Russian puts the opening month in the
    genitive and both in lower case («с января 2021 г. по ноябрь 2025 г.»), Kazakh writes
    «2021 ж. қаңтар – 2025 ж. қараша», English «from January 2021 to November 2025».
    """
    if end:
        text = date_format(month, pgettext("date format of the last month of a period", "F Y"))
    else:
        text = date_format(month, pgettext("date format of the first month of a period", "F Y"))
    # Django has no lower-case nominative month names ("F" is «Ноябрь» in ru).
    if pgettext("month names inside a sentence: lower or as is", "as is") == "lower":
        name = date_format(month, "F")
        text = text.replace(name, name.lower())
    return text


def period_sentence(statistics):
    """«3 001 мероприятие проведено с января 2021 г. по ноябрь 2025 г.» ('' without months)."""
    months = list(statistics.by_month)
    if not months:
        return ""
    count = statistics.total.events
    return ngettext(
        "%(count)s event held from %(first)s to %(last)s.",
        "%(count)s events held from %(first)s to %(last)s.",
        count,
    ) % {
        "count": number(count),
        "first": month_in_phrase(months[0]),
        "last": month_in_phrase(months[-1], end=True),
    }


@dataclass(frozen=True)
class Row:
    """One line of a table: a name (with its slug or key) and its figures; ``link`` is the
    list of the events it counts (``engagement.stats.links``), if any."""

    key: str
    name: str
    figures: object
    colour: str = ""
    link: str = ""

    def cells_html(self):
        return figure_cells(self.figures, self.link, self.name)


def figure_cells(figures, link="", name=""):
    """The ``<td>`` cells of a table row: events, participants and the groups, grouped as the
    active language writes numbers. Built here rather than cell by cell in the template: a
    month table has hundreds of cells. With a ``link``, the number of events links to them
    (named for the row, «12 events, Talgar District», for a reader who lists the links)."""
    values = (figures.events, figures.participants, *figures.breakdown)
    # Digits and the language's group separator only: nothing to escape.
    cells = [f'<td class="stats-table__number">{number(value)}</td>' for value in values]
    if link and figures.events:
        cells[0] = format_html(
            '<td class="stats-table__number"><a href="{}">{}<span class="stats-hidden"> {}'
            "</span></a></td>",
            link, number(figures.events), events_of(figures.events, name),
        )
    return mark_safe("".join(cells))


def events_of(count, name):
    """The rest of a figure link's name after its number: «events, Talgar District»."""
    return ngettext("event, %(name)s", "events, %(name)s", count) % {"name": name}


def project_rows(statistics, catalogue, links=None):
    rows = []
    for pk, figures in statistics.by_project.items():
        entry = catalogue.project(pk)
        rows.append(Row(entry.slug, entry.name, figures, entry.colour,
                        links.project(entry.slug) if links else ""))
    return rows


def district_rows(statistics, catalogue, links=None):
    rows = []
    for pk, figures in statistics.by_district.items():
        entry = catalogue.place(pk)
        rows.append(Row(entry.slug, entry.name, figures,
                        link=links.district(entry.slug) if links else ""))
    return rows


def month_rows(statistics, links=None):
    return [
        Row(month.strftime("%Y-%m"), month_label(month), figures,
            link=links.month(month) if links and figures.events else "")
        for month, figures in statistics.by_month.items()
    ]


def breakdown_rows(figures):
    """``[(label, value)]`` of the groups, then the participants not broken down."""
    rows = list(zip(BREAKDOWN_LABELS, figures.breakdown, strict=True))
    rows.append((NOT_BROKEN_DOWN_LABEL, figures.not_broken_down))
    return rows


def _listing(rows, limit=None):
    shown = rows if limit is None else rows[:limit]
    text = "; ".join(f"{row.name}: {number(row.figures.participants)}" for row in shown)
    if limit is not None and len(rows) > limit:
        text += "; …"
    return text


def project_chart(rows, chart_id="chart-projects"):
    return charts.horizontal_bars(
        chart_id,
        [(row.name, row.figures.participants, number(row.figures.participants), row.colour)
         for row in rows],
        title=_("Participants by project"),
        description=_("Bar chart, most participants first. %(values)s. "
                      "The table below gives the events and the groups too.")
        % {"values": _listing(rows)},
    )


def district_chart(rows, chart_id="chart-districts"):
    return charts.horizontal_bars(
        chart_id,
        [(row.name, row.figures.participants, number(row.figures.participants), "")
         for row in rows],
        title=_("Participants by district or city"),
        description=_("Bar chart, most participants first. %(values)s. "
                      "The table below gives the events and the groups too.")
        % {"values": _listing(rows, limit=5)},
    )


def month_chart(statistics, chart_id="chart-months"):
    months = list(statistics.by_month.items())
    many = len(months) > 12
    items = []
    for month, figures in months:
        if many:
            axis = str(month.year) if month.month == 1 or month == months[0][0] else ""
        else:
            axis = date_format(month, "b")
        items.append((month_label(month), figures.participants, number(figures.participants),
                      axis))
    if months:
        busiest_month, busiest = max(months, key=lambda item: item[1].participants)
        description = _(
            "Column chart of participants per month from %(first)s to %(last)s. The most "
            "participants were in %(busiest)s: %(value)s. The table below gives every month."
        ) % {
            "first": month_in_phrase(months[0][0]),
            "last": month_in_phrase(months[-1][0], end=True),
            "busiest": month_in_phrase(busiest_month, end=True),
            "value": number(busiest.participants),
        }
    else:
        description = _("There are no events to show.")
    return charts.columns(
        chart_id, items, title=_("Participants by month"), description=description,
        format_value=number,
    )
