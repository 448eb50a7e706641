"""Public pages on a phone: nothing scrolls sideways at 390 px or 320 px, in any language.

Every public route is loaded once per language and measured at both widths
(``document.documentElement.scrollWidth <= window.innerWidth``); a failure names the elements
whose right edge passes the viewport (outside a box that scrolls on its own). Wide tables are
such boxes: focusable regions with a name, a visible hint, and they scroll with the keyboard.

To cover a new public page, add one line to ``ROUTES``.
"""

import pytest

REPORT = "news/xxviii-reporting-election-conference/"

#: (name, path without the language prefix, expected HTTP status). Add new public pages here.
ROUTES = [
    ("home", "/", 200),
    ("news index", "/news/", 200),
    ("news index filtered", "/news/?year=2021&project=baqytty-otbasy", 200),
    ("news index refused filter", "/news/?year=abc&project=atlantis&page=x", 200),
    ("news article with gallery", f"/{REPORT}", 200),
    ("statistics", "/statistics/", 200),
    ("statistics filtered", "/statistics/?year=2023&district=talgar-district", 200),
    ("statistics refused filter", "/statistics/?year=20x1&district=atlantis", 200),
    ("search", "/search/?q=%D0%BA%D0%BE%D0%BD%D1%84%D0%B5%D1%80%D0%B5%D0%BD%D1%86", 200),
    ("search without results", "/search/?q=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 200),
    ("events", "/events/", 200),
    ("events filtered", "/events/?project=kedergisiz-keleshek&district=talgar-district", 200),
    ("events refused filter", "/events/?project=atlantis&month=2026-13&page=x", 200),
    ("month view", "/events/2026/12/", 200),
    ("event page", "{event}", 200),
    ("party projects", "/events/projects/", 200),
    ("project page", "/events/projects/kedergisiz-keleshek/", 200),
    ("contacts", "/contacts/", 200),
    ("404", "/no-such-page-anywhere/", 404),
]
PREFIXES = {"kk": "", "ru": "/ru", "en": "/en"}
WIDTHS = (390, 320)

# The elements sticking out to the right of the viewport, leaving out those inside a box that
# scrolls (or clips) on its own and itself fits: such a box moves its content, not the page.
OVERFLOW = """() => {
    const width = window.innerWidth;
    const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className.trim()
            ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const contained = el => {
        for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible"
                && box.getBoundingClientRect().right <= width + 0.5) return true;
        }
        return false;
    };
    const offenders = [];
    for (const el of document.body.querySelectorAll("*")) {
        const rect = el.getBoundingClientRect();
        if (rect.width > 0 && rect.right > width + 0.5 && !contained(el)) {
            const path = [];
            for (let node = el; node && node !== document.body; node = node.parentElement)
                path.unshift(describe(node));
            const right = Math.round(rect.right);
            offenders.push(`${path.slice(-4).join(" > ")} (right edge ${right} px)`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, offenders};
}"""


def measure(tab, width):
    tab.set_viewport_size({"width": width, "height": 800})
    return tab.evaluate(OVERFLOW)


def assert_fits(tab, width, where):
    result = measure(tab, width)
    assert result["scrollWidth"] <= result["innerWidth"], (
        f"{where} scrolls sideways at {width} px: scrollWidth {result['scrollWidth']} > "
        f"{result['innerWidth']}; sticking out: " + "; ".join(result["offenders"][:10])
    )


def first_event_path():
    """The public path of the demo's next event, with a photo gallery if one has it."""
    from engagement.models import Event
    from engagement.public.ids import event_slug, short_id

    events = Event.objects.filter(live=True, locale__language_code="kk").order_by("start")
    event = events.exclude(photos=[]).first() or events.first()
    return f"/events/{short_id(event.translation_key)}-{event_slug(event.title)}/"


@pytest.mark.parametrize("lang", PREFIXES)
def test_no_public_page_scrolls_sideways_on_a_phone(page, live_server, lang):
    # One test per language (the demo site is rebuilt for each test): every route is
    # measured and every failure is reported together.
    failures = []
    for name, path, status in ROUTES:
        url = PREFIXES[lang] + path.format(event=first_event_path())
        # page.goto_path() insists on a 2xx answer; the 404 page is measured too.
        response = page.goto(live_server.url + url)
        assert response.status == status, f"{url}: {response.status}"
        assert page.locator("html").get_attribute("lang") == lang
        for width in WIDTHS:
            try:
                assert_fits(page, width, f"{name} ({url})")
            except AssertionError as error:
                failures.append(str(error))
    assert not failures, "\n".join(failures)


def test_the_check_names_what_sticks_out(page):
    """The measurement can fail: a planted wide element is reported by its name."""
    page.goto_path("/ru/")
    page.evaluate("""() => {
        const wide = document.createElement("div");
        wide.className = "planted-wide";
        wide.style.width = "600px";
        wide.textContent = "Қазақстан Республикасы";
        document.querySelector("main").append(wide);
    }""")

    with pytest.raises(AssertionError, match=r"div\.planted-wide \(right edge \d+ px\)"):
        assert_fits(page, 320, "the planted page")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_wide_tables_scroll_in_their_own_box_with_a_cue_and_the_keyboard(page, lang):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto_path(PREFIXES[lang] + "/statistics/")

    regions = page.locator(".stats-table")
    assert regions.count() == 3
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        name = page.locator("#" + region.get_attribute("aria-labelledby"))
        assert name.inner_text().strip()
        hint = page.locator("#" + region.get_attribute("aria-describedby"))
        assert hint.is_visible() and hint.inner_text().strip()
        assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: no test"

    # As a keyboard user: Tab through the page until the first table, the arrow key scrolls it.
    first = regions.first
    for _ in range(30):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reaches the first table")
    assert first.evaluate("el => el.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.stats-table').scrollLeft > 0")
    assert_fits(page, 320, "the statistics page with a scrolled table")


def test_the_hint_is_hidden_where_the_tables_fit(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto_path("/en/statistics/")

    assert not page.locator("#table-projects-hint").is_visible()
