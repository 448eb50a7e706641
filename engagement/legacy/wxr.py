"""Read a WordPress export (WXR 1.0 to 1.2) into plain dataclasses.

The file is parsed with defusedxml and any document type declaration is refused: a real WXR
file never has one, and a DTD is how entity expansion ("billion laughs") and external entity
attacks get in. Items are streamed and cleared as they are read so that a large export does not
hold its whole XML tree in memory, but every item is kept as a dataclass: attachments may come
after the posts that use them.
"""

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.utils.translation import gettext as _

# WordPress's own importer takes either scheme and any 1.x version of its namespaces.
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(1\.\d+)/?$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/?$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
WP_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
#: Items without ``<wp:post_id>`` (older and third-party exports) get an id from their guid or
#: link at or above this, far above any real WordPress id and below 2**53 (exact in JSON).
SYNTHETIC_ID_BASE = 1 << 52
#: How much of the file is read to tell an HTML page from an export.
SNIFF_BYTES = 4096
HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says why, for a person."""


@dataclass
class Term:
    """A category, tag or other taxonomy term attached to an item."""

    domain: str
    slug: str
    name: str


@dataclass
class Item:
    """One ``<item>``: a post, page, attachment or any other post type."""

    wp_id: int
    post_type: str = "post"
    title: str = ""
    link: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    status: str = ""
    date: datetime | None = None
    date_gmt: datetime | None = None
    modified: datetime | None = None
    modified_gmt: datetime | None = None
    parent_id: int = 0
    menu_order: int = 0
    password: str = ""
    attachment_url: str = ""
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comment_count: int = 0

    def meta_value(self, key, default=""):
        """The first value of the post meta ``key``."""
        values = self.meta.get(key)
        return values[0] if values else default

    def terms_in(self, *domains):
        return [term for term in self.terms if term.domain in domains]

    @property
    def fingerprint(self):
        """A digest of everything the importer reads, to tell whether an item changed."""
        digest = hashlib.sha256()
        for value in (
            self.post_type, self.title, self.link, self.content, self.excerpt, self.slug,
            self.status, self.date, self.modified, self.parent_id, self.menu_order,
            self.password, self.attachment_url,
        ):
            digest.update(repr(value).encode())
        for term in self.terms:
            digest.update(repr((term.domain, term.slug, term.name)).encode())
        for key in sorted(self.meta):
            digest.update(repr((key, self.meta[key])).encode())
        return digest.hexdigest()


@dataclass
class Export:
    """A whole export: the channel's own fields and every item in file order."""

    wxr_version: str = ""
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    language: str = ""
    items: list[Item] = field(default_factory=list)
    #: The channel's ``<wp:term>``, ``<wp:category>`` and ``<wp:tag>`` entries:
    #: ``{"taxonomy", "slug", "name", "description", "parent"}`` each.
    terms: list[dict] = field(default_factory=list)
    #: Titles of items that had neither a post id nor a guid or link: they cannot be imported
    #: twice as the same page, so they are refused (and the command exits non-zero).
    unidentified: list[str] = field(default_factory=list)

    @property
    def identity(self):
        """Names the exporting site, so ids from two WordPress sites never collide."""
        url = self.base_blog_url or self.link or self.base_site_url
        parts = urlsplit(url.strip())
        identity = (parts.netloc.lower() + parts.path.rstrip("/")) if parts.netloc else url
        return identity[:255] or "wordpress"

    @property
    def posts(self):
        return [item for item in self.items if item.post_type == "post"]

    @property
    def attachments(self):
        """``{wp_id: Item}`` of the attachments."""
        return {item.wp_id: item for item in self.items if item.post_type == "attachment"}


def parse_wp_date(value):
    """A naive datetime from WordPress's ``Y-m-d H:i:s``; ``None`` for zero or invalid dates."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, WP_DATE_FORMAT)
    except ValueError:
        return None


def _to_int(value, default=0):
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _split_tag(tag):
    """``{namespace}local`` into a short prefix and the local name."""
    if not tag.startswith("{"):
        return "", tag
    namespace, local = tag[1:].split("}", 1)
    if WP_NAMESPACE.match(namespace):
        return "wp", local
    if EXCERPT_NAMESPACE.match(namespace):
        return "excerpt", local
    if namespace == CONTENT_NAMESPACE:
        return "content", local
    if namespace == DC_NAMESPACE:
        return "dc", local
    return namespace, local


#: Channel-level term elements and the taxonomy each stands for (``None``: it says itself).
CHANNEL_TERMS = {"wp:term": None, "wp:category": "category", "wp:tag": "post_tag"}
TERM_FIELDS = {
    "term_taxonomy": "taxonomy", "term_slug": "slug", "category_nicename": "slug",
    "tag_slug": "slug", "term_name": "name", "cat_name": "name", "tag_name": "name",
    "term_description": "description", "category_description": "description",
    "tag_description": "description", "term_parent": "parent", "category_parent": "parent",
}


def _term_from_element(element, taxonomy):
    term = {"taxonomy": taxonomy or "", "slug": "", "name": "", "description": "", "parent": ""}
    for child in element:
        name = TERM_FIELDS.get(_split_tag(child.tag)[1])
        if name:
            value = _text(child).strip()
            term[name] = unquote(value) if name == "slug" else value
    return term


def synthetic_id(guid, link):
    """A stable id for an item without ``<wp:post_id>``, from its guid (else its link)."""
    key = (guid or link).strip()
    if not key:
        return 0
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return SYNTHETIC_ID_BASE + int.from_bytes(digest[:8], "big") % SYNTHETIC_ID_BASE


def _text(element):
    return element.text or ""


def _item_from_element(element):
    item = Item(wp_id=0)
    date_gmt = modified_gmt = None
    saw_status = False
    for child in element:
        prefix, name = _split_tag(child.tag)
        key = f"{prefix}:{name}" if prefix else name
        text = _text(child)
        if key == "title":
            item.title = text.strip()
        elif key == "link":
            item.link = text.strip()
        elif key == "guid":
            item.guid = text.strip()
        elif key == "content:encoded":
            item.content = text
        elif key == "excerpt:encoded":
            item.excerpt = text
        elif key == "wp:post_id":
            item.wp_id = _to_int(text)
        elif key == "wp:post_name":
            # WordPress stores non-ASCII slugs percent-encoded.
            item.slug = unquote(text.strip())
        elif key == "wp:status":
            saw_status = True
            item.status = text.strip()
        elif key == "wp:post_type":
            item.post_type = text.strip()
        elif key == "wp:post_date":
            item.date = parse_wp_date(text)
        elif key == "wp:post_date_gmt":
            date_gmt = parse_wp_date(text)
        elif key == "wp:post_modified":
            item.modified = parse_wp_date(text)
        elif key == "wp:post_modified_gmt":
            modified_gmt = parse_wp_date(text)
        elif key == "wp:post_parent":
            item.parent_id = _to_int(text)
        elif key == "wp:menu_order":
            item.menu_order = _to_int(text)
        elif key == "wp:post_password":
            item.password = text
        elif key == "wp:attachment_url":
            item.attachment_url = text.strip()
        elif key == "category":
            item.terms.append(
                Term(
                    domain=child.get("domain", ""),
                    slug=unquote(child.get("nicename", "")),
                    name=text.strip(),
                )
            )
        elif key == "wp:postmeta":
            meta_key = meta_value = ""
            for meta in child:
                meta_name = _split_tag(meta.tag)[1]
                if meta_name == "meta_key":
                    meta_key = _text(meta).strip()
                elif meta_name == "meta_value":
                    meta_value = _text(meta)
            if meta_key:
                item.meta.setdefault(meta_key, []).append(meta_value)
        elif key == "wp:comment":
            item.comment_count += 1
    if not saw_status:
        # An item of a plain feed or a third-party export was public: it is published.
        item.status = "publish"
    item.date_gmt = date_gmt.replace(tzinfo=UTC) if date_gmt else None
    item.modified_gmt = modified_gmt.replace(tzinfo=UTC) if modified_gmt else None
    return item


def parse_wxr(source):
    """Parse a WXR file (a path or a binary file object) into an :class:`Export`.

    Raises:
        WXRError: the file is not well-formed XML, declares a DTD or entities, or is not a
            WordPress export.
    """
    source = _refuse_html(source)
    export = Export()
    depth = 0
    channel_fields = {
        "title": "title", "link": "link", "language": "language",
        "wp:base_site_url": "base_site_url", "wp:base_blog_url": "base_blog_url",
        "wp:wxr_version": "wxr_version",
    }
    saw_channel = False
    try:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                continue
            depth -= 1
            prefix, name = _split_tag(element.tag)
            key = f"{prefix}:{name}" if prefix else name
            if depth == 2 and key == "item":
                item = _item_from_element(element)
                if not item.wp_id:
                    item.wp_id = synthetic_id(item.guid, item.link)
                if item.wp_id:
                    export.items.append(item)
                else:
                    export.unidentified.append(item.title)
                element.clear()
            elif depth == 2 and key in CHANNEL_TERMS:
                export.terms.append(_term_from_element(element, CHANNEL_TERMS[key]))
                element.clear()
            elif depth == 2 and key in channel_fields:
                setattr(export, channel_fields[key], _text(element).strip())
            elif depth == 1 and key == "channel":
                saw_channel = True
    except DefusedXmlException as error:
        raise WXRError(
            _(
                "The file declares a DTD or entities (%(detail)s). WordPress exports never do; "
                "it was refused for safety and nothing was imported."
            )
            % {"detail": type(error).__name__}
        ) from error
    except ParseError as error:
        raise WXRError(
            _("The file is not well-formed XML: %(error)s.") % {"error": error}
        ) from error
    except OSError as error:
        raise WXRError(_("The file cannot be read: %(error)s.") % {"error": error}) from error
    if not saw_channel or not (
        export.wxr_version or export.base_site_url or export.items or export.unidentified
    ):
        raise WXRError(_("The file is XML but not a WordPress export (WXR)."))
    return export


def _refuse_html(source):
    """``source`` ready to parse, after refusing an HTML page given by mistake.

    An HTML page (a saved web page, a login page served instead of the export) starts with a
    doctype, which the DTD guard would otherwise report as an attack. A file object that
    cannot seek is returned as one that replays what was read.
    """
    try:
        if hasattr(source, "read"):
            head = source.read(SNIFF_BYTES)
            if source.seekable():
                source.seek(0)
            else:
                source = io.BufferedReader(_Replay(head, source))
        else:
            with open(source, "rb") as handle:
                head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise WXRError(_("The file cannot be read: %(error)s.") % {"error": error}) from error
    if HTML_START.match(head):
        raise WXRError(
            _("This is an HTML page, not a WordPress export; export the site with Tools → "
              "Export in WordPress and give that file.")
        )
    return source


class _Replay(io.RawIOBase):
    """A raw stream reading ``head`` and then the rest of ``stream``."""

    def __init__(self, head, stream):
        self.head = head
        self.stream = stream

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
