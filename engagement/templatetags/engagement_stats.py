"""Template tags for host sites: where the statistics page of the active language is."""

from django import template
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def statistics_page_url(context):
    """The URL of the live statistics page in the active language, or ``None``."""
    from engagement.models import StatisticsPage

    page = (
        StatisticsPage.objects.live()
        .filter(locale__language_code=translation.get_language())
        .first()
    )
    return page.get_url(context.get("request")) if page else None
