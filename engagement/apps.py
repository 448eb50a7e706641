from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    label = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import conf, segment_labels, signals
        from .stats import receivers as stats_receivers

        signals.connect()
        if conf.get("ENGAGEMENT_LOCALE_PER_REQUEST"):
            from . import locale_memo

            locale_memo.install()
        stats_receivers.connect()
        segment_labels.install()
