"""Convert shortcodes already sitting in the rich text of existing pages (``convert_shortcodes``).

Pages filled by hand from the old site, or imported before the importer knew a shortcode, keep
text like ``[su_custom_gallery source=»media: 34077,34076″ …]`` in a paragraph block. Each such
paragraph is converted exactly as the importer converts a post body and replaced, in place, by
the blocks it becomes; attachment ids are found through the importer's records
(:class:`~engagement.legacy.models.LegacyObject`).
"""

from collections import Counter

from django.apps import apps
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from . import content
from .models import LegacyObject
from .report import warning_message
from .stream import ImageOutcome, StreamBuilder


class MappedImages:
    """Finds the image an attachment id became, through the importer's records.

    Args:
        source: only use records of this WordPress site; needed when several sites were
            imported and their ids overlap.
    """

    def __init__(self, source=None):
        self.source = source
        self.cache = {}
        self.Image = get_image_model()

    def for_id(self, wp_id):
        if wp_id not in self.cache:
            self.cache[wp_id] = self._find(wp_id)
        return self.cache[wp_id]

    def for_image(self, node):
        if node.wp_id is None:
            return ImageOutcome(code="external_image")
        return self.for_id(node.wp_id)

    def _find(self, wp_id):
        records = LegacyObject.objects.filter(wp_id=wp_id, wp_type="attachment")
        if self.source:
            records = records.filter(source=self.source)
        records = list(records[:2])
        if len(records) != 1:
            return ImageOutcome(
                code="missing_attachment" if not records else "ambiguous_attachment",
                wp_id=wp_id,
            )
        image = self.Image.objects.filter(pk=records[0].object_id).first()
        if image is None:
            return ImageOutcome(code="missing_attachment", wp_id=wp_id)
        return ImageOutcome(image_id=image.pk, alt=image.description, wp_id=wp_id)


def stream_fields(model):
    return [field for field in model._meta.get_fields() if isinstance(field, StreamField)]


def page_models_with_streams():
    """Concrete page models that have at least one StreamField."""
    return [
        model for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and stream_fields(model)
    ]


class ShortcodeRewriter:
    """Rewrites paragraphs holding shortcodes into the blocks they stand for.

    Args:
        dry_run: work everything out, save nothing.
        user: recorded on the new revisions.
        source: passed to :class:`MappedImages`.
    """

    def __init__(self, *, dry_run=False, user=None, source=None):
        self.dry_run = dry_run
        self.user = user
        self.images = MappedImages(source)
        self.totals = Counter()
        self.warnings = Counter()
        self.unhandled = Counter()
        self.changed = []

    def pages(self):
        """Every page that may hold shortcodes, newest draft content included."""
        for model in page_models_with_streams():
            yield from model.objects.filter(depth__gt=1).order_by("pk").iterator(chunk_size=200)

    def rewrite_page(self, page):
        """Convert one page; return the number of paragraphs rewritten."""
        self.totals["pages"] += 1
        # A live page without pending changes is republished; otherwise only a draft is saved,
        # so an editor's unpublished work is neither published nor lost.
        publish = page.live and not page.has_unpublished_changes
        editable = page if publish else page.get_latest_revision_as_object()
        rewritten = 0
        for field in stream_fields(type(page)):
            value = getattr(editable, field.name)
            new_data, count = self._rewrite_stream(field.stream_block, value)
            if count:
                setattr(editable, field.name, new_data)
                rewritten += count
        if not rewritten:
            return 0
        self.totals["pages_changed"] += 1
        self.totals["paragraphs"] += rewritten
        self.changed.append(page)
        if not self.dry_run:
            revision = editable.save_revision(user=self.user, log_action=True)
            if publish:
                revision.publish(user=self.user)
        return rewritten

    def _rewrite_stream(self, stream_block, value):
        builder = StreamBuilder(stream_block, self.images.for_image, self.images.for_id)
        data = []
        count = 0
        for child in value:
            raw = {"type": child.block_type, "value": child.block.get_prep_value(child.value),
                   "id": child.id}
            if not isinstance(child.block, blocks.RichTextBlock):
                data.append(raw)
                continue
            source = child.value.source
            conversion = content.convert_rich_text(source) if "[" in source else None
            if conversion is None or not conversion.shortcodes:
                data.append(raw)
                continue
            items, galleries = builder.build(conversion)
            data.extend(items)
            count += 1
            self.totals["galleries"] += sum(1 for gallery in galleries if gallery["image_ids"])
            self.warnings.update(warning.code for warning in conversion.warnings)
            self.unhandled.update(conversion.unhandled)
        return data, count

    def summary_lines(self):
        """The summary a person reads at the end, one line per fact."""
        lines = [
            _("%(pages)d pages read, %(changed)d changed, %(paragraphs)d paragraphs rewritten, "
              "%(galleries)d galleries made")
            % {
                "pages": self.totals["pages"], "changed": self.totals["pages_changed"],
                "paragraphs": self.totals["paragraphs"], "galleries": self.totals["galleries"],
            }
        ]
        for code, count in sorted(self.warnings.items()):
            lines.append(f"  {count} × {code}: {warning_message(code)}")
        for name, count in sorted(self.unhandled.items()):
            lines.append(
                _("  %(count)d × [%(name)s] (unhandled shortcode)")
                % {"count": count, "name": name}
            )
        return [str(line) for line in lines]
