"""The portal's URLs plus the ceiling of this stack: a logged-in view that renders nothing."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    """Passes every middleware the pages pass (session, person, language, CSP) and does no work of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/leeg/", trivial, name="bench_trivial"),
    path("", include("portal.urls")),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
