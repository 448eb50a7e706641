"""StreamField blocks the plugin provides to host sites (news pages, events)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register
from wagtail.blocks.struct_block import StructBlockAdapter, StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Filter

from .dates import DayBlock
from .images import prefetch_renditions


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


class GalleryShape(blocks.ChoiceBlock):
    """Whether thumbnails are cropped to the block's size or keep each image's shape in it."""

    choices = [
        ("crop", _("Cropped to the width and height")),
        ("fit", _("Whole image, within the width and height")),
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
    """An ordered set of images shown as thumbnails, optionally opening in a lightbox.

    Thumbnails are rendered as ``<picture>`` elements in AVIF, WebP and JPEG, cropped to the
    block's size; every rendition of the gallery is fetched in one query (see
    :meth:`rendition_specs`). With ``link = "lightbox"`` a native ``<dialog>`` shows the larger
    image (``engagement/gallery.js``); without JavaScript every thumbnail is a plain link to
    the larger image.
    """

    #: The thumbnail formats, in the order of the ``<source>`` elements.
    thumbnail_formats = "format-{avif,webp,jpeg}"
    #: The rendition a thumbnail links to (the lightbox shows it too).
    large_spec = "max-1600x1600"

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
    shape = GalleryShape(label=_("Thumbnail shape"), default="crop", required=False)
    caption = blocks.CharBlock(label=_("Caption of the gallery"), required=False, max_length=500,
                               default="")

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "engagement/blocks/gallery.html"
        description = _("Thumbnails of several images; a click opens the larger image.")

    def thumbnail_specs(self, value):
        """The spec strings of one thumbnail, exactly as the ``<picture>`` asks for them."""
        width = value.get("thumbnail_width") or 150
        height = value.get("thumbnail_height") or 150
        # "fit" keeps each image's aspect ratio within the box, as WordPress's medium size did.
        operation = "max" if value.get("shape") == "fit" else "fill"
        return Filter.expand_spec([self.thumbnail_formats, f"{operation}-{width}x{height}"])

    def rendition_specs(self, value):
        """Every rendition spec the gallery's template uses for each image."""
        specs = self.thumbnail_specs(value)
        if value.get("link") in ("lightbox", "image"):
            specs.append(self.large_spec)
        return specs

    def gallery_images(self, value):
        """The images of the gallery, in order, skipping items whose image was deleted."""
        return [item["image"] for item in value.get("images", []) if item.get("image")]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A host page may have prefetched these already (then this costs nothing).
        prefetch_renditions(self.gallery_images(value), self.rendition_specs(value))
        items = [
            {
                "image": item["image"],
                "alt": "" if item.get("decorative") else (item.get("alt_text") or ""),
                "caption": item.get("caption") or "",
            }
            for item in value.get("images", [])
            if item.get("image")
        ]
        context.update(
            {
                "items": items,
                # The element a nonced <style> sizes (no style attribute: see README, CSP).
                "gallery_id": f"eg-gallery-{uuid.uuid4().hex[:12]}",
                "thumbnail_specs": self.thumbnail_specs(value),
                "large_spec": self.large_spec,
            }
        )
        return context

    def get_preview_value(self):
        # Editors see the block with up to four images of their library, when there are any.
        images = list(get_image_model().objects.order_by("-created_at")[:4])
        return self.to_python(
            {
                "images": [
                    {"image": image.pk, "alt_text": image.title, "caption": image.title}
                    for image in images
                ],
                "thumbnail_width": 150,
                "thumbnail_height": 150,
                "link": "lightbox",
                "titles": "hover",
            }
        )


class GalleryBlockAdapter(StructBlockAdapter):
    """The GalleryBlock's editor: Wagtail's StructBlock form with an "Add several images"
    button that appends the images chosen (or uploaded) in Wagtail's image chooser, in the
    order they were ticked (``engagement/gallery-editor.js``).
    """

    js_constructor = "engagement.blocks.GalleryBlock"

    def js_args(self, block):
        name, child_blocks, meta = super().js_args(block)
        meta["addImages"] = {
            "label": _("Add several images"),
            "help": _(
                "Tick the images in the order they should appear, or upload one; they are "
                "added at the end of the list."
            ),
            "chooserUrl": reverse("wagtailimages_chooser:choose"),
        }
        return [name, child_blocks, meta]

    @cached_property
    def media(self):
        return super().media + forms.Media(
            js=[
                versioned_static("wagtailimages/js/image-chooser-modal.js"),
                versioned_static("engagement/gallery-editor.js"),
            ]
        )


register(GalleryBlockAdapter(), GalleryBlock)


def project_choices():
    """The canonical projects as ``(slug, name)``, named in the editor's language."""
    from engagement.stats.catalogue import Catalogue

    return [(entry.slug, entry.name) for entry in Catalogue().projects.values()]


def district_choices():
    """The districts and cities of regional significance as ``(slug, name)``."""
    from engagement.stats.catalogue import Catalogue

    return [(entry.slug, entry.name) for entry in Catalogue().districts.values()]


class LiveFiguresBlock(blocks.StructBlock):
    """The current number of events held and their participants, for the chosen projects,
    districts and period, from the statistics service (so always the figures of the
    statistics page). Projects and districts are stored by slug, the same in every language.
    """

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    projects = blocks.MultipleChoiceBlock(
        label=_("Projects"), choices=project_choices, required=False,
        help_text=_("None chosen: every project."),
    )
    districts = blocks.MultipleChoiceBlock(
        label=_("Districts and cities"), choices=district_choices, required=False,
        help_text=_("None chosen: the whole region."),
    )
    start_date = DayBlock(
        label=_("From"), required=False, help_text=_("Empty: from the first event.")
    )
    end_date = DayBlock(label=_("Until"), required=False, help_text=_("Empty: today."))

    class Meta:
        icon = "table"
        label = _("Live figures")
        template = "engagement/blocks/live_figures.html"
        description = _(
            "Events held and their participants, counted when the page is shown, for the "
            "projects, districts and period you choose."
        )
        preview_value = {"heading": _("Our results"), "projects": [], "districts": []}

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_date"), value.get("end_date")
        if start and end and end < start:
            raise StructBlockValidationError(block_errors={
                "end_date": ValidationError(
                    _("The period cannot end before it starts."), code="period"
                )
            })
        return value

    def query(self, value, catalogue):
        """The :class:`~engagement.stats.StatsQuery` of a block value (unknown slugs ignored).

        A value naming only projects or districts that no longer exist counts nothing rather
        than everything.
        """
        from engagement.stats import StatsQuery

        by_slug = {entry.slug: entry.pk for entry in catalogue.projects.values()}
        districts_by_slug = {entry.slug: entry.pk for entry in catalogue.districts.values()}
        projects = {by_slug[slug] for slug in value.get("projects") or () if slug in by_slug}
        districts = {
            districts_by_slug[slug] for slug in value.get("districts") or ()
            if slug in districts_by_slug
        }
        if value.get("projects") and not projects:
            projects = {0}
        if value.get("districts") and not districts:
            districts = {0}
        return StatsQuery(
            projects=frozenset(projects), districts=frozenset(districts),
            first_day=value.get("start_date"), last_day=value.get("end_date"),
        )

    def get_context(self, value, parent_context=None):
        from engagement.stats import get_statistics, presentation
        from engagement.stats.catalogue import Catalogue

        context = super().get_context(value, parent_context=parent_context)
        catalogue = Catalogue()
        statistics = get_statistics(self.query(value, catalogue))
        context.update({
            "total": statistics.total,
            "project_names": [
                catalogue.project(pk).name for pk in sorted(statistics.query.projects)
                if pk in catalogue.projects
            ],
            "district_names": [
                catalogue.place(pk).name for pk in sorted(statistics.query.districts)
                if pk in catalogue.districts
            ],
            "start_date": value.get("start_date"),
            "end_date": value.get("end_date"),
            "definition": presentation.PARTICIPANTS_DEFINITION,
        })
        return context



# The front-page blocks of the public events live with them; hosts import them from here.
from .public.blocks import ProjectsBlock, UpcomingEventsBlock  # noqa: E402, F401
