"""What each shortcode the importer knows becomes: galleries, captioned images, embeds.

Anything else is left to :mod:`engagement.legacy.content`, which keeps its inner content and
reports it as unhandled.
"""

import html as html_module
import re

from bs4 import BeautifulSoup

from .nodes import Embed, Gallery, Image
from .shortcodes import split_ids

ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
# Brackets inside HTML tags are hidden from the shortcode parser with private-use characters.
UNMASK = str.maketrans({"\ue000": "[", "\ue001": "]"})

#: Core gallery sizes as WordPress ships them, capped to what the gallery block accepts.
CORE_GALLERY_SIZES = {
    "thumbnail": (150, 150),
    "medium": (300, 300),
    "medium_large": (768, 768),
    "large": (1024, 1024),
    "full": (1200, 1200),
}
#: Shortcodes Ultimate ``link`` values and the gallery block's link modes.
SU_LINKS = {"lightbox": "lightbox", "image": "image", "none": "none", "": "none"}
#: Core ``[gallery link=…]``: empty means the attachment page, the nearest is a lightbox.
CORE_LINKS = {"file": "image", "none": "none", "": "lightbox", "attachment": "lightbox",
              "post": "lightbox"}
TITLE_MODES = frozenset({"never", "hover", "always"})


def shortcode_block(token, conversion, attached_ids):
    """The block a shortcode becomes, or ``None`` when it is not one the importer converts."""
    name = token.name.lower()
    if name == "su_custom_gallery":
        return _su_gallery(token, conversion)
    if name == "gallery":
        return _core_gallery(token, conversion, attached_ids)
    if name in ("caption", "wp_caption"):
        return _caption(token)
    if name == "embed" and token.content and token.content.strip():
        return Embed(url=html_module.unescape(token.content.strip()))
    if name == "su_youtube" and token.get("url"):
        return Embed(url=token.get("url"))
    return None


def _int(value, default):
    try:
        return int(str(value).strip().rstrip("px"))
    except ValueError:
        return default


def _su_gallery(token, conversion):
    source = token.get("source").strip()
    kind, _sep, ids_text = source.partition(":")
    if kind.strip().lower() != "media":
        conversion.warn("unsupported_gallery_source", source=source, shortcode=token.raw[:300])
        return None
    ids, spaced = split_ids(ids_text)
    if spaced:
        conversion.warn("whitespace_separated_ids", ids=ids_text.strip())
    limit = _int(token.get("limit", "-1"), -1)
    if limit > 0:
        ids = ids[:limit]
    link = token.get("link", "none").strip().lower()
    if link not in SU_LINKS:
        conversion.warn("link_mode_approximated", link=link)
    title = token.get("title", "hover").strip().lower()
    return Gallery(
        wp_ids=ids,
        width=_int(token.get("width", "90"), 90),
        height=_int(token.get("height", "90"), 90),
        link=SU_LINKS.get(link, "image"),
        titles=title if title in TITLE_MODES else "hover",
        shortcode=token.name,
    )


def _core_gallery(token, conversion, attached_ids):
    ids_text = token.get("ids") or token.get("include")
    if ids_text:
        ids, spaced = split_ids(ids_text)
        if spaced:
            conversion.warn("whitespace_separated_ids", ids=ids_text.strip())
    else:
        # WordPress shows the images attached to the post, by menu order then id.
        ids = list(attached_ids)
        if token.get("order", "ASC").upper() == "DESC":
            ids.reverse()
    excluded = set(split_ids(token.get("exclude"))[0])
    ids = [wp_id for wp_id in ids if wp_id not in excluded]
    size = token.get("size", "thumbnail").strip().lower()
    if size not in CORE_GALLERY_SIZES:
        conversion.warn("gallery_size_approximated", size=size)
    width, height = CORE_GALLERY_SIZES.get(size, CORE_GALLERY_SIZES["thumbnail"])
    link = token.get("link", "").strip().lower()
    return Gallery(
        wp_ids=ids, width=width, height=height, link=CORE_LINKS.get(link, "lightbox"),
        titles="always", shortcode=token.name, columns=_int(token.get("columns", "3"), 3),
    )


def _caption(token):
    soup = BeautifulSoup((token.content or "").translate(UNMASK), "html.parser")
    img = soup.find("img")
    if img is None:
        return None
    image = Image.from_tag(img)
    if image.wp_id is None:
        match = ATTACHMENT_ID.search(token.get("id"))
        image.wp_id = int(match.group(1)) if match else None
    link = img.find_parent("a")
    (link or img).extract()
    image.caption = token.get("caption") or soup.get_text(" ", strip=True)
    return image
