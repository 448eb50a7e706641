from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    label = "engagement"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import conf, segment_labels, signals
        from .collation import register_sqlite_collations
        from .stats import receivers as stats_receivers

        # SQLite learns the ICU collation names PostgreSQL has (engagement.collation).
        connection_created.connect(
            register_sqlite_collations, dispatch_uid="engagement_sqlite_collations"
        )

        signals.connect()
        if conf.get("ENGAGEMENT_LOCALE_PER_REQUEST"):
            from . import locale_memo

            locale_memo.install()
        stats_receivers.connect()
        segment_labels.install()
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from .textsearch.indexing import forget_languages

        post_save.connect(forget_languages, sender=Locale, dispatch_uid="textsearch-locales")
        post_delete.connect(forget_languages, sender=Locale, dispatch_uid="textsearch-locales-del")
