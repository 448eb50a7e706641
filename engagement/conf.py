"""The plugin's settings, each read from ``settings.ENGAGEMENT_<NAME>`` with a default.

Use ``from engagement.conf import engagement_settings`` and read
``engagement_settings.LEGACY_PAGE_MODEL``; the value is looked up on every access, so
``override_settings`` in tests works.
"""

from django.conf import settings

DEFAULTS = {
    #: The page model WordPress posts become (``"app_label.ModelName"``).
    "LEGACY_PAGE_MODEL": "home.NewsPage",
    #: Which fields of that model receive what. A role mapped to ``None``, or to a field the
    #: model does not have, is left out. ``body`` must be a StreamField.
    "LEGACY_FIELDS": {
        "body": "body",
        "date": "date",
        "lead": "lead",
        "hero_image": "hero_image",
        "tags": "tags",
    },
}


class EngagementSettings:
    """Attribute access to the plugin's settings with their defaults."""

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"No engagement setting named {name!r}")
        value = getattr(settings, f"ENGAGEMENT_{name}", DEFAULTS[name])
        if isinstance(DEFAULTS[name], dict):
            # A host overriding a few keys keeps the defaults of the others.
            value = {**DEFAULTS[name], **value}
        return value


engagement_settings = EngagementSettings()
