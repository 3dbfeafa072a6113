import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
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


# Session keys: when this person logged in, and when the session was last renewed (Unix seconds).
LOGGED_IN_AT = "portal_logged_in_at"
SEEN_AT = "portal_seen_at"


def start_session_clock(request):
    """Called at login: the 12-hour lifetime and the idle clock start now."""
    now = int(time.time())
    request.session[LOGGED_IN_AT] = now
    request.session[SEEN_AT] = now


class SessionLifetimeMiddleware:
    """Logs out after `SESSION_IDLE_TIMEOUT` without a request or `SESSION_ABSOLUTE_LIFETIME` after login.

    Django alone renews a session for as long as it is used; a stolen or forgotten session would live
    for ever. Renewing at most once per `SESSION_RENEW_INTERVAL` keeps the idle limit within a minute
    while most requests write nothing; that renewal also stamps the session's "last active" in the
    list of sessions people see (allauth.usersessions).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            logged_in_at = session.setdefault(LOGGED_IN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            if now - seen_at > settings.SESSION_IDLE_TIMEOUT or now - logged_in_at > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in om verder te gaan."))
                return redirect_to_login(request.get_full_path())
            if now - seen_at >= settings.SESSION_RENEW_INTERVAL or SEEN_AT not in session:
                session[SEEN_AT] = now
                UserSession.objects.filter(session_key=session.session_key).update(last_seen_at=timezone.now())
        return self.get_response(request)


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
