"""The Content-Security-Policy: strict for every page people and customers see, relaxed for the Wagtail admin."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with `CSP_ADMIN_REPLACE` in force under the admin's prefixes.

    Wagtail's editor still writes inline scripts (panels, date widgets) and inline styles, and a nonce
    cannot be given to templates it owns, so only there do those directives allow inline code.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PREFIXES):
            parts.replace = {**settings.CSP_ADMIN_REPLACE, **(parts.replace or {})}
        return parts
