from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def keep_typed_dates():
    return format_html('<script src="{}"></script>', static("home/js/admin-dates.js"))
