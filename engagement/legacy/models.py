"""Which WordPress item became which Wagtail object: what makes a second import idempotent."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyObject(models.Model):
    """One imported WordPress item (post or attachment) and the object it became.

    WordPress ids are unique within one site's ``wp_posts`` table, so ``source`` (the exporting
    site, e.g. ``old.example.kz``) and ``wp_id`` identify an item across exports.
    """

    source = models.CharField(_("WordPress site"), max_length=255)
    wp_id = models.PositiveBigIntegerField(_("WordPress id"))
    wp_type = models.CharField(_("WordPress post type"), max_length=40)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    #: A digest of the WordPress item as last imported; a change means the item was edited.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    #: The page revision the importer last wrote; a newer one means an editor changed the page.
    revision_id = models.PositiveBigIntegerField(_("revision id"), null=True, blank=True)
    #: Whether the object's search and reference index rows were written. The importer writes
    #: them for all its objects at the end of a run; a run killed before leaves this false, and
    #: the next run indexes the object even though it finds it unchanged.
    indexed = models.BooleanField(_("indexed"), default=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "wp_id"], name="engagement_legacyobject_unique_wp_id"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.source} #{self.wp_id} ({self.wp_type})"

    @classmethod
    def lookup(cls, source, wp_ids):
        """``{wp_id: LegacyObject}`` for the given ids of one site."""
        return {obj.wp_id: obj for obj in cls.objects.filter(source=source, wp_id__in=wp_ids)}

    @classmethod
    def record(cls, source, wp_id, wp_type, obj, fingerprint="", revision_id=None, indexed=True,
               existing=None, new=False):
        """Create or update the mapping of ``wp_id`` to ``obj``.

        Args:
            existing: the mapping of ``wp_id`` as read earlier in the run, if any.
            new: the caller knows there is none (an object it has just created).
            Without either, the table is asked (one more query).
        """
        values = {
            "wp_type": wp_type,
            "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=True),
            "object_id": obj.pk,
            "fingerprint": fingerprint,
            "revision_id": revision_id,
            "indexed": indexed,
        }
        if new and existing is None:
            return cls.objects.create(source=source, wp_id=wp_id, **values)
        if existing is None:
            mapping, _created = cls.objects.update_or_create(
                source=source, wp_id=wp_id, defaults=values
            )
            return mapping
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return existing

    @classmethod
    def mark_indexed(cls, source, groups):
        """Record that the objects of ``groups`` (``{model: [objects]}``) are indexed."""
        for model, objects in groups.items():
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
            ids = [obj.pk for obj in objects]
            for start in range(0, len(ids), 500):
                cls.objects.filter(
                    source=source, content_type=content_type, object_id__in=ids[start:start + 500],
                    indexed=False,
                ).update(indexed=True)
