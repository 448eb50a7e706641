"""Neutral blocks into the raw StreamField data of whatever page model the host configured.

The host's body is inspected rather than assumed: a block named ``paragraph`` that is a
RichTextBlock takes paragraphs (or the first RichTextBlock), ``heading`` may be a CharBlock or a
StructBlock with a text and a level, ``quote`` a text block or a StructBlock with a quote and an
attribution, ``image`` an ImageChooserBlock, an ImageBlock or a StructBlock with an image, alt
text and caption, ``embed`` an EmbedBlock, and galleries go to the plugin's GalleryBlock. When a
host has no block for something, it degrades to a paragraph, and the report says so.
"""

import uuid
from dataclasses import dataclass

from django.utils.html import escape
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from engagement.blocks import GalleryBlock

from .nodes import Embed, Gallery, Heading, Image, Paragraph, Quote, Table
from .richtext import sanitise

TEXT_NAMES = ("text", "heading", "title", "quote", "body", "value")
LEVEL_NAMES = ("level", "size", "heading_level", "tag")
ATTRIBUTION_NAMES = ("attribution", "author", "source", "cite", "citation", "name")
ALT_NAMES = ("alt_text", "alt")
CAPTION_NAMES = ("caption", "description")
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.BlockQuoteBlock)


@dataclass
class ImageOutcome:
    """An attachment as the importer could (or could not) make it into an image.

    ``code`` says why there is no image: ``missing_attachment``, ``not_an_image``,
    ``missing_file``, ``file_too_large``, ``too_many_pixels``, ``unsafe_path``.
    """

    image_id: int | None = None
    alt: str = ""
    caption: str = ""
    code: str | None = None
    wp_id: int | None = None

    @property
    def usable(self):
        """True when there is an image, or would be one (a dry run creates none)."""
        return self.image_id is not None or self.code is None


def _item(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _find_child(struct, kinds, names=()):
    """The name of the first child of ``struct`` of one of ``kinds``, preferring ``names``."""
    children = struct.child_blocks
    for name in names:
        if name in children and isinstance(children[name], kinds):
            return name
    for name, child in children.items():
        if isinstance(child, kinds):
            return name
    return None


def _defaults(struct):
    return {name: child.get_prep_value(child.get_default())
            for name, child in struct.child_blocks.items()}


class StreamBuilder:
    """Builds raw StreamField data for ``stream_block`` from neutral blocks.

    Args:
        stream_block: the body's StreamBlock (``Model._meta.get_field("body").stream_block``).
        resolve_image: a callable taking an :class:`~engagement.legacy.nodes.Image` and
            returning an :class:`ImageOutcome`.
        resolve_id: a callable taking an attachment id and returning an :class:`ImageOutcome`.
    """

    def __init__(self, stream_block, resolve_image, resolve_id, resolve_document=None):
        self.children = stream_block.child_blocks
        #: Takes an attachment id; gives ``(document id, title)`` for a document, else None.
        self.resolve_document = resolve_document or (lambda wp_id: None)
        self.resolve_image = resolve_image
        self.resolve_id = resolve_id
        self.paragraph_name = self._named("paragraph", blocks.RichTextBlock, blocks.RichTextBlock)
        self.heading_name = self._named("heading", (blocks.StructBlock, *TEXT_BLOCKS))
        self.quote_name = self._named(
            "quote", (blocks.StructBlock, blocks.RichTextBlock, *TEXT_BLOCKS)
        )
        self.image_name = self._named(
            "image", (ImageChooserBlock, blocks.StructBlock), ImageChooserBlock
        )
        self.gallery_name = self._named("gallery", GalleryBlock, GalleryBlock)
        self.embed_name = self._named("embed", EmbedBlock, EmbedBlock)
        self.table_name = self._named("table", TableBlock, TableBlock)

    def _named(self, preferred, kinds, fallback_kind=None):
        """The child block taking one kind of content: by name first, then by type."""
        block = self.children.get(preferred)
        if isinstance(block, kinds) and not (
            isinstance(block, blocks.StructBlock)
            and preferred == "image"
            and _find_child(block, ImageChooserBlock) is None
        ):
            return preferred
        if fallback_kind is not None:
            for name, child in self.children.items():
                if isinstance(child, fallback_kind):
                    return name
        return None

    def build(self, conversion):
        """Return ``(raw stream data, gallery reports)``; warnings go to ``conversion``."""
        data = []
        galleries = []
        for node in conversion.blocks:
            if isinstance(node, Paragraph):
                data.extend(self.paragraph(node.html, node.trusted))
            elif isinstance(node, Heading):
                data.extend(self.heading(node, conversion))
            elif isinstance(node, Quote):
                data.extend(self.quote(node, conversion))
            elif isinstance(node, Image):
                data.extend(self.image(node, conversion))
            elif isinstance(node, Gallery):
                items, report = self.gallery(node, conversion)
                data.extend(items)
                galleries.append(report)
            elif isinstance(node, Embed):
                data.extend(self.embed(node, conversion))
            elif isinstance(node, Table):
                data.extend(self.table(node, conversion))
        return data, galleries

    def table(self, node, conversion):
        if self.table_name is None:
            conversion.warn("table_flattened", rows=len(node.rows))
            rows = [" | ".join(cell for cell in row if cell) for row in node.rows]
            return self.paragraph("".join(f"<p>{escape(row)}</p>" for row in rows if row))
        return [_item(self.table_name, {
            "data": node.rows,
            "first_row_is_table_header": node.header,
            "first_col_is_header": False,
            "table_caption": node.caption[:255],
        })]

    def paragraph(self, html, trusted=False):
        if self.paragraph_name is None:
            return []
        block = self.children[self.paragraph_name]
        clean = html if trusted else sanitise(html, block.features)
        if not clean.replace("<p>", "").replace("</p>", "").replace("<br/>", "").strip():
            return []
        return [_item(self.paragraph_name, clean)]

    def heading(self, node, conversion):
        if self.heading_name is None:
            conversion.warn("block_degraded", block="heading")
            return self.paragraph(f"<h{node.level}>{escape(node.text)}</h{node.level}>")
        block = self.children[self.heading_name]
        if not isinstance(block, blocks.StructBlock):
            return [_item(self.heading_name, node.text)]
        value = _defaults(block)
        value[_find_child(block, TEXT_BLOCKS, TEXT_NAMES) or "text"] = node.text
        level_name = _find_child(block, blocks.ChoiceBlock, LEVEL_NAMES)
        if level_name:
            value[level_name] = self._level_choice(block.child_blocks[level_name], node.level)
        return [_item(self.heading_name, value)]

    @staticmethod
    def _level_choice(choice_block, level):
        values = [str(key) for key, _label in choice_block.field.choices if key]
        for wanted in (f"h{level}", str(level)):
            if wanted in values:
                return wanted
        # The nearest level the host offers: h2 when the post said h1, h4 for h5 and h6.
        numbered = sorted(
            (int(value.lstrip("h")), value) for value in values if value.lstrip("h").isdigit()
        )
        if not numbered:
            return values[0] if values else ""
        return min(numbered, key=lambda pair: abs(pair[0] - level))[1]

    def quote(self, node, conversion):
        if self.quote_name is None:
            conversion.warn("block_degraded", block="quote")
            return self.paragraph(self._quote_html(node))
        block = self.children[self.quote_name]
        if isinstance(block, blocks.RichTextBlock):
            return [_item(self.quote_name, sanitise(self._quote_html(node), block.features))]
        if node.html and not isinstance(block, blocks.RichTextBlock):
            # A plain-text quote would lose the quote's bold, italics and links: it becomes
            # rich text, reported so that an editor may choose.
            conversion.warn("quote_as_paragraph")
            return self.paragraph(self._quote_html(node))
        if not isinstance(block, blocks.StructBlock):
            text = node.text + (f"\n— {node.attribution}" if node.attribution else "")
            return [_item(self.quote_name, text)]
        value = _defaults(block)
        value[_find_child(block, TEXT_BLOCKS, TEXT_NAMES) or "text"] = node.text
        attribution = _find_child(block, blocks.CharBlock, ATTRIBUTION_NAMES)
        if attribution:
            value[attribution] = node.attribution
        return [_item(self.quote_name, value)]

    @staticmethod
    def _quote_html(node):
        attribution = f"— {escape(node.attribution)}" if node.attribution else ""
        if node.html:
            return node.html + (f"<p>{attribution}</p>" if attribution else "")
        lines = "<br/>".join(escape(line) for line in node.text.split("\n"))
        return f"<p>{lines}{'<br/>' + attribution if attribution else ''}</p>"

    def image(self, node, conversion):
        outcome = self.resolve_image(node)
        if not outcome.usable:
            conversion.warn(outcome.code, wp_id=node.wp_id, url=node.url)
            # The caption was text a reader saw: it stays, without the picture.
            return self._caption_paragraph(node.caption or outcome.caption)
        alt = node.alt if node.alt else outcome.alt
        caption = node.caption or outcome.caption
        if self.image_name is None:
            # A host without an image block still shows the image, as a one-image gallery.
            if self.gallery_name is None:
                conversion.warn("block_degraded", block="image")
                return []
            return [_item(self.gallery_name, self._gallery_value(
                [self._gallery_item(outcome.image_id, alt, caption, conversion)],
                Gallery(wp_ids=[node.wp_id], link="lightbox", titles="always"),
            ))]
        block = self.children[self.image_name]
        if isinstance(block, ImageChooserBlock):
            return [_item(self.image_name, outcome.image_id)]
        value = _defaults(block)
        value[_find_child(block, ImageChooserBlock, ("image",))] = outcome.image_id
        alt_name = _find_child(block, TEXT_BLOCKS, ALT_NAMES)
        if alt_name in ALT_NAMES:
            value[alt_name] = (alt or "")[:255]
        if not alt:
            conversion.warn("missing_alt_text", wp_id=node.wp_id)
        caption_name = _find_child(block, TEXT_BLOCKS, CAPTION_NAMES)
        if caption_name in CAPTION_NAMES:
            value[caption_name] = caption
        return [_item(self.image_name, value)]

    def _gallery_item(self, image_id, alt, caption, conversion, wp_id=None):
        if not alt:
            conversion.warn("missing_alt_text", wp_id=wp_id)
        return {
            "type": "item",
            "id": str(uuid.uuid4()),
            "value": {
                "image": image_id,
                "alt_text": (alt or "")[:255],
                "decorative": False,
                "caption": (caption or "")[:500],
            },
        }

    def _gallery_value(self, items, node):
        value = {
            "images": items,
            "thumbnail_width": min(max(node.width, 16), 1200),
            "thumbnail_height": min(max(node.height, 16), 1200),
            "link": node.link,
            "titles": node.titles,
        }
        # A host's own gallery block may predate the shape and caption fields.
        children = self.children[self.gallery_name].child_blocks if self.gallery_name else {}
        if "shape" in children:
            value["shape"] = "fit" if node.fit else "crop"
        if "caption" in children:
            value["caption"] = node.caption[:500]
        return value

    def _caption_paragraph(self, caption):
        return self.paragraph(f"<p>{escape(caption)}</p>") if caption else []

    def gallery(self, node, conversion):
        """``(blocks, report)``: the gallery, then the captions of images it could not show."""
        items = []
        image_ids = []
        lost_captions = []
        documents = []
        images = node.images or [Image(wp_id=wp_id) for wp_id in node.wp_ids]
        for image in images:
            wp_id = image.wp_id
            outcome = self.resolve_image(image) if node.images else self.resolve_id(wp_id)
            caption = image.caption or outcome.caption
            if not outcome.usable:
                document = self.resolve_document(wp_id) if wp_id is not None else None
                if document is not None:
                    # A PDF in a gallery: a link to the document, after the gallery.
                    documents.append(document)
                    continue
                conversion.warn(outcome.code, wp_id=wp_id, **({"url": image.url} if (
                    image.url and wp_id is None) else {}))
                if caption:
                    lost_captions.append(caption)
                continue
            image_ids.append(outcome.image_id)
            items.append(
                self._gallery_item(outcome.image_id, image.alt or outcome.alt, caption,
                                   conversion, wp_id=wp_id)
            )
        report = {
            "wp_ids": list(node.wp_ids),
            "image_ids": image_ids,
            # What the gallery shows, in a dry run too (where no image gets an id).
            "images": len(items),
            "width": node.width,
            "height": node.height,
            "shape": "fit" if node.fit else "crop",
            "link": node.link,
            "title": node.titles,
        }
        after = [
            *(self._caption_paragraph(node.caption) if not items and node.caption else []),
            *(item for caption in lost_captions for item in self._caption_paragraph(caption)),
            *(item for document_id, title in documents for item in self.paragraph(
                f'<p><a linktype="document" id="{document_id}">{escape(title)}</a></p>',
                trusted=True,
            )),
        ]
        if not items:
            conversion.warn("empty_gallery", wp_ids=list(node.wp_ids))
            return after, report
        if self.gallery_name is None:
            conversion.warn("block_degraded", block="gallery")
            return after, report
        return [_item(self.gallery_name, self._gallery_value(items, node)), *after], report

    def embed(self, node, conversion):
        if self.embed_name is None:
            conversion.warn("block_degraded", block="embed")
            url = escape(node.url)
            return self.paragraph(f'<p><a href="{url}">{url}</a></p>') + (
                self._caption_paragraph(node.caption)
            )
        return [_item(self.embed_name, node.url), *self._caption_paragraph(node.caption)]
