"""Ending sessions: allauth lists a person's sessions and ends the others; here they end all of them at once."""

from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST


@require_POST
def logout_everywhere(request):
    """End every session of this person, this one included: for a lost phone or a shared computer."""
    for session in UserSession.objects.filter(user=request.user):
        session.end()
    logout(request)
    messages.success(request, _("Je bent op alle apparaten uitgelogd."))
    return redirect("account_login")
