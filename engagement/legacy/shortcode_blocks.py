"""What each shortcode the importer knows becomes: galleries, captioned images, embeds.

Anything else is left to :mod:`engagement.legacy.content`, which keeps its inner content and
reports it as unhandled.
"""

import html as html_module
import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .nodes import Embed, Gallery, Image, Paragraph
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
#: Shortcodes Ultimate ``link`` values and the gallery block's link modes; ``custom``,
#: ``attachment`` and ``post`` have no equivalent and are reported as approximated.
SU_LINKS = {"lightbox": "lightbox", "image": "image", "none": "none", "": "none",
            "custom": "image", "attachment": "lightbox", "post": "lightbox"}
SU_EXACT_LINKS = frozenset({"lightbox", "image", "none", ""})
#: Each Shortcodes Ultimate gallery shortcode's defaults, as the plugin registers them:
#: thumbnail width and height, and how its ``title`` (or ``captions``) attribute reads.
SU_GALLERIES = {
    "su_custom_gallery": {"width": 90, "height": 90, "title": "hover"},
    "su_slider": {"width": 600, "height": 300, "title": "yes"},
    "su_carousel": {"width": 600, "height": 100, "title": "yes"},
    "su_image_carousel": {"image_size": "large", "crop": "16:9", "captions": "no"},
}
#: How many images a Shortcodes Ultimate gallery shows unless ``limit`` says otherwise.
SU_DEFAULT_LIMIT = 20
#: Shortcodes Ultimate's ``yes``/``no`` title and caption switches as title modes.
SU_SWITCHES = {"yes": "always", "no": "never"}
#: A returned marker: the shortcode was handled (and reported) and becomes nothing.
DROPPED = object()
#: Core ``[gallery link=…]``: empty means the attachment page, the nearest is a lightbox.
CORE_LINKS = {"file": "image", "none": "none", "": "lightbox", "attachment": "lightbox",
              "post": "lightbox"}
TITLE_MODES = frozenset({"never", "hover", "always"})


def shortcode_block(token, conversion, attached_ids):
    """The block a shortcode becomes, or ``None`` when it is not one the importer converts."""
    name = token.name.lower()
    if name in SU_GALLERIES:
        return _su_gallery(token, conversion)
    if name == "gallery":
        return _core_gallery(token, conversion, attached_ids)
    if name in ("caption", "wp_caption"):
        return _caption(token)
    if name == "embed":
        url = (token.content or "").strip() or token.get("url") or token.get("src")
        return media_block(url) if url else None
    if name in ("su_youtube", "su_youtube_advanced", "su_vimeo", "su_video", "su_audio",
                "su_dailymotion") and token.get("url"):
        return media_block(token.get("url"))
    if name in ("video", "audio"):
        keys = MEDIA_SOURCES[name]
        url = next((token.get(key) for key in keys if token.get(key).strip()), "")
        return media_block(url) if url else None
    return None


#: Attributes of core ``[video]`` and ``[audio]`` that name a file, in WordPress's order.
MEDIA_SOURCES = {
    "video": ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov"),
    "audio": ("src", "mp3", "ogg", "oga", "wav", "m4a", "wma", "flac"),
}
#: File extensions of audio and video files: a link to the file, not an embedded player.
MEDIA_FILE = re.compile(
    r"\.(?:mp3|m4a|ogg|oga|wav|wma|flac|mp4|m4v|mov|webm|ogv|wmv|flv|avi)$", re.IGNORECASE
)


def media_block(url):
    """An embed for a player's address (YouTube, Vimeo…), a link for an audio or video file."""
    url = html_module.unescape(url).strip()
    if url.startswith("//"):
        url = "https:" + url
    if not re.match(r"^(?:https?:)?/", url):
        return None
    if MEDIA_FILE.search(urlsplit(url).path):
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        return Paragraph(html=f'<p><a href="{html_module.escape(url)}">'
                              f"{html_module.escape(name)}</a></p>")
    return Embed(url=url)


#: Shortcodes Ultimate boxes whose title a reader saw above their content, with the plugin's
#: default title.
SU_TITLED = {"su_spoiler": "Spoiler title", "su_tab": "Tab name", "su_box": "This is box title"}


def shortcode_html(token, inner):
    """HTML keeping the visible attribute text of a Shortcodes Ultimate shortcode, or ``None``.

    ``inner`` is the shortcode's content, already converted. Titles of spoilers, tabs and
    boxes become a bold line above the content, a quote's citation its attribution, a button
    a link to its address, a document a link to its file.
    """
    name = token.name.lower()
    if name in SU_TITLED:
        title = token.get("title", SU_TITLED[name]).strip()
        heading = f"<p><strong>{html_module.escape(title)}</strong></p>" if title else ""
        return f"{heading}{inner}"
    if name == "su_quote":
        cite = token.get("cite").strip()
        footer = f"<cite>{html_module.escape(cite)}</cite>" if cite else ""
        return f"<blockquote><p>{inner}</p>{footer}</blockquote>"
    if name == "su_button":
        return _link(token.get("url"), inner) if token.get("url").strip() else inner
    if name == "su_document":
        url = (token.get("url") or token.get("file")).strip()
        if not url:
            return None
        label = token.get("title").strip() or unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        return "<p>" + _link(url, html_module.escape(label or url)) + "</p>"
    if name == "su_heading":
        return f"<h2>{inner}</h2>"
    return None


def _link(url, inner):
    url = html_module.unescape(url).strip()
    return f'<a href="{html_module.escape(url)}">{inner}</a>'


def _int(value, default):
    try:
        return int(str(value).strip().rstrip("px"))
    except ValueError:
        return default


def _su_gallery(token, conversion):
    """A Shortcodes Ultimate gallery, slider or carousel of ``source="media: …"`` images.

    Other sources (``posts: recent``, ``category: 5``, ``taxonomy: …``) pick images by a query
    of the old site that cannot be repeated here: reported, and dropped rather than shown as
    an empty gallery.
    """
    name = token.name.lower()
    defaults = SU_GALLERIES[name]
    source = token.get("source").strip()
    kind, _sep, ids_text = source.partition(":")
    if kind.strip().lower() != "media":
        conversion.warn("unsupported_gallery_source", source=source,
                        shortcode=token.raw.translate(UNMASK)[:300])
        return DROPPED
    ids, spaced = split_ids(ids_text)
    if spaced:
        conversion.warn("whitespace_separated_ids", ids=ids_text.strip())
    limit = _int(token.get("limit", str(SU_DEFAULT_LIMIT)), SU_DEFAULT_LIMIT)
    if limit > 0:
        ids = ids[:limit]
    link = token.get("link", "none").strip().lower()
    if link not in SU_EXACT_LINKS:
        conversion.warn("link_mode_approximated", link=link)
    if name == "su_image_carousel":
        width, height, fit = _su_carousel_size(token, defaults, conversion)
        captions = token.get("captions", defaults["captions"]).strip().lower()
        titles = SU_SWITCHES.get(captions, "never")
    else:
        width = _int(token.get("width", str(defaults["width"])), defaults["width"])
        height = _int(token.get("height", str(defaults["height"])), defaults["height"])
        fit = False
        title = token.get("title", defaults["title"]).strip().lower()
        titles = SU_SWITCHES.get(title, title if title in TITLE_MODES else "hover")
    return Gallery(
        wp_ids=ids, width=width, height=height, link=SU_LINKS.get(link, "image"),
        titles=titles, shortcode=token.name, fit=fit,
    )


def _su_carousel_size(token, defaults, conversion):
    """``(width, height, fit)`` of an image carousel's slides from its ``image_size``/``crop``.

    ``crop="16:9"`` (the default) crops to that ratio at the width of the image size;
    ``crop="none"`` keeps each image's own shape (the gallery's "fit" mode).
    """
    size = token.get("image_size", defaults["image_size"]).strip().lower()
    if size not in CORE_GALLERY_SIZES:
        conversion.warn("gallery_size_approximated", size=size)
    width = CORE_GALLERY_SIZES.get(size, CORE_GALLERY_SIZES["large"])[0]
    crop = token.get("crop", defaults["crop"]).strip().lower()
    ratio = re.fullmatch(r"(\d+):(\d+)", crop)
    if ratio and int(ratio.group(1)) and int(ratio.group(2)):
        return width, round(width * int(ratio.group(2)) / int(ratio.group(1))), False
    if crop not in ("none", ""):
        conversion.warn("gallery_size_approximated", size=crop)
    return width, width, True


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
    # Only WordPress's thumbnail size is cropped; medium, large and full keep their shape.
    return Gallery(
        wp_ids=ids, width=width, height=height, link=CORE_LINKS.get(link, "lightbox"),
        titles="always", shortcode=token.name, columns=_int(token.get("columns", "3"), 3),
        fit=size in CORE_GALLERY_SIZES and size != "thumbnail",
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
