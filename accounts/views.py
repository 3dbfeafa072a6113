import json

from allauth.core.ratelimit import consume_or_429
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import personal_data
from .forms import DeleteAccountForm


@login_not_required
@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and, once logged in, on the account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def personal_data_response(user, filename):
    """The export as a JSON download that no browser or proxy keeps a copy of."""
    body = json.dumps(personal_data.export(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response


@require_GET
def my_data(request):
    """What the portal keeps about you, with the download and the way to delete the account."""
    return render(request, "accounts/my_data.html", {"sections": personal_data.sections()})


@require_GET
def my_data_download(request):
    """A GET: it only reads, so a plain link (no JavaScript, no form) downloads it."""
    return personal_data_response(request.user, f"mijn-gegevens-{timezone.localdate().isoformat()}.json")


@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Ask for the password and a confirmation (GET), then anonymise and log out (POST); wrong input changes nothing.

    Not allauth's @reauthentication_required: it lets through anyone who logged in during the last minutes
    without asking anything, and sends a POST away to its own page, losing the confirmation.
    """
    refusal = personal_data.LAST_SUPERUSER if personal_data.is_last_superuser(request.user) else None
    form = DeleteAccountForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        # Guessing the password through this form counts against the same limit as allauth's reauthentication.
        limited = consume_or_429(request, action="reauthenticate", user=request.user)
        if limited:
            return limited
        if form.is_valid():
            try:
                personal_data.anonymise(request.user)
            except personal_data.ErasureRefused as error:
                form.add_error(None, str(error))
            else:
                logout(request)
                return render(request, "accounts/account_deleted.html")
        status = 400
    return render(request, "accounts/delete_account.html", {"form": form, "refusal": refusal}, status=status)
