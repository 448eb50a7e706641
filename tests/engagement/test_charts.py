"""Chart geometry: bars in proportion, round axis values, colours that stand out."""

import pytest

from engagement import charts


def test_bars_are_in_proportion_to_their_values():
    chart = charts.horizontal_bars(
        "c", [("A", 200, "200", "#0b3d91"), ("B", 50, "50", "#0b3d91"), ("C", 0, "0", "")],
        title="t", description="d",
    )

    widths = [bar.width for bar in chart.bars]
    assert widths[0] == pytest.approx(4 * widths[1], rel=0.01)
    assert widths[2] == 0
    assert all(bar.x + bar.width <= chart.width for bar in chart.bars)
    assert chart.height >= chart.bars[-1].y + chart.bars[-1].height


def test_columns_stand_on_one_baseline_under_the_top_tick():
    chart = charts.columns(
        "m", [("Jan", 10, "10", "jan"), ("Feb", 35, "35", "feb")],
        title="t", description="d", format_value=str,
    )

    bottoms = {round(bar.y + bar.height, 1) for bar in chart.bars}
    assert bottoms == {chart.plot_bottom}
    assert [tick.label for tick in chart.ticks][-1] == "40"
    assert min(bar.y for bar in chart.bars) >= chart.ticks[-1].position
    assert [tick.label for tick in chart.category_ticks] == ["jan", "feb"]


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [(35, [0, 10, 20, 30, 40]), (1_200_000, [0, 500_000, 1_000_000, 1_500_000]), (1, [0, 1])],
)
def test_nice_ticks(maximum, ticks):
    assert charts.nice_ticks(maximum) == ticks


@pytest.mark.parametrize("colour", ["#ffff00", "#f0f0f0", "#c77700", "#0b3d91", "nonsense"])
def test_bar_colours_stand_out_from_white(colour):
    assert charts.contrast_with_white(charts.legible(colour)) >= charts.MIN_CONTRAST


def test_empty_charts_have_no_bars():
    assert charts.columns("e", [], title="t", description="d", format_value=str).is_empty
