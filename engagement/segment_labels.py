"""Readable labels for gallery segments in wagtail-localize's translation editor.

wagtail-localize labels a segment inside a StreamField struct block with the label of the
block's first child on the path (``get_segment_location_info``), so every alt text and caption
of a gallery reads "Images", with nothing to tell one image from another. It offers no hook
for this, so :func:`install` (called from ``EngagementConfig.ready``) wraps that function: a
segment inside a :class:`~engagement.blocks.GalleryBlock`'s list of images is labelled with
the field and the image's position, "Alt text of image 2", "Caption of image 2", "Image 2"
(the image itself, a synchronised value). Every other segment keeps wagtail-localize's label.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import StreamField

from engagement.blocks import GalleryBlock

#: The label of each translatable child of a gallery image, by child block name.
GALLERY_ITEM_LABELS = {
    "image": _("Image %(number)s"),
    "alt_text": _("Alt text of image %(number)s"),
    "caption": _("Caption of image %(number)s"),
}


def _gallery_item_label(value, path):
    # ``path`` is what follows the gallery: ["images", item id, child name].
    if len(path) != 3 or path[0] != "images" or path[2] not in GALLERY_ITEM_LABELS:
        return None
    ids = [child.id for child in value["images"].bound_blocks]
    if path[1] not in ids:
        return None
    return GALLERY_ITEM_LABELS[path[2]] % {"number": ids.index(path[1]) + 1}


def gallery_segment_label(instance, content_path):
    """The label of the segment at ``content_path`` of ``instance`` if it belongs to a gallery.

    Args:
        instance: the translation's source object (a page or snippet).
        content_path: wagtail-localize's path of the segment, such as
            ``"body.<block id>.images.<item id>.alt_text"``.

    Returns:
        The label in the active language, or ``None`` for a segment outside a gallery (or a
        path that no longer matches the content).
    """
    field_name, *path = content_path.split(".")
    try:
        field = instance._meta.get_field(field_name)
    except FieldDoesNotExist:
        return None
    if not isinstance(field, StreamField):
        return None
    block, value = field.stream_block, field.value_from_object(instance)
    try:
        while path:
            if isinstance(block, GalleryBlock):
                return _gallery_item_label(value, path)
            step, *path = path
            if isinstance(block, blocks.StreamBlock):
                child = next((child for child in value if child.id == step), None)
                if child is None:
                    return None
                block, value = child.block, child.value
            elif isinstance(block, blocks.StructBlock):
                block, value = block.child_blocks[step], value[step]
            elif isinstance(block, blocks.ListBlock):
                child = next((child for child in value.bound_blocks if child.id == step), None)
                if child is None:
                    return None
                block, value = block.child_block, child.value
            else:
                return None
    except (AttributeError, KeyError, TypeError):
        # Content that does not have the shape its blocks describe: keep wagtail-localize's
        # own label rather than fail the editor.
        return None
    return None


def install():
    """Make wagtail-localize's translation editor use :func:`gallery_segment_label`."""
    try:
        from wagtail_localize.views import edit_translation
    except ImportError:  # pragma: no cover - wagtail-localize is optional for the plugin
        return
    original = edit_translation.get_segment_location_info
    if getattr(original, "labels_gallery_segments", False):
        return

    @functools.wraps(original)
    def get_segment_location_info(source_instance, tab_helper, content_path, field_path,
                                  widget=False):
        info = original(source_instance, tab_helper, content_path, field_path, widget=widget)
        label = gallery_segment_label(source_instance, content_path)
        if label is not None:
            info["subField"] = label
        return info

    get_segment_location_info.labels_gallery_segments = True
    edit_translation.get_segment_location_info = get_segment_location_info
