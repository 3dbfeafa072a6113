from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    # The admin logs in through allauth (rate limits, MFA); its own login form is never served.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="account_login", query_string=True)),
        name="admin_login_redirect",
    ),
    # Wagtail's front-end login for private pages is replaced by allauth's as well.
    path(
        "_util/login/",
        login_not_required(RedirectView.as_view(pattern_name="account_login", query_string=True)),
        name="frontend_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("partners.urls")),
    path("", include("training.urls")),
    path("", include("materials.urls")),
    path("", include("tools.urls")),
    path("", include("voice.urls")),
    path("", include("journeys.urls")),
    path("", include("recognition.urls")),
    path("gezond/", views.health, name="health"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.views.static import serve

    # Public media (images) in development; a customer opening a share link sees its thumbnail too.
    urlpatterns += static(settings.MEDIA_URL, login_not_required(serve), document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
