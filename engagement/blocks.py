"""StreamField blocks the plugin provides to host sites (news pages, events)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock


class GalleryLink(blocks.ChoiceBlock):
    """What a click on a thumbnail does."""

    choices = [
        ("lightbox", _("Open a larger image in a lightbox")),
        ("image", _("Link to the larger image")),
        ("none", _("No link")),
    ]


class GalleryTitles(blocks.ChoiceBlock):
    """When a thumbnail's caption is shown."""

    choices = [
        ("never", _("Never")),
        ("hover", _("On hover and focus")),
        ("always", _("Always")),
    ]


class GalleryItemBlock(blocks.StructBlock):
    """One gallery image with its own alt text and caption (both translated, the image shared)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        required=False,
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        default=False,
        help_text=_("Tick only if the image adds nothing to the text; it then gets an empty alt."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("decorative") and not value.get("alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image, or mark it as decorative."), code="alt_required"
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Gallery image")


class GalleryBlock(blocks.StructBlock):
    """An ordered set of images shown as thumbnails, optionally opening in a lightbox."""

    images = blocks.ListBlock(GalleryItemBlock(), label=_("Images"), min_num=1)
    thumbnail_width = blocks.IntegerBlock(
        label=_("Thumbnail width"), default=150, min_value=16, max_value=1200,
        help_text=_("In pixels. Thumbnails are cropped to this size."),
    )
    thumbnail_height = blocks.IntegerBlock(
        label=_("Thumbnail height"), default=150, min_value=16, max_value=1200,
        help_text=_("In pixels."),
    )
    link = GalleryLink(label=_("Link"), default="lightbox")
    titles = GalleryTitles(label=_("Captions on thumbnails"), default="never")

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "engagement/blocks/gallery.html"
        description = _("Thumbnails of several images; a click opens the larger image.")
