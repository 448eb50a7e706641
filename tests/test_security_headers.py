"""Security headers: a strict Content-Security-Policy on every public page (inline code only
with the request's nonce), the admin's own policy, a Permissions-Policy, and HSTS preload and
includeSubDomains only when the environment asks for them."""

import re
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory

from engagement.blocks import GalleryBlock
from tests.engagement.helpers import make_user
from tests.home.news_factories import gallery_value, make_image
from tests.home.test_settings import PRODUCTION_ENV, run_python

pytestmark = pytest.mark.django_db

EXECUTABLE_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}


def policy(response):
    """{directive: [sources]} of the response's Content-Security-Policy."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class _InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block or needs a nonce for."""

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.attributes = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            if (attrs.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES:
                self.scripts.append(attrs)
        if tag == "style":
            self.styles.append(attrs)
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.attributes.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.attributes.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def inline_code(response):
    parser = _InlineCode()
    parser.feed(response.content.decode())
    return parser


def public_paths():
    from engagement.models import StatisticsPage
    from home.models import NewsPage

    article = next(
        page for page in NewsPage.objects.live().filter(locale__language_code="kk")
        if any(block.block_type == "gallery" for block in page.body)
    )
    statistics = StatisticsPage.objects.live().filter(locale__language_code="ru").first()
    return [
        "/", "/ru/", "/en/news/", article.url, statistics.url, "/search/?q=a", "/nowhere/",
        "/ru/events/", "/events/2026/12/",
    ]


def test_every_public_page_has_a_strict_policy_and_its_inline_code_carries_the_nonce(client):
    listing = client.get("/ru/events/").content.decode()
    event_url = re.search(r'class="eg-event-card__title"><a href="([^"]+)"', listing).group(1)
    for path in [*public_paths(), event_url]:


        response = client.get(path)
        assert response.status_code in (200, 404), path
        directives = policy(response)

        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'self'"]
        for name in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in directives[name], (path, name)
            assert "'unsafe-eval'" not in directives[name], (path, name)
            assert not any(source in ("*", "http:", "https:") for source in directives[name])
        assert "Content-Security-Policy-Report-Only" not in response.headers

        found = inline_code(response)
        assert found.attributes == [], path
        nonces = {
            source for source in directives["script-src"] + directives["style-src"]
            if source.startswith("'nonce-")
        }
        for element in found.scripts + found.styles:
            assert f"'nonce-{element.get('nonce')}'" in nonces, (path, element)


def test_embeds_from_youtube_and_vimeo_may_be_framed(client):
    frame_src = policy(client.get("/"))["frame-src"]

    for origin in (
        "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"
    ):
        assert origin in frame_src


def test_a_page_without_inline_code_sends_no_nonce(client):
    first = client.get("/contacts/")

    # The demo's contacts page has no inline script or style: no nonce is needed or sent (the
    # front page has one: its project cards are coloured by a nonced style).
    assert not inline_code(first).scripts and not inline_code(first).styles
    assert not any("nonce-" in s for s in policy(first)["script-src"])


def test_a_gallery_of_another_size_is_sized_by_a_nonced_style_not_an_attribute():
    images = [make_image("Wide 1"), make_image("Wide 2")]
    request = RequestFactory().get("/")
    request.csp_nonce = "test-nonce-123"
    block = GalleryBlock()

    html = block.render(block.to_python(gallery_value(images, width=240)), {"request": request})

    assert 'style="' not in html
    styles = re.findall(r"<style nonce=\"([^\"]*)\">([^<]*)</style>", html)
    gallery_id = re.search(r'<div id="(eg-gallery-[0-9a-f]+)"', html).group(1)
    assert styles == [("test-nonce-123", f"#{gallery_id} {{ --eg-thumb-width: 240px; }}")]
    # The default size needs no style at all.
    html = block.render(block.to_python(gallery_value(images)), {"request": request})
    assert "<style" not in html


def test_the_admin_has_its_own_policy_without_a_nonce(client):
    responses = [client.get("/admin/login/")]
    client.force_login(make_user(superuser=True))
    responses += [
        client.get(path)
        for path in ("/admin/", "/admin/pages/", "/admin/snippets/engagement/event/")
    ]

    for response in responses:
        path = response.request["PATH_INFO"]
        assert response.status_code == 200, path
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'self'"]
        # Wagtail's inline scripts and style attributes; a nonce would cancel 'unsafe-inline'.
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert not any("nonce-" in source for source in sum(directives.values(), []))


def test_every_response_has_a_permissions_policy(client):
    for path in ("/", "/ru/open-data/statistics.json", "/admin/login/", "/sitemap.xml"):
        header = client.get(path).headers["Permissions-Policy"]
        features = dict(item.strip().split("=", 1) for item in header.split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()", (path, feature)
        assert features["fullscreen"].startswith("(self ")
        assert '"https://www.youtube-nocookie.com"' in features["fullscreen"]


HSTS_CODE = (
    "from django.conf import settings as s;"
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["31536000", "False", "False"]),
        ({"DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}, ["31536000", "True", "False"]),
        (
            {"DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "DJANGO_SECURE_HSTS_PRELOAD": "true"},
            ["31536000", "True", "True"],
        ),
        ({"DJANGO_SECURE_HSTS_PRELOAD": "false"}, ["31536000", "False", "False"]),
    ],
)
def test_hsts_preload_and_subdomains_only_when_the_environment_turns_them_on(env, expected):
    result = run_python(
        HSTS_CODE, settings_module="cms.settings.production", **PRODUCTION_ENV, **env
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected


def test_the_hsts_header_follows_the_flags(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    settings.SECURE_HSTS_PRELOAD = False

    response = client.get("/", secure=True)

    assert response.headers["Strict-Transport-Security"] == "max-age=3600"
