"""The admin page "Import events": upload, preview with every row's outcome, confirm; the
template to download; and the record of imports for administrators."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from engagement import conf
from engagement.imports import columns, service
from engagement.imports.template import template_workbook
from engagement.models import EventImport, ImportStatus

#: How many problems and outcomes a preview lists (the counts always cover every row).
SHOWN_ERRORS = 500
SHOWN_OUTCOMES = 200


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("CSV in UTF-8 (separated by commas or semicolons) or XLSX, with the "
                    "headings of the template in Kazakh, Russian or English."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _can_see_all_imports(user):
    return user.is_active and user.is_superuser


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "engagement/admin/import_events.html"
    page_title = _("Import events")
    header_icon = "upload"
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        if not service.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        context["template_url"] = reverse("engagement_import:template")
        context["history_url"] = (
            reverse("engagement_import:history")
            if _can_see_all_imports(self.request.user) else None
        )
        # "20 000": grouped as the reader's language groups digits.
        context["max_rows"] = number_format(conf.import_max_rows(), force_grouping=True)
        context["max_megabytes"] = conf.import_max_bytes() // 1_000_000
        context["recent"] = EventImport.objects.filter(
            user=self.request.user, status=ImportStatus.SAVED
        )[:5]
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        if upload.size > conf.import_max_bytes():
            # Refused before reading it into memory.
            preview = service.Preview(file_name=upload.name, file_hash="")
            preview.refused = str(_(
                "The file is larger than %(max)s MB; split it into several files."
            ) % {"max": conf.import_max_bytes() // 1_000_000})
        else:
            preview = service.preview(upload.name, upload.read(), request.user)
        outcomes = preview.plan.outcomes if preview.plan else []
        return self.render_to_response(self.get_context_data(
            preview=preview,
            errors=[_shown_error(error) for error in preview.errors[:SHOWN_ERRORS]],
            more_errors=max(0, len(preview.errors) - SHOWN_ERRORS),
            outcomes=[(row, title, _OUTCOMES[outcome]) for row, title, outcome in
                      outcomes[:SHOWN_OUTCOMES]],
            more_outcomes=max(0, len(outcomes) - SHOWN_OUTCOMES),
        ))

    def confirm(self, request):
        record = get_object_or_404(
            EventImport, pk=request.POST.get("import") or 0, user=request.user
        ) if str(request.POST.get("import", "")).isdigit() else None
        if record is None:
            messages.error(request, _("This preview no longer exists: upload the file again."))
            return redirect("engagement_import:index")
        try:
            record = service.confirm(record, request.user, request.POST.get("file_hash", ""))
        except service.ImportRefused as error:
            messages.error(request, error.message)
            return redirect("engagement_import:index")
        messages.success(request, _(
            "Imported “%(file)s”: %(created)s events created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        ) % {"file": record.file_name, "created": record.created, "updated": record.updated,
             "unchanged": record.unchanged})
        return redirect("engagement_import:index")


def _shown_error(error):
    return {
        "row": error.row, "column": error.column, "value": error.value,
        "message": error.message,
        "column_label": columns.label(error.column) if error.column else "",
    }


_OUTCOMES = {
    "create": _("will be created"),
    "update": _("will be updated"),
    "unchanged": _("unchanged"),
}


def template_download(request):
    if not service.can_import(request.user):
        raise PermissionDenied
    response = HttpResponse(
        template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="events-template.xlsx"'
    return response


class ImportHistoryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "engagement/admin/import_history.html"
    page_title = _("Event imports")
    header_icon = "history"
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        if not _can_see_all_imports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("engagement_import:index"), "label": _("Import events")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["imports"] = EventImport.objects.filter(
            status=ImportStatus.SAVED
        ).select_related("user")[:200]
        return context


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return service.can_import(request.user)


class ImportViewSet(ViewSet):
    """Engagement → Import events."""

    name = "engagement_import"
    url_prefix = "engagement/import"
    icon = "upload"
    menu_label = _("Import events")
    menu_name = "import-events"
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", ImportView.as_view(), name="index"),
            path("template.xlsx", template_download, name="template"),
            path("history/", ImportHistoryView.as_view(), name="history"),
        ]


def register_import_log_action(actions):
    """``register_log_actions`` hook: an imported event's history names the import."""
    from wagtail.log_actions import LogFormatter

    @actions.register_action("engagement.import")
    class ImportFormatter(LogFormatter):
        label = _("Import from a spreadsheet")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Imported from “%(file)s” (import no. %(import)s)") % {
                "file": data.get("file_name", ""), "import": data.get("import", "")}
