"""Ending sessions: allauth lists a person's sessions and ends the others; here they end all of them at once."""

from importlib import import_module

from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


def end_sessions(user):
    """End every session of this person, on every device.

    allauth records the sessions started since it was installed; older ones carry the user id only in their
    encoded data, so the session table is searched as well (a rare action, so a full scan is fine).
    """
    get_adapter().end_sessions(UserSession.objects.filter(user=user))
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return  # signed-cookie sessions cannot be reached from here
    store = store_class()
    for session in store_class.get_model_class().objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            store.delete(session.session_key)  # the cached_db store forgets its cache entry as well


@require_POST
def logout_everywhere(request):
    """End every session of this person, this one included: for a lost phone or a shared computer."""
    end_sessions(request.user)
    logout(request)
    messages.success(request, _("Je bent op alle apparaten uitgelogd."))
    return redirect("account_login")
