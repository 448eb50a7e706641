from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every date and date-time field of a Wagtail admin form (the news date, a place's
        # transfer date, a page's go-live time, ...) reads "28.11.2026" and "28.11.2026 10:00"
        # (and ISO) in any admin language, shows that format as a hint, and refuses what it
        # cannot read instead of letting the picker replace it.
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from engagement.dates import DayField, DayInput, DayTimeField, DayTimeInput
        from home.admin_i18n import translate_unlabelled_admin_fields

        register_form_field_override(
            models.DateField, override={"form_class": DayField, "widget": DayInput}
        )
        register_form_field_override(
            models.DateTimeField, override={"form_class": DayTimeField, "widget": DayTimeInput}
        )
        # Labels that Wagtail leaves in English in every language (home/admin_i18n.py).
        translate_unlabelled_admin_fields()
        # A topic added to a translated article gets its copies (home/topic_receivers.py).
        from home import topic_receivers  # noqa: F401
