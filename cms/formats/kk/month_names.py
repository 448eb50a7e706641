"""Kazakh month names in the "alt. month" context, lower-case as in running text.

Django's own Kazakh catalogue capitalises them ("Наурыз"); the project's catalogue in
``cms/locale/kk`` overrides them. Listing them here keeps ``makemessages`` from marking those
overrides obsolete. Nothing imports this module.
"""

from django.utils.translation import pgettext_lazy

MONTHS = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
