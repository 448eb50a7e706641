"""What an admin screen shows as text, and which of it is still one of Wagtail's English strings.

Wagtail and wagtail-localize ship no Kazakh catalogue; ``cms/wagtail_admin/locale/kk`` is the
project's. A screen rendered for a kk user must not show any msgid of their catalogues as it
is: :func:`english_leftovers` takes the text a user sees (text nodes, the labels that assistive
technology reads, and the strings of the JSON the admin's scripts render, such as the sidebar
menu) and returns those that are still English.
"""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import wagtail
import wagtail_localize

#: The catalogues of the screens editors and organisers meet (English source, both domains).
CATALOGUE_APPS = [
    (Path(wagtail.__file__).parent, app)
    for app in (
        "admin", ".", "snippets", "images", "documents", "users", "locales", "sites",
        "search", "embeds", "contrib/forms", "contrib/redirects", "contrib/settings",
    )
] + [(Path(wagtail_localize.__file__).parent, app) for app in (".", "locales")]

#: Shown as they are in every language: names, abbreviations and marks.
ALLOWLIST = {
    "Wagtail", "ID", "URL", "API", "CSV", "XLSX", "JSON", "UUID", "IPv4", "IPv6", "PO",
    "Wagtail API v2", "Wagtail API v3", "Wagtail routablepage", "…", ":", ":?.!", "-",
}

#: Keys of the admin's JSON (the sidebar menu, panels, block definitions) whose values are
#: shown; every value under a ``strings`` key is too.
VISIBLE_KEYS = {
    "label", "heading", "helpText", "help_text", "title", "text", "placeholder", "description",
    "message", "ariaLabel", "aria_label", "tooltip", "caption",
}

#: Words that join two placeholders, too common to tell a Wagtail string from English content.
CONNECTORS = {"and", "the", "for", "from", "into", "with", "are", "was", "has", "not"}

#: Attributes whose text a user sees or hears.
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}

#: The same placeholders as :data:`check_placeholders` compares.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w*\}")


def catalogue_paths(language="en"):
    for root, app in CATALOGUE_APPS:
        folder = (root / app / "locale" / language / "LC_MESSAGES").resolve()
        for domain in ("django", "djangojs"):
            if (folder / f"{domain}.po").exists():
                yield domain, folder / f"{domain}.po"


@functools.cache
def wagtail_msgids():
    """Every msgid (and plural msgid) of those catalogues, whitespace collapsed, by domain."""
    found = {"django": set(), "djangojs": set()}
    for domain, path in catalogue_paths():
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for text in filter(None, (entry.msgid, entry.msgid_plural)):
                found[domain].add(normalise(text))
    return found


@functools.cache
def _patterns():
    """Msgids with placeholders as regular expressions, when they have an English word
    besides the placeholders and connectors (``Add %(label)s`` yes; ``%(field_label)s:`` and
    ``%(site_setting)s for %(site)s``, which an English page title would match, no)."""
    patterns = []
    for msgid in set().union(*wagtail_msgids().values()):
        if not PLACEHOLDER.search(msgid) or "<" in msgid:
            continue
        words = re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub(" ", msgid))
        if not set(map(str.lower, words)) - CONNECTORS:
            continue
        parts = [re.escape(part) for part in PLACEHOLDER.split(msgid)]
        patterns.append((msgid, re.compile("^" + "(.+?)".join(parts) + "$")))
    return patterns


def normalise(text):
    return " ".join(text.split())


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A hidden tab panel is a click away; other hidden elements wait for a script that
        # fills them (the side panel's counter reads "None" until then).
        hidden = ("hidden" in attrs and attrs.get("role") != "tabpanel") or bool(
            self._stack and self._stack[-1][2]
        )
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self._stack.append((tag, attrs.get("type"), hidden))
        if hidden:
            return
        for name in TEXT_ATTRIBUTES & set(attrs):
            self.texts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in {"submit", "button"}:
            self.texts.append(attrs.get("value") or "")
        # Stimulus values in JSON: a StreamField's block definitions, for example.
        for name, value in attrs.items():
            if name.startswith("data-") and (value or "")[:1] in "{[" and value:
                self.texts.extend(_json_strings(value))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tag, kind, hidden = self._stack[-1] if self._stack else (None, None, False)
        if tag == "style" or hidden:
            return
        if tag == "script":
            if kind == "application/json":
                self.texts.extend(_json_strings(data))
            return
        self.texts.append(data)


def _json_strings(data):
    """The shown strings of a JSON document (see :data:`VISIBLE_KEYS`)."""
    try:
        value = json.loads(data)
    except ValueError:
        return []
    strings = []

    def walk(node, shown=False):
        if isinstance(node, str):
            if shown:
                strings.append(node)
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, shown or key in VISIBLE_KEYS or key.lower() == "strings")
        elif isinstance(node, list):
            for item in node:
                walk(item, shown)

    walk(value)
    return strings


def visible_texts(html):
    """The page's text nodes, labels and JSON strings, whitespace collapsed, without blanks."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return [text for text in map(normalise, collector.texts) if text]


def english_leftovers(texts, allowlist=ALLOWLIST):
    """The texts that are one of Wagtail's msgids as they are (or with their placeholders
    filled in), in the order first seen, except the allowlist."""
    msgids = set().union(*wagtail_msgids().values())
    found = []
    for text in texts:
        if text in allowlist or text in found:
            continue
        if text in msgids or (
            re.search(r"[A-Za-z]{3,}", text)
            and any(pattern.match(text) for _msgid, pattern in _patterns())
        ):
            found.append(text)
    return found
