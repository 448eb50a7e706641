"""Walks parsed post HTML and emits neutral blocks in reading order (see :mod:`.content`).

Block elements become blocks; inline runs become paragraphs, split at blank lines for
classic-editor bodies (as WordPress's ``wpautop`` did when showing them); images, iframes and
placeholders of converted shortcodes inside a paragraph split it, so that the text around them
keeps its order.
"""

import html as html_module
import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .nodes import Embed, Gallery, Heading, Image, Paragraph, Quote, Table
from .shortcode_blocks import ATTACHMENT_ID

BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
#: The element standing for a converted shortcode until the walk reaches it.
PLACEHOLDER = "legacy-block"
# Marks a single line break of a classic body until the paragraph is assembled.
LINE_BREAK = "\ue002"
CONTAINERS = frozenset(
    {"div", "section", "article", "main", "center", "header", "footer", "aside", "nav",
     "body", "html", "details", "summary", "fieldset"}
)
HEADINGS = {f"h{level}": level for level in range(1, 7)}
RICH_BLOCKS = frozenset({"p", "ul", "ol", "dl", "address"})
BLOCK_LEVEL = (
    CONTAINERS | RICH_BLOCKS | frozenset(HEADINGS)
    | frozenset({"blockquote", "table", "pre", "hr", "figure", "iframe", PLACEHOLDER})
)


def _classes(tag):
    return tag.get("class") or []


def _is_breaker(node):
    return isinstance(node, Tag) and node.name in ("img", PLACEHOLDER, "iframe")


def is_placeholder(node):
    return isinstance(node, Tag) and node.name == PLACEHOLDER


def embed_url(src):
    """The public URL of an embedded player (YouTube's ``/embed/ID`` becomes a watch URL)."""
    src = html_module.unescape(src or "").strip()
    if src.startswith("//"):
        src = "https:" + src
    parts = urlsplit(src)
    if parts.scheme not in ("http", "https"):
        return ""
    host = parts.netloc.lower()
    if host.endswith(("youtube.com", "youtube-nocookie.com")) and parts.path.startswith(
        "/embed/"
    ):
        return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.split('/')[2]}"
    if host.endswith("facebook.com") and parts.path.startswith("/plugins/"):
        href = parse_qs(parts.query).get("href")
        return href[0] if href else src
    return src


def _opening_and_closing(tag):
    # Both halves of a split paragraph must not claim the editor's one block key.
    attrs = {name: value for name, value in tag.attrs.items() if name != "data-block-key"}
    empty = Tag(name=tag.name, attrs=attrs)
    serialised = str(empty)
    closing = f"</{tag.name}>"
    if serialised.endswith(closing):
        return serialised[: -len(closing)], closing
    return serialised, ""


def split_at_breakers(node, is_breaker=_is_breaker):
    """A node as HTML strings and breaker tags (images, placeholders, iframes), in order.

    Inline elements around a breaker are closed before it and reopened after it, so
    ``<b>a<img>b</b>`` gives ``["<b>a</b>", <img>, "<b>b</b>"]``.
    """
    if isinstance(node, Comment):
        return []
    if isinstance(node, NavigableString):
        return [html_module.escape(str(node), quote=False)]
    if is_breaker(node):
        return [node]
    if node.find(is_breaker) is None:
        return [str(node)]
    opening, closing = _opening_and_closing(node)
    result = []
    buffer = []
    for child in node.children:
        for piece in split_at_breakers(child, is_breaker):
            if isinstance(piece, str):
                buffer.append(piece)
            else:
                if buffer:
                    result.append(opening + "".join(buffer) + closing)
                    buffer = []
                result.append(piece)
    if buffer:
        result.append(opening + "".join(buffer) + closing)
    return result


#: Elements whose edges are word boundaries; inline ones (``<b>``, ``<sup>``) join their text.
TEXT_BREAKS = BLOCK_LEVEL | frozenset({"li", "dt", "dd", "tr", "td", "th", "caption",
                                       "figcaption", "br", "cite", "footer"})


def inline_text(node, line_breaks=False):
    """The text of ``node`` as a reader reads it: ``m<sup>2</sup>`` is ``m2``, not ``m 2``;
    block edges and ``<br>`` separate words (lines, with ``line_breaks``)."""
    parts = []
    for element in node.descendants if isinstance(node, Tag) else [node]:
        if isinstance(element, Comment):
            continue
        if isinstance(element, NavigableString):
            parts.append(str(element))
        elif element.name in TEXT_BREAKS:
            parts.append("\n")
    text = "".join(parts)
    if line_breaks:
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())


def _is_block_level(node):
    return isinstance(node, Tag) and node.name in BLOCK_LEVEL


def has_text(fragment):
    text = BeautifulSoup(fragment, "html.parser").get_text()
    return bool(text.strip(" \t\r\n\u00a0\u200b"))


class Walker:
    def __init__(self, conversion, placeholders, classic):
        self.conversion = conversion
        self.placeholders = placeholders
        self.classic = classic

    def emit(self, block):
        self.conversion.blocks.append(block)

    def container(self, node):
        run = []
        for child in list(node.children):
            if _is_block_level(child):
                self.run(run)
                run = []
                self.block(child)
            else:
                run.append(child)
        self.run(run)

    def run(self, nodes):
        """Inline nodes into paragraphs, split at blank lines in classic bodies."""
        paragraph = []
        for node in nodes:
            if self.classic and isinstance(node, NavigableString) and not isinstance(
                node, Comment
            ):
                parts = BLANK_LINE.split(str(node))
                for index, part in enumerate(parts):
                    if index:
                        self.paragraph(paragraph)
                        paragraph = []
                    # wpautop: a single line break inside a paragraph becomes a <br>.
                    text = html_module.escape(part, quote=False)
                    paragraph.append(text.replace("\n", LINE_BREAK))
            else:
                paragraph.extend(split_at_breakers(node))
        self.paragraph(paragraph)

    def paragraph(self, pieces, wrap=True):
        buffer = []
        for piece in pieces:
            if isinstance(piece, str):
                buffer.append(piece)
                continue
            self.flush(buffer, wrap)
            buffer = []
            self.breaker(piece)
        self.flush(buffer, wrap)

    def flush(self, buffer, wrap=True):
        fragment = "".join(buffer).strip(" \t\r\n" + LINE_BREAK)
        if not fragment or not has_text(fragment.replace(LINE_BREAK, " ")):
            return
        fragment = re.sub(r"\s*" + LINE_BREAK + r"\s*", "<br/>", fragment)
        self.emit(Paragraph(html=f"<p>{fragment}</p>" if wrap else fragment))

    def breaker(self, tag):
        if tag.name == PLACEHOLDER:
            self.emit(self.placeholders[int(tag["data-index"])])
        elif tag.name == "iframe":
            self.iframe(tag)
        else:
            self.emit(Image.from_tag(tag))

    def iframe(self, tag, caption=""):
        url = embed_url(tag.get("src"))
        if url:
            self.emit(Embed(url=url, caption=caption))
        else:
            self.conversion.warn("element_removed", element="iframe")
            if caption:
                self.emit(Paragraph(html=f"<p>{html_module.escape(caption)}</p>"))

    @staticmethod
    def _caption_of(tag):
        figcaption = tag.find("figcaption")
        return inline_text(figcaption) if figcaption is not None else ""

    def block(self, tag):
        name = tag.name
        if "wp-block-gallery" in _classes(tag) and name != "figure" and tag.find("img"):
            # WordPress 5.0 to 5.2 wrote the block-editor gallery as <ul class="wp-block-gallery">.
            self.gutenberg_gallery(tag, tag.find_all("img"))
        elif name == PLACEHOLDER or name == "iframe":
            self.breaker(tag)
        elif name in HEADINGS:
            self.heading(tag)
        elif name == "p":
            self.run(list(tag.children))
        elif name == "dl":
            self.definitions(tag)
        elif name in RICH_BLOCKS:
            # Lists keep their own element: a rich-text block holds them as they are.
            self.paragraph(split_at_breakers(tag), wrap=False)
        elif name == "blockquote":
            self.quote(tag)
        elif name == "figure":
            self.figure(tag)
        elif name == "table":
            self.table(tag)
        elif name == "pre":
            text = html_module.escape(tag.get_text(), quote=False).strip("\n")
            if text.strip():
                self.emit(Paragraph(html="<p>" + text.replace("\n", "<br/>") + "</p>"))
        elif name == "hr":
            return
        elif "wp-caption" in _classes(tag) and tag.find("img") is not None:
            self.old_caption(tag)
        else:
            self.container(tag)

    def definitions(self, tag):
        """A definition list: each term in bold on its line, each definition after it (rich
        text has no ``<dl>``, and unwrapping it would run the words together)."""
        for child in tag.find_all(["dt", "dd"]):
            inner = "".join(str(node) for node in child.children).strip()
            if not inner:
                continue
            html = f"<p><b>{inner}</b></p>" if child.name == "dt" else f"<p>{inner}</p>"
            self.paragraph(split_at_breakers(BeautifulSoup(html, "html.parser").p), wrap=False)

    def heading(self, tag):
        for piece in split_at_breakers(tag):
            if isinstance(piece, str):
                text = inline_text(BeautifulSoup(piece, "html.parser"))
                if text:
                    self.emit(Heading(text=text, level=HEADINGS[tag.name]))
            else:
                self.breaker(piece)

    def quote(self, tag):
        if tag.find(_is_breaker) is not None:
            self.container(tag)
            return
        attribution = ""
        cite = tag.find(["cite", "footer"])
        if cite is not None:
            attribution = inline_text(cite)
            cite.extract()
        # One line per paragraph or <br>: inline bold, italics and links stay in their line.
        text = inline_text(tag, line_breaks=True)
        if not text:
            return
        formatted = tag.find(["a", "b", "strong", "i", "em"]) is not None
        html = None
        if formatted:
            paragraphs = tag.find_all("p") or [tag]
            html = "".join(
                f"<p>{''.join(str(child) for child in paragraph.children)}</p>"
                for paragraph in paragraphs
            )
        self.emit(Quote(text=text, attribution=attribution, html=html))

    def figure(self, tag):
        classes = _classes(tag)
        images = tag.find_all("img")
        if "wp-block-gallery" in classes or len(images) > 1 and not tag.find("table"):
            self.gutenberg_gallery(tag, images)
        elif tag.find("table") is not None and not images:
            # The block editor's table: its figcaption is the table's caption.
            self.table(tag.find("table"))
        elif tag.find("iframe") is not None:
            self.iframe(tag.find("iframe"), caption=self._caption_of(tag))
        elif "wp-block-embed" in classes:
            caption = self._caption_of(tag)
            for figcaption in tag.find_all("figcaption"):
                figcaption.extract()
            wrapper = tag.find(class_="wp-block-embed__wrapper") or tag
            url = wrapper.get_text(strip=True)
            if url:
                self.emit(Embed(url=url, caption=caption))
            elif caption:
                self.emit(Paragraph(html=f"<p>{html_module.escape(caption)}</p>"))
        elif len(images) == 1:
            image = Image.from_tag(images[0])
            caption = tag.find("figcaption")
            image.caption = inline_text(caption) if caption else ""
            self.emit(image)
        else:
            self.container(tag)

    def gutenberg_gallery(self, tag, images):
        """A block-editor gallery: each image with the caption under it, and its own caption.

        The shapes are WordPress 5.0–5.2's ``<ul class="wp-block-gallery">``, 5.3's
        ``<figure class="wp-block-gallery"><ul class="blocks-gallery-grid">`` and 5.9's nested
        ``<figure class="wp-block-image">`` items. Thumbnails are cropped when the gallery says
        ``is-cropped`` (the editor's default), else they keep each image's shape.
        """
        nodes = []
        for img in images:
            image = Image.from_tag(img)
            item = img.find_parent(["li", "figure"])
            if item is not None and item is not tag:
                caption = item.find("figcaption")
                image.caption = inline_text(caption) if caption else ""
            nodes.append(image)
        gallery_captions = [
            inline_text(figcaption)
            for figcaption in tag.find_all("figcaption")
            if "blocks-gallery-caption" in _classes(figcaption)
            or figcaption.find_parent(["li", "figure"]) in (tag, None)
        ]
        linked = any(img.find_parent("a") is not None for img in images)
        captioned = any(node.caption for node in nodes)
        self.emit(
            Gallery(
                wp_ids=[node.wp_id for node in nodes if node.wp_id is not None],
                link="image" if linked else "none",
                titles="always" if captioned else "never", shortcode="wp:gallery",
                fit="is-cropped" not in _classes(tag), images=nodes,
                caption=" ".join(text for text in gallery_captions if text),
            )
        )

    def old_caption(self, tag):
        img = tag.find("img")
        image = Image.from_tag(img)
        if image.wp_id is None:
            match = ATTACHMENT_ID.search(tag.get("id", ""))
            image.wp_id = int(match.group(1)) if match else None
        caption = tag.find(class_="wp-caption-text")
        image.caption = inline_text(caption) if caption else ""
        self.emit(image)

    def table(self, tag):
        """A table, cell by cell; its first row is a header when it is in ``<thead>`` or made
        of ``<th>`` cells. The stream builder flattens it only for a host without a table
        block."""
        rows = []
        header = False
        for row in tag.find_all("tr"):
            if row.find_parent("table") is not tag:
                continue  # a table inside a cell is read as that cell's text
            cells = row.find_all(["th", "td"], recursive=False)
            if not rows:
                header = row.find_parent("thead") is not None or (
                    bool(cells) and all(cell.name == "th" for cell in cells)
                )
            values = [inline_text(cell) for cell in cells]
            if any(values):
                rows.append(values)
            elif not rows:
                header = False
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        caption = tag.find("caption")
        figure = tag.find_parent("figure")
        figcaption = figure.find("figcaption") if figure is not None else None
        text = inline_text(caption) if caption else (inline_text(figcaption) if figcaption
                                                     else "")
        self.emit(Table(rows=rows, header=header, caption=text))
