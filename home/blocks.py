"""The blocks of a news article's body.

Block names are a contract (the WordPress importer writes them): ``paragraph``, ``heading``
(a :class:`HeadingBlock`: ``text`` and ``level``), ``quote`` (``text``, ``attribution``),
``image`` (a :class:`CaptionedImageBlock`: ``image``, ``alt_text``, ``decorative``,
``caption``), ``gallery`` (the plugin's GalleryBlock), ``embed``, ``figures`` (a list of
``value``, ``unit``, ``label``), ``live_figures`` (the plugin's LiveFiguresBlock) and ``table``
(Wagtail's TableBlock, with a header row).
"""

import uuid

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from engagement.blocks import (
    GalleryBlock,
    GalleryItemBlock,
    LiveFiguresBlock,
    ProjectsBlock,
    UpcomingEventsBlock,
)

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


def _first_body_image_id(raw_blocks):
    """The id of the first image of a body's raw data (an image block or a gallery), or None."""
    for block in raw_blocks:
        value = block.get("value") or {}
        if block.get("type") == "image" and value.get("image"):
            return value["image"]
        if block.get("type") == "gallery":
            for item in value.get("images") or ():
                # A ListBlock item is {"type": "item", "value": {...}} (older data: the value).
                item = item.get("value", item) if isinstance(item, dict) else {}
                if item.get("image"):
                    return item["image"]
    return None


def article_pictures(articles):
    """``{article pk: image}``: each article's hero image, else the first image of its body.

    The body is read raw and the images fetched together: one query for all the articles
    (letting each body load its own blocks would cost a query per article).
    """
    pictures = {article.pk: article.hero_image for article in articles if article.hero_image_id}
    wanted = {
        article.pk: _first_body_image_id(article.body.raw_data)
        for article in articles if not article.hero_image_id
    }
    wanted = {pk: image_id for pk, image_id in wanted.items() if image_id}
    if wanted:
        images = get_image_model().objects.in_bulk(set(wanted.values()))
        pictures.update({pk: images[image_id] for pk, image_id in wanted.items()
                         if image_id in images})
    return pictures


class LatestNewsBlock(blocks.StructBlock):
    """The newest articles of the page's language, with their images."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=255, help_text=_("Empty: “Latest news”."),
    )
    count = blocks.IntegerBlock(label=_("Number of articles"), default=3, min_value=1,
                                max_value=12)

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "home/blocks/latest_news.html"
        description = _("The newest news articles, with their images and a link to all news.")
        preview_value = {"heading": "", "count": 3}

    def get_context(self, value, parent_context=None):
        from wagtail.models import Locale

        from engagement.images import prefetch_renditions

        from .models import NewsIndexPage, NewsPage

        context = super().get_context(value, parent_context=parent_context)
        locale = Locale.get_active()
        articles = list(
            NewsPage.objects.live().public().filter(locale=locale)
            .order_by("-date", "-pk").select_related("hero_image")
            [:value.get("count") or 3]
        )
        pictures = article_pictures(articles)
        # Every thumbnail of the block in one query (the template asks for exactly these).
        prefetch_renditions(pictures.values(), NewsPage.listing_image_specs)
        for article in articles:
            article.picture = pictures.get(article.pk)
        context["articles"] = articles
        context["block_id"] = f"front-news-{uuid.uuid4().hex[:8]}"
        context["news_index"] = NewsIndexPage.objects.live().filter(locale=locale).first()
        return context


class CallToActionBlock(blocks.StructBlock):
    """A short appeal with one link: join a project, come to an event, write to the branch."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=500)
    link_label = blocks.CharBlock(label=_("Link text"), max_length=80,
                                  help_text=_("What the reader does, e.g. “See the events”."))
    page = blocks.PageChooserBlock(label=_("Page"), required=False,
                                   help_text=_("A page of this site, or a web address below."))
    url = blocks.URLBlock(label=_("Web address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"
        description = _("A highlighted box with a short text and one link.")
        preview_value = {
            "heading": _("Take part"),
            "text": _("Come to an event of a party project near you."),
            "link_label": _("See the events"),
            "url": "https://example.com/",
        }

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(block_errors={
                "page": ValidationError(_("Choose a page or give an address."), code="link")
            })
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        # The chosen page in the reader's language when it is translated there.
        if page is not None:
            page = page.localized
        context["href"] = (page.url if page is not None and page.live else None) or value.get(
            "url"
        )
        return context


class HomeBodyBlock(blocks.StreamBlock):
    """What the front page is made of; editors arrange and repeat these freely."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"],
        template="home/blocks/paragraph.html",
        description=_("Text with bold, italic, links and lists."),
    )
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
    live_figures = LiveFiguresBlock()
    projects = ProjectsBlock()
    call_to_action = CallToActionBlock()
