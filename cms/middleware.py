"""Security headers: the Content-Security-Policy of the site and of the admin, and a
Permissions-Policy.

django-csp's ``CSPMiddleware`` sends ``CONTENT_SECURITY_POLICY``. Public pages get it as it
is: scripts and styles from the site only, inline ones only with the request's nonce
(``{{ request.csp_nonce }}``). Wagtail's admin writes inline ``<script>`` elements (date
pickers, inline panels, wagtail-localize's editors) and ``style`` attributes that no nonce can
cover, so paths under the admin get ``ADMIN_CONTENT_SECURITY_POLICY`` instead, which allows
inline scripts and styles there and is as strict as the public one in everything else. No
nonce goes into the admin's header: a nonce would make browsers ignore ``'unsafe-inline'``.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


def _admin_prefix():
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy under the admin's URL."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not request.path_info.startswith(_admin_prefix()):
            return parts
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if not admin_policy:
            return parts
        return PolicyParts(
            config=admin_policy["DIRECTIVES"], update=parts.update, replace=parts.replace,
            nonce=None,
        )


class PermissionsPolicyMiddleware:
    """Send ``PERMISSIONS_POLICY`` (feature → allow list) as the ``Permissions-Policy`` header,
    e.g. ``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
