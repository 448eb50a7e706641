"""The blocks of a news article's body.

Block names are a contract (the WordPress importer writes them): ``paragraph``, ``heading``
(a :class:`HeadingBlock`: ``text`` and ``level``), ``quote`` (``text``, ``attribution``),
``image`` (a :class:`CaptionedImageBlock`: ``image``, ``alt_text``, ``decorative``,
``caption``), ``gallery`` (the plugin's GalleryBlock), ``embed``, ``figures`` (a list of
``value``, ``unit``, ``label``), ``live_figures`` (the plugin's LiveFiguresBlock) and ``table``
(Wagtail's TableBlock, with a header row).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from engagement.blocks import GalleryBlock, GalleryItemBlock, LiveFiguresBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the article (the page title is the only ``h1``)."""

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        help_text=_("Use subsections only under a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"
        description = _("A heading that divides a long article into sections.")
        preview_value = {"text": _("Results of the year"), "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """Somebody's words, with who said them."""

    text = blocks.TextBlock(label=_("Quotation"), help_text=_("Without quotation marks."))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=255,
        help_text=_("Who said it, e.g. a name and position."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"
        description = _("A direct quotation with the name of the person quoted.")
        preview_value = {
            "text": _("We will keep every promise of the programme."),
            "attribution": _("The chairman of the branch"),
        }


class CaptionedImageBlock(GalleryItemBlock):
    """One image in the text, with alt text (required unless decorative) and a caption."""

    #: Widths of the ``srcset`` (each in AVIF, WebP and JPEG).
    specs = Filter.expand_spec(["format-{avif,webp,jpeg}", "width-{640,1280}"])

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"
        description = _("An image across the text column, with a caption.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["alt"] = "" if value.get("decorative") else (value.get("alt_text") or "")
        return context

    def get_preview_value(self):
        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python(
            {
                "image": image.pk if image else None,
                "alt_text": image.title if image else "",
                "caption": image.title if image else "",
            }
        )


class KeyFigureBlock(blocks.StructBlock):
    """A number worth remembering: ``2,6`` ``трлн теңге`` «allocated to the road map»."""

    value = blocks.CharBlock(
        label=_("Value"), max_length=20,
        help_text=_("Written as readers of this language write numbers, e.g. 2,6 or 2.6."),
    )
    unit = blocks.CharBlock(
        label=_("Unit"), required=False, max_length=40,
        help_text=_("E.g. events, trillion tenge, %."),
    )
    label = blocks.CharBlock(label=_("Label"), max_length=200, help_text=_("What it counts."))

    class Meta:
        icon = "order"
        label = _("Key figure")


class KeyFiguresBlock(blocks.ListBlock):
    """Key figures of the article, shown together as a list of large numbers."""

    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "home/blocks/figures.html"
        description = _("A few large numbers with their units and what they count.")
        preview_value = [
            {"value": "113", "unit": pgettext_lazy("a unit after a number", "events"),
             "label": _("planned in the road map")},
            {"value": "24", "unit": _("indicators"), "label": _("to be achieved")},
        ]


class NewsBodyBlock(blocks.StreamBlock):
    """What an article is made of."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES,
        template="home/blocks/paragraph.html",
        description=_("Text with bold, italic, links and lists."),
        preview_value=format_lazy(
            "<p>{}</p>", _("The branch held a meeting with the residents of the district.")
        ),
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("A link to a video or post (YouTube, Vimeo, ...); it is shown in place."),
        description=_("A video or post from another site, shown in place."),
        template="home/blocks/embed.html",
        icon="media",
    )
    figures = KeyFiguresBlock()
    live_figures = LiveFiguresBlock()
    table = TableBlock(
        label=_("Table"),
        description=_("Rows and columns, with an optional header row."),
        table_options={"startRows": 3, "startCols": 2},
        preview_value={
            "first_row_is_table_header": True,
            "data": [[_("District"), _("Participants")], ["Talgar", "120"], ["Ili", "95"]],
        },
    )
