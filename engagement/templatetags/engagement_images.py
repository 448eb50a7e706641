"""Image tags whose filter specs are resolved at render time.

Wagtail's ``{% picture %}`` and ``{% image %}`` take their specs as literal template text; the
gallery's thumbnail size is a block value, so its specs are computed by the block
(:meth:`engagement.blocks.GalleryBlock.thumbnail_specs`) and rendered by these tags, which build
exactly the same ``Picture`` and renditions as Wagtail's own tags.
"""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found

register = template.Library()


@register.simple_tag
def picture_for(image, specs, **attrs):
    """``{% picture_for image specs alt="..." loading="lazy" %}``: ``{% picture %}`` with specs
    given as a list of spec strings (``["format-avif|fill-150x150", ...]``)."""
    if not image:
        return ""
    return Picture(get_renditions_or_not_found(image, specs), attrs).__html__()


@register.simple_tag
def rendition_for(image, spec):
    """``{% rendition_for image spec as large %}``: the rendition of ``image`` for ``spec``."""
    if not image:
        return None
    return get_rendition_or_not_found(image, spec)
