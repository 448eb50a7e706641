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
    def record(cls, source, wp_id, wp_type, obj, fingerprint="", revision_id=None):
        """Create or update the mapping of ``wp_id`` to ``obj``."""
        mapping, _created = cls.objects.update_or_create(
            source=source,
            wp_id=wp_id,
            defaults={
                "wp_type": wp_type,
                "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=True),
                "object_id": obj.pk,
                "fingerprint": fingerprint,
                "revision_id": revision_id,
            },
        )
        return mapping
