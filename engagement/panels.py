"""Editor panels of the plugin that show, rather than edit, something about the form."""

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from engagement.models import BREAKDOWN_FIELDS

#: The summary's sentences; ``engagement/event-form.js`` fills them in while the user types.
BREAKDOWN_SUMMARY = _(
    "Broken down: %(sum)s of %(total)s participants; not broken down: %(rest)s."
)
BREAKDOWN_SUMMARY_NO_TOTAL = _(
    "Broken down: %(sum)s; give the total number of participants first."
)
BREAKDOWN_OVER = _("The groups add up to %(sum)s, more than the %(total)s participants.")


def _count(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


class BreakdownSummaryPanel(Panel):
    """The running sum of the breakdown by group and the "not broken down" remainder.

    Rendered from the form's values (so it is right without a script, after a save or an
    error) and updated by ``engagement/event-form.js`` while the user types.
    """

    def __init__(self, total_field="participants", group_fields=BREAKDOWN_FIELDS, **kwargs):
        super().__init__(**kwargs)
        self.total_field = total_field
        self.group_fields = tuple(group_fields)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(total_field=self.total_field, group_fields=self.group_fields)
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "breakdown_summary"

    class BoundPanel(Panel.BoundPanel):
        template_name = "engagement/admin/panels/breakdown_summary.html"

        def value_of(self, name):
            if name not in self.form.fields:
                return None
            return _count(self.form[name].value())

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            total = self.value_of(self.panel.total_field)
            groups = [self.value_of(name) for name in self.panel.group_fields]
            broken_down = sum(value for value in groups if value is not None)
            numbers = {
                "sum": number_format(broken_down, force_grouping=True),
                "total": number_format(total, force_grouping=True) if total is not None else "",
                "rest": number_format(max((total or 0) - broken_down, 0), force_grouping=True),
            }
            if total is None:
                text = BREAKDOWN_SUMMARY_NO_TOTAL % numbers
            else:
                text = BREAKDOWN_SUMMARY % numbers
            context.update(
                summary=text,
                over=BREAKDOWN_OVER % numbers if total is not None and broken_down > total else "",
                templates={
                    "summary": BREAKDOWN_SUMMARY,
                    "no_total": BREAKDOWN_SUMMARY_NO_TOTAL,
                    "over": BREAKDOWN_OVER,
                },
                thousand_separator=get_format("THOUSAND_SEPARATOR"),
                total_field=self.panel.total_field,
                group_fields=" ".join(self.panel.group_fields),
            )
            return context
