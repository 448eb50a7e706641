"""Image helpers shared by the plugin's blocks and by host pages.

Wagtail fetches a rendition with one query per image unless the renditions were prefetched;
a 30-image gallery would then cost 30 queries. These helpers fetch every rendition a page or a
gallery needs in one query.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model


def has_prefetched_renditions(image):
    """True when ``image`` already carries prefetched renditions (then nothing is fetched)."""
    return "renditions" in getattr(image, "_prefetched_objects_cache", {}) or hasattr(
        image, "prefetched_renditions"
    )


def prefetch_renditions(images, specs):
    """Attach the existing renditions ``specs`` of all ``images`` to them, in one query.

    The spec strings must be exactly those the templates will ask for, in the same order of
    operations (``"format-avif|fill-150x150"`` for
    ``{% picture img format-{avif,webp,jpeg} fill-150x150 %}``): a spec that does not match is
    not found among the prefetched renditions and Wagtail creates it (once).

    Images that already have prefetched renditions are left alone, so a page may prefetch
    everything it shows and the blocks it renders then find their renditions in place.

    Args:
        images: image instances (``None`` entries and duplicates are allowed).
        specs: filter spec strings.

    Returns:
        The number of images whose renditions were fetched.
    """
    pending = [image for image in images if image is not None]
    pending = [image for image in pending if not has_prefetched_renditions(image)]
    if not pending or not specs:
        return 0
    rendition_model = get_image_model().get_rendition_model()
    queryset = rendition_model.objects.filter(filter_spec__in=sorted(set(specs)))
    prefetch_related_objects(pending, Prefetch("renditions", queryset=queryset))
    return len({image.pk for image in pending})
