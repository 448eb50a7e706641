"""Playwright driving Debian's Chromium against Django's live server, with axe-core.

Nothing here downloads a browser: Playwright launches ``/usr/bin/chromium`` (``.ci/run``
installs Debian's package) and axe-core comes from npm at the version pinned in
``package-lock.json`` (``make test`` runs ``npm ci`` here). Without either the tests skip with
the reason, except under ``CI=true``, where a missing browser is a failure.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_context(live_server):
    """One Chromium (a fresh, temporary profile) for the whole session, and its first context.

    It depends on ``live_server`` so that it closes first: Chromium's keep-alive connections
    must end before the server and its shared test database connection go away.
    """
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package")
    if not AXE_SCRIPT.exists():
        _unavailable("axe-core is not installed: run `npm ci --prefix tests/browser`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("the playwright package is not installed")

    # launch() gives Chromium a fresh, temporary profile of its own; each context below is
    # an isolated cookie jar on it.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(locale="kk-KZ", timezone_id="Asia/Almaty")
        try:
            yield context
        finally:
            context.close()
            browser.close()


def _prepare_tab(tab, live_server):
    tab.set_default_timeout(15_000)

    def goto_path(path):
        response = tab.goto(live_server.url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    tab.goto_path = goto_path
    return tab


@pytest.fixture
def page(browser_context, live_server, migrated_state, demo_site):
    """A new browser tab; ``page.goto_path("/ru/")`` opens a path on the live server, whose
    database holds what the migrations made and the demo (see ``migrated_state``)."""
    browser_context.clear_cookies()
    tab = _prepare_tab(browser_context.new_page(), live_server)
    yield tab
    tab.close()
    browser_context.clear_cookies()


def log_in(tab, username, password="password"):
    """Sign in to the Wagtail admin in ``tab`` as a user would: type, click, wait."""
    tab.goto_path("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(password)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(lambda url: "/admin/login/" not in url)


@pytest.fixture
def browser_session(browser_context, live_server, migrated_state, demo_site):
    """A factory of tabs that each have their own cookies (two people, two sessions).

    ``tab = browser_session("organiser")`` opens a new, isolated browser context signed in as
    that user (password ``"password"``, as ``tests.engagement.helpers.make_user`` sets);
    ``browser_session()`` opens an anonymous one. All are closed after the test.
    """
    contexts = []

    def open_tab(username=None, password="password", viewport=None):
        context = browser_context.browser.new_context(
            locale="kk-KZ", timezone_id="Asia/Almaty",
            viewport=viewport or {"width": 1280, "height": 900},
        )
        contexts.append(context)
        tab = _prepare_tab(context.new_page(), live_server)
        if username:
            log_in(tab, username, password)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def axe_violations(tab, options=None):
    """Run axe-core on the open page and return its violations."""
    # Evaluated through DevTools, not added as a <script>: the site's Content-Security-Policy
    # refuses inline scripts (and must stay on, tests/browser/test_csp.py).
    if not tab.evaluate("() => typeof window.axe === 'object'"):
        tab.evaluate(AXE_SCRIPT.read_text() + "\n;true")
    return tab.evaluate(
        "async (options) => (await axe.run(document, options)).violations",
        options or {"resultTypes": ["violations"]},
    )


def assert_no_axe_violations(tab, options=None):
    """Fail the test, listing every violation, if axe-core finds any on the open page."""
    violations = axe_violations(tab, options)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {tab.url}:\n"
        + format_violations(violations)
        + "\n"
        + json.dumps([v["id"] for v in violations])
    )
