from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    label = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import segment_labels, signals
        from .stats import receivers as stats_receivers

        signals.connect()
        stats_receivers.connect()
        segment_labels.install()
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .textsearch.indexing import forget_languages

        post_save.connect(forget_languages, sender=Locale, dispatch_uid="textsearch-locales")
        post_delete.connect(forget_languages, sender=Locale, dispatch_uid="textsearch-locales-del")
