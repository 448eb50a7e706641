"""Small helpers shared by the tests."""

import re
from html.parser import HTMLParser


class _TagCollector(HTMLParser):
    def __init__(self, tag):
        super().__init__()
        self.tag = tag
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.found.append(dict(attrs))

    handle_startendtag = handle_starttag


def find_tags(html, tag):
    """Return the attribute dicts of every ``tag`` element in ``html``, in document order."""
    collector = _TagCollector(tag)
    collector.feed(html if isinstance(html, str) else html.decode())
    return collector.found


def html_lang(html):
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    return match.group(1) if match else None


def hreflang_alternates(html):
    """{hreflang: href} of the ``<link rel="alternate" hreflang>`` elements."""
    return {
        link["hreflang"]: link["href"]
        for link in find_tags(html, "link")
        if link.get("rel") == "alternate" and "hreflang" in link
    }
