from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Dutch unless the person chose otherwise: their account's choice, else their cookie.

    The browser's Accept-Language is deliberately ignored, so the portal speaks Dutch by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.chosen_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def chosen_language(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            return user.language
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        return cookie if cookie in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class AdminGateMiddleware:
    """The admin's front door: partner users are refused; the brand side needs two-factor login.

    Two-factor means this session proved a second factor, not merely that the account has one:
    a session that logged in with only a password is asked for a code first.
    Wagtail itself would send a logged-in user without admin access back to the login page, which
    allauth sends straight on to the admin again; a clear 403 ends that loop.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path_info.startswith("/admin/") and user.is_authenticated:
            if not user.requires_mfa:
                raise PermissionDenied
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                messages.warning(
                    request, _("Stel eerst tweestapsverificatie in. Daarna kun je de beheeromgeving gebruiken.")
                )
                return redirect("mfa_activate_totp")
            if not session_used_mfa(request):
                return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def session_used_mfa(request):
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))
