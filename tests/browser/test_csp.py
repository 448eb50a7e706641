"""The Content-Security-Policy breaks nothing: public pages (the gallery's lightbox included),
the admin (page editor with its StreamField and image chooser, the event form, the statistics
report) and the user bar on a public page run in Chromium without a single CSP violation or
a console error about a policy."""

from django.urls import reverse

from engagement.models import StatisticsPage
from home.models import NewsPage
from tests.engagement.helpers import make_user

REPORT = "news/xxviii-reporting-election-conference/"

# Every document (frames included) records the violations its policy reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} `
        + `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`
    );
});
"""


def watch(tab):
    """Record CSP violations and console errors about policies in ``tab``; returns a
    function that lists them all."""
    console = []
    tab.on(
        "console",
        lambda message: console.append(message.text)
        if message.type in ("error", "warning") and "polic" in message.text.lower()
        else None,
    )
    tab.add_init_script(RECORD_VIOLATIONS)

    def problems():
        found = list(console)
        for frame in tab.frames:
            try:
                found += frame.evaluate("() => window.__cspViolations || []")
            except Exception:  # a frame that navigated away meanwhile
                continue
        return found

    return problems


def test_public_pages_and_the_lightbox_run_without_csp_violations(page):
    problems = watch(page)
    statistics = StatisticsPage.objects.live().get(locale__language_code="ru")

    page.goto_path("/")
    page.goto_path("/en/news/")
    page.goto_path("/ru/events/")
    page.locator(".eg-event-card__title a").first.click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1] != "events")
    page.goto_path(statistics.url)
    page.locator("svg").first.wait_for()
    page.goto_path(f"/ru/{REPORT}")
    page.wait_for_function("() => document.querySelector('[data-eg-gallery] dialog').egMove")
    page.locator(".eg-gallery__link").first.click()
    dialog = page.locator("dialog.eg-lightbox")
    page.wait_for_function("() => document.querySelector('dialog.eg-lightbox').open")
    page.wait_for_function("() => document.querySelector('[data-eg-image]').complete")
    assert dialog.locator("[data-eg-image]").evaluate("img => img.naturalWidth") > 0
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog.eg-lightbox').open")

    assert problems() == [], '\n'.join(problems())


def test_the_admin_runs_without_csp_violations(browser_session):
    editor = make_user("csp-editor", superuser=True, language="ru")
    article = NewsPage.objects.get(url_path__endswith=f"/{REPORT}", locale__language_code="kk")
    tab = browser_session()
    problems = watch(tab)
    tab.goto_path("/admin/login/")
    tab.locator("#id_username").fill(editor.username)
    tab.locator("#id_password").fill("password")
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(lambda url: "/admin/login/" not in url)

    # The page editor: StreamField blocks, a gallery, the inline panel of projects.
    tab.goto_path(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    body = tab.locator("[data-contentpath=body]").first
    body.locator("[data-streamfield-child]").first.wait_for()
    body.locator("button.c-sf-add-button").first.click()
    tab.get_by_role("option", name="Галерея").click()
    # The image chooser (a modal loaded by fetch, with its own scripts).
    tab.get_by_role("button", name="Добавить несколько изображений").first.click()
    modal = tab.locator(".modal-dialog")
    modal.locator("[data-chooser-modal-choice], .listing, table").first.wait_for()
    tab.keyboard.press("Escape")

    tab.goto_path(reverse("wagtailsnippets_engagement_event:add"))
    tab.locator("#id_start").wait_for()
    tab.locator("#id_title").press_sequentially("CSP")

    tab.goto_path("/admin/engagement/statistics/")
    tab.locator("table").first.wait_for()

    # A public page with Wagtail's user bar (its scripts, styles and menu) for the editor.
    tab.goto_path(f"/ru/{REPORT}")
    tab.locator("#wagtail-userbar-trigger").click()
    tab.locator("#wagtail-userbar-items").wait_for()

    assert problems() == [], '\n'.join(problems())
