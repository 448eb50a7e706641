"""The neutral blocks a WordPress body becomes, before they meet a host's StreamField."""

import re
from collections import Counter
from dataclasses import dataclass, field

WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")


@dataclass
class Paragraph:
    """Rich text; unsanitised unless ``trusted`` (already stored by Wagtail's editor)."""

    html: str
    trusted: bool = False


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Quote:
    text: str
    attribution: str = ""
    #: The quote's paragraphs as HTML when they hold bold, italics or links.
    html: str | None = None


@dataclass
class Image:
    """An image in the text: ``wp_id`` of its attachment when known, else its URL."""

    wp_id: int | None = None
    url: str = ""
    alt: str | None = None
    caption: str = ""

    @classmethod
    def from_tag(cls, img):
        """The image an ``<img>`` shows: ``wp-image-N`` or ``data-id`` name its attachment."""
        wp_id = None
        match = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
        if match:
            wp_id = int(match.group(1))
        elif (img.get("data-id") or "").isdigit():
            wp_id = int(img["data-id"])
        url = img.get("src", "")
        link = img.find_parent("a")
        if link is not None and "wp-content/uploads/" in link.get("href", ""):
            # The link usually points at the full-size file, the src at a resized copy.
            url = link["href"]
        return cls(wp_id=wp_id, url=url, alt=img.get("alt"))


@dataclass
class Gallery:
    """A gallery with the attachment ids in the order written.

    A block-editor gallery also has ``images``: an :class:`Image` for each, with the caption
    written under it (and its address, for an image without an attachment id), and the
    gallery's own ``caption``.
    """

    wp_ids: list
    width: int = 150
    height: int = 150
    link: str = "lightbox"
    titles: str = "never"
    shortcode: str = ""
    columns: int | None = None
    #: Whether thumbnails keep each image's shape within width × height instead of cropping.
    fit: bool = False
    images: list = field(default_factory=list)
    caption: str = ""


@dataclass
class Embed:
    url: str
    #: The caption written under it (a block-editor embed's ``figcaption``).
    caption: str = ""


@dataclass
class Table:
    """A table's cells as text, row by row; ``header``: the first row is a header row."""

    rows: list
    header: bool = False
    caption: str = ""


@dataclass
class Warning:
    """Something a person should look at; ``code`` is stable, ``params`` say where."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Conversion:
    """The result of converting one body: blocks, warnings and unhandled shortcodes."""

    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    unhandled: Counter = field(default_factory=Counter)
    #: How many shortcodes were found, converted or not.
    shortcodes: int = 0

    def warn(self, code, **params):
        self.warnings.append(Warning(code, params))

    @property
    def galleries(self):
        return [block for block in self.blocks if isinstance(block, Gallery)]
