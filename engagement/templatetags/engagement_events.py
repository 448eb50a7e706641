"""Template tags for showing events: names in the reader's language, times at the venue."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from engagement import conf
from engagement.models.i18n import localized_name as _localized_name

register = template.Library()


@register.simple_tag
def localized_name(instance):
    """The name of a canonical project or place in the active language."""
    return _localized_name(instance)


@register.simple_tag
def event_time(value, format_name="DATETIME_FORMAT"):
    """An aware datetime as read on a clock at the venue (``ENGAGEMENT_EVENT_TIME_ZONE``)."""
    if not value:
        return ""
    return date_format(timezone.localtime(value, conf.event_time_zone()), format_name)
