"""Template helpers of the public calendar (names from a request's catalogue)."""

from django import template

register = template.Library()


@register.filter
def place_name(catalogue, pk):
    """The name of the canonical place ``pk`` in the active language."""
    return catalogue.place(pk).name if pk else ""


@register.filter
def project_name(catalogue, pk):
    """The name of the canonical project ``pk`` in the active language."""
    return catalogue.project(pk).name if pk else ""
