"""Template helpers of the public calendar (names from a request's catalogue)."""

from django import template

register = template.Library()


@register.filter
def place_name(catalogue, pk):
    """The name of the canonical place ``pk`` in the active language."""
    return catalogue.place(pk).name if pk else ""


@register.simple_tag
def place_name_on(catalogue, pk, when):
    """The name of place ``pk`` for an event at ``when`` (a datetime): today's name, with the
    former one in parentheses for an event before the place was renamed."""
    if not pk:
        return ""
    from engagement.stats.counting import local_date

    return catalogue.place_name_on(pk, local_date(when) if when else None)


@register.filter
def project_name(catalogue, pk):
    """The name of the canonical project ``pk`` in the active language."""
    return catalogue.project(pk).name if pk else ""


@register.filter
def month_in_sentence(month):
    """A month as it reads inside a sentence («Следующий месяц: январь 2027 г.»)."""
    from engagement.stats.presentation import month_in_phrase

    return month_in_phrase(month, end=True) if month else ""
