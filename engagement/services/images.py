"""What Wagtail's image field leaves unchecked: every frame's pixels, and pixels that decode.

Wagtail counts an animation's frames against ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` through Willow,
whose Pillow plugin reports one frame for any GIF: a 1000 × 1000 GIF of 200 frames (200 million
pixels to decode for every rendition) passes. Willow reads only the header, so a JPEG cut off
halfway passes too and fails later, in every rendition of it. :func:`check_image_content` reads
the file with Pillow, counts every frame and decodes the first one (JPEGs at an eighth of their
size, which still reads the whole stream). :class:`engagement.forms.CheckedImageField` calls it,
in the admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``) and in the WordPress importer.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField

#: Formats Pillow does not read; Willow checks them its own way.
UNCHECKED_FORMATS = frozenset({"svg"})


def _messages():
    # Wagtail's own wording (and its translations) for the same refusals.
    return WagtailImageField().error_messages


def max_image_pixels():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)


def check_image_content(file, format_name=""):
    """Raise :class:`ValidationError` unless every frame fits the limit and the pixels decode.

    Args:
        file: an open binary file (an upload or a file on disk); its position is restored to 0.
        format_name: Willow's name of the format, when known (``"svg"`` is not checked here).

    The codes are Wagtail's: ``file_too_many_pixels`` and ``invalid_image``.
    """
    if format_name in UNCHECKED_FORMATS:
        return
    limit = max_image_pixels()
    try:
        file.seek(0)
        with PILImage.open(file) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1) or 1
            if limit is not None and width * height * frames > limit:
                raise ValidationError(
                    _messages()["file_too_many_pixels"]
                    % {"num_pixels": width * height * frames, "max_pixels_count": limit},
                    code="file_too_many_pixels",
                )
            if image.format == "JPEG":
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
            image.load()
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise ValidationError(_messages()["invalid_image"], code="invalid_image") from error
    finally:
        file.seek(0)
