"""The admin events listing in the browser at 1280×900: at least 15 rows on the screen,
titles that wrap between words (never inside one), a table that fits the width."""

import pytest

from tests.engagement.helpers import almaty, district, make_event, make_user, project

pytestmark = pytest.mark.django_db(transaction=True)

TITLES = [
    "Жастар форумы — Еңбекшіқазақ ауданы",
    "Ардагерлерді құттықтау — Нарынқол ауылы",
    "Қайырымдылық акциясы — Қаскелең қаласы",
    "Тұрғындармен кездесу — Ұзынағаш ауылы",
    "Отбасылық фестиваль — Талдықорған қаласы",
]

MEASURE = """() => {
    const rows = [...document.querySelectorAll("table.listing tbody tr")];
    const visible = rows.filter(row => {
        const box = row.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }).length;
    // A word broken across two lines has client rects on two different lines.
    const broken = [];
    for (const link of document.querySelectorAll("table.listing td.title a")) {
        const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/[^\\s—-]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    const table = document.querySelector("table.listing").getBoundingClientRect();
    return {rows: rows.length, visible, broken, right: table.right, width: window.innerWidth};
}"""


def test_fifteen_rows_fit_a_1280_by_900_screen_and_titles_break_between_words(
    browser_session
):
    make_user("listing-editor", superuser=True, language="ru")
    districts = [district(slug) for slug in ("talgar-district", "karasay-district")]
    for number in range(24):
        make_event(project(), districts[number % 2], f"{TITLES[number % len(TITLES)]} {number}",
                   start=almaty(2024, 1, 1 + number), participants=1200 + number,
                   count_kind="estimated")
    tab = browser_session("listing-editor", viewport={"width": 1280, "height": 900})

    tab.goto_path("/admin/snippets/engagement/event/?per_page=20")
    tab.locator("table.listing tbody tr").first.wait_for()
    measured = tab.evaluate(MEASURE)

    assert measured["rows"] == 20
    assert measured["visible"] >= 15, measured
    assert measured["broken"] == []
    assert measured["right"] <= measured["width"]
