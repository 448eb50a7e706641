"""WordPress post HTML into a list of neutral blocks, in reading order.

The blocks here (:class:`Paragraph`, :class:`Heading`, :class:`Quote`, :class:`Image`,
:class:`Gallery`, :class:`Embed`) know nothing of Wagtail; :mod:`engagement.legacy.stream` turns
them into a host page's StreamField data and sanitises the paragraphs' HTML there, with the
features of the rich-text block they land in.

What happens to a post body, in order:

1. Gutenberg block comments go; the rest of the comments go with the sanitiser.
2. Shortcodes (:mod:`engagement.legacy.shortcodes`) that become blocks (galleries, captioned
   images, embeds) are replaced by placeholders; others keep their inner content and are counted
   as unhandled. Shortcode-like text inside HTML tags is left alone.
3. The HTML is walked: block elements become blocks; inline runs become paragraphs, split at
   blank lines for classic-editor bodies (as WordPress's ``wpautop`` did when showing them);
   images and placeholders inside a paragraph split it, so text around them keeps its order.
"""

import json
import re

from bs4 import BeautifulSoup, Comment

from . import shortcodes
from .nodes import Conversion, Paragraph
from .shortcode_blocks import DROPPED, UNMASK, shortcode_block, shortcode_html
from .walker import PLACEHOLDER, Walker, has_text, is_placeholder, split_at_breakers

GUTENBERG_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
TAG_RE = re.compile(r"<[^>]*>")
# Brackets inside HTML tags are hidden from the shortcode parser with private-use characters.
MASK = str.maketrans({"[": "\ue000", "]": "\ue001"})

REMOVED_ELEMENTS = frozenset(
    {
        "script", "style", "noscript", "template", "object", "embed", "applet", "form",
        "input", "button", "select", "textarea", "svg", "math", "canvas", "head", "title",
        "meta", "link", "base", "frameset", "frame", "audio", "video", "source", "track",
        "param", "dialog", "portal",
    }
)
def convert(body, *, attached_ids=(), conversion=None, reusable=None, footnotes=""):
    """Convert a post body into blocks.

    Args:
        body: the post's ``content:encoded``.
        attached_ids: ids of the post's attached images in WordPress's order (menu order, id),
            for a core ``[gallery]`` without ``ids``.
        conversion: a :class:`Conversion` to add to (a new one by default).
        reusable: ``{wp_id: content}`` of the export's reusable blocks (``wp_block`` items),
            expanded where a ``<!-- wp:block {"ref":N} /-->`` stands.
        footnotes: the post's ``footnotes`` meta (WordPress 6.3+), a JSON list of
            ``{"id", "content"}`` shown where ``<!-- wp:footnotes /-->`` stands.

    Returns:
        The :class:`Conversion`.
    """
    conversion = conversion or Conversion()
    body = expand_reusable_blocks(body, reusable or {}, conversion)
    body = with_footnotes(body, footnotes, conversion)
    classic = "<!-- wp:" not in body
    return _convert(GUTENBERG_COMMENT.sub("", body), classic, attached_ids, conversion)


REUSABLE_BLOCK = re.compile(r"<!--\s*wp:block\s+(\{.*?\})\s*/-->", re.DOTALL)
FOOTNOTES_BLOCK = re.compile(r"<!--\s*wp:footnotes\s*(?:\{.*?\})?\s*/-->", re.DOTALL)
FOOTNOTE_REFERENCE = re.compile(
    r'<sup\b[^>]*\bdata-fn="([^"]+)"[^>]*>\s*<a\b[^>]*>(.*?)</a>\s*</sup>', re.DOTALL
)
#: How deep reusable blocks may sit inside each other (a loop stops here).
MAX_REUSABLE_DEPTH = 5


def expand_reusable_blocks(body, reusable, conversion, depth=0):
    """``body`` with each reusable block reference replaced by the block's content."""
    if "wp:block" not in body:
        return body

    def replace(match):
        try:
            ref = int(json.loads(match.group(1)).get("ref"))
        except (ValueError, TypeError, AttributeError):
            ref = None
        if ref not in reusable or depth >= MAX_REUSABLE_DEPTH:
            conversion.warn("reusable_block_missing", ref=ref)
            return ""
        return expand_reusable_blocks(reusable[ref], reusable, conversion, depth + 1)

    return REUSABLE_BLOCK.sub(replace, body)


def with_footnotes(body, footnotes, conversion):
    """``body`` with WordPress 6.3 footnotes as text: each reference a bracketed number, the
    notes a numbered list where the footnotes block stood (or at the end).

    Rich text keeps no element ids, so the links between a reference and its note cannot
    survive; the numbers and the text do (reported as ``footnote_anchors_dropped``).
    """
    try:
        notes = json.loads(footnotes) if footnotes else []
    except ValueError:
        notes = []
    notes = [note for note in notes if isinstance(note, dict) and note.get("content")]
    if not notes and "data-fn=" not in body:
        return FOOTNOTES_BLOCK.sub("", body)
    body = FOOTNOTE_REFERENCE.sub(lambda match: f"<sup>[{match.group(2).strip()}]</sup>", body)
    listing = "".join(f"<li>{note['content']}</li>" for note in notes)
    listing = f"<ol>{listing}</ol>" if listing else ""
    if listing:
        conversion.warn("footnote_anchors_dropped", count=len(notes))
    if FOOTNOTES_BLOCK.search(body):
        return FOOTNOTES_BLOCK.sub(lambda match: listing, body, count=1)
    return body + listing


def convert_rich_text(source):
    """Split a rich-text value stored by Wagtail at its shortcodes.

    The HTML around the shortcodes is kept exactly as stored (the editor sanitised it, and its
    page links and embedded images are in the database format the sanitiser does not read);
    the resulting paragraphs are marked ``trusted``.
    """
    conversion = Conversion()
    placeholders = []
    marked = _replace_shortcodes(_mask_tags(source), conversion, placeholders, ())
    if not conversion.shortcodes:
        return conversion
    soup = BeautifulSoup(marked.translate(UNMASK), "html.parser")
    buffer = []

    def flush():
        fragment = "".join(buffer).strip()
        if fragment and (has_text(fragment) or "<embed" in fragment):
            conversion.blocks.append(Paragraph(html=fragment, trusted=True))
        buffer.clear()

    for node in list(soup.children):
        for piece in split_at_breakers(node, is_placeholder):
            if isinstance(piece, str):
                buffer.append(piece)
            else:
                flush()
                conversion.blocks.append(placeholders[int(piece["data-index"])])
    flush()
    return conversion


def _convert(html, classic, attached_ids, conversion):
    conversion = conversion or Conversion()
    placeholders = []
    marked = _replace_shortcodes(_mask_tags(html), conversion, placeholders, attached_ids)
    soup = BeautifulSoup(marked.translate(UNMASK), "html.parser")
    _remove_unsafe(soup, conversion)
    Walker(conversion, placeholders, classic).container(soup)
    return conversion


def _mask_tags(text):
    return TAG_RE.sub(lambda match: match.group(0).translate(MASK), text)


def _replace_shortcodes(text, conversion, placeholders, attached_ids):
    """Text with block shortcodes as placeholders and other shortcodes reduced to their content."""
    out = []
    for token in shortcodes.parse(text):
        if isinstance(token, str):
            out.append(token)
            continue
        conversion.shortcodes += 1
        if token.name.lower() in shortcodes.PRIVATE_SHORTCODES:
            # Members-only content is never published: dropped, and reported.
            conversion.warn("private_content_dropped", name=token.name,
                            shortcode=token.raw.translate(UNMASK)[:300])
            if not token.enclosing:
                # No closing tag found (a mangled one, say): what follows may be private too.
                break
            continue
        for code in sorted(token.repairs):
            conversion.warn(code, shortcode=token.raw.translate(UNMASK)[:300])
        block = shortcode_block(token, conversion, attached_ids)
        if block is DROPPED:
            continue
        if block is not None:
            placeholders.append(block)
            out.append(f'<{PLACEHOLDER} data-index="{len(placeholders) - 1}"></{PLACEHOLDER}>')
            continue
        inner = _replace_shortcodes(token.content or "", conversion, placeholders, attached_ids)
        kept = shortcode_html(token, inner)
        if kept is not None:
            # Markup made here holds no shortcode, but its brackets must stay text.
            out.append(_mask_tags(kept))
            continue
        conversion.unhandled[token.name] += 1
        conversion.warn("unhandled_shortcode", name=token.name,
                        shortcode=token.raw.translate(UNMASK)[:300])
        out.append(inner)
    return "".join(out)




def _remove_unsafe(soup, conversion):
    for element in soup.find_all(REMOVED_ELEMENTS):
        if element.parent is not None:
            conversion.warn("element_removed", element=element.name)
            element.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    # WordPress turns emoji into images of emoji; the character itself is better.
    for img in soup.find_all("img", class_=["wp-smiley", "emoji"]):
        img.replace_with(img.get("alt", ""))


def without_private(text, conversion=None):
    """``text`` without members-only shortcodes and what they enclose (for excerpts and titles);
    other shortcodes are left as they are. Each one dropped is reported on ``conversion``."""
    if "[" not in text:
        return text
    out = []
    for token in shortcodes.parse(text):
        if isinstance(token, str):
            out.append(token)
        elif token.name.lower() in shortcodes.PRIVATE_SHORTCODES:
            if conversion is not None:
                conversion.warn("private_content_dropped", name=token.name,
                                shortcode=token.raw[:300])
            if not token.enclosing:
                break
        else:
            out.append(token.raw)
    return "".join(out)


def plain_text(html):
    """Text of an HTML fragment (for excerpts, titles, language detection)."""
    if "<" not in html and "&" not in html:
        return html.strip()
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
