"""Labels that Wagtail 8 leaves to Django's English default, given in the user's language.

A form field without a ``label`` shows its name made pretty ("Locale", "Link text", "Page",
"Content types") in every language, and an empty value in the inspect view shows Python's
``None``; wagtail-localize dates a translated string "1 December 2026" in every language; a
listing's count reads "18 іс-шаралар", where Kazakh keeps the noun after a numeral
singular («18 іс-шара»). :func:`translate_unlabelled_admin_fields` (called from ``home.apps``)
gives those fields lazy, translated labels and counts a Kazakh listing in the singular.

The catalogue of Wagtail's admin strings in Kazakh is ``cms/wagtail_admin/locale/kk``.
Templates with English typed into them are overridden in ``templates/wagtailadmin`` (one
string each, checked against Wagtail's own copy by ``tests/test_admin_in_kazakh.py``).
"""

import functools

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


def translate_unlabelled_admin_fields():
    from wagtail.admin.forms import auth, choosers, workflows
    from wagtail.admin.paginator import WagtailPaginator
    from wagtail.admin.views.generic.models import InspectView
    from wagtail_localize.models import StringTranslation

    for form in (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ):
        form.base_fields["link_text"].label = _("Link text")
    # Wagtail's login form declares its password field anew, without Django's label.
    auth.LoginForm.base_fields["password"].label = _("Password")
    workflows.WorkflowPageForm.base_fields["page"].label = _("Page")
    workflows.WorkflowContentTypeForm.base_fields["content_types"].label = _("Content types")

    # The choosers' locale filter is added per instance, without a label.
    original_init = choosers.LocaleFilterMixin.__init__

    @functools.wraps(original_init)
    def init_with_label(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = _("Locale")

    choosers.LocaleFilterMixin.__init__ = init_with_label

    # An empty value reads "-" (as an empty relation already does), not "None".
    original_display_value = InspectView.get_field_display_value

    @functools.wraps(original_display_value)
    def display_value(self, field_name, field):
        value = original_display_value(self, field_name, field)
        return "-" if value is None else value

    InspectView.get_field_display_value = display_value

    # "18 іс-шара": after a numeral a Kazakh noun is singular (Wagtail adds the plural name).
    def items_count_label(self):
        singular = self.count == 1 or (get_language() or "").split("-")[0] == "kk"
        name = self.verbose_name if singular else self.verbose_name_plural
        return f"{self.count} {name}"

    label = cached_property(items_count_label)
    label.__set_name__(WagtailPaginator, "items_count_label")
    WagtailPaginator.items_count_label = label

    # "Translated manually on 2026 ж. 1 желтоқсан": the date as the user's language writes it.
    def get_comment(self):
        date = date_format(timezone.localtime(self.updated_at), "DATE_FORMAT")
        if self.tool_name:
            return gettext("Translated with {tool_name} on {date}").format(
                tool_name=self.tool_name, date=date
            )
        if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
            return gettext("Translated manually on {date}").format(date=date)
        if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
            return gettext("Machine translated on {date}").format(date=date)
        return None

    StringTranslation.get_comment = get_comment


def relabel_menu_items(items):
    """Give menu items whose label Wagtail fixes once per process their label in the language
    of this request.

    Wagtail builds its menus' items once, at the first admin request of the process: a label
    formatted there (wagtail-localize's "Translations" report, "What's new in Wagtail 8.0")
    stays in the language of whoever came first. Each such item is replaced in this request's
    list by a copy with a freshly translated label (the shared item is left alone).
    """
    import copy

    from wagtail.utils.version import get_main_version
    from wagtail_localize.wagtail_hooks import TranslationsReportMenuItem

    version = get_main_version(include_patch=False)  # as Wagtail names its item
    for index, item in enumerate(items):
        if isinstance(item, TranslationsReportMenuItem):
            label = gettext("Translations")
        elif item.name == f"whats-new-in-wagtail-{version}":
            label = gettext("What's new in Wagtail %(version)s") % {"version": version}
        else:
            continue
        items[index] = copy.copy(item)
        items[index].label = label
