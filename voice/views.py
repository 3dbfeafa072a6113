"""The teksttoets for partners (a page that works without JavaScript), its API keys, and the JSON API."""

import json
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Site

from partners.access import current_membership, get_for_my_partner, manager_required, member_or_brand_required
from partners.audience import sees_everything

from .forms import ApiTokenForm, TextCheckForm, grouped
from .highlight import line_and_column, marked
from .messages import message, report_data
from .models import ApiToken, TextCheck
from .rules import address_settings, check, form_for_partner, partner_forms
from .usage import record_check

SHOW_ONCE_SESSION_KEY = "voice:new-token"
FORMS = ("u", "jij", "auto")


def _partner(request):
    membership = getattr(request, "membership", None)
    return membership.partner if membership else None


@require_http_methods(["GET", "HEAD", "POST"])
@member_or_brand_required
def text_check(request):
    """Paste a text, pick the form, see every outlier marked in place and listed with a suggestion."""
    partner = _partner(request)
    address = address_settings(Site.find_for_request(request))
    my_form, my_forms = partner_forms(address, partner)
    context = {"my_form": my_form, "my_forms": my_forms, "address_settings": address}
    if request.method != "POST":
        context["form"] = TextCheckForm(initial={"form": my_form})
        return render(request, "voice/text_check.html", context)
    form = TextCheckForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "voice/text_check.html", context, status=HTTPStatus.BAD_REQUEST)
    text, chosen = form.cleaned_data["text"], form.cleaned_data["form"]
    report = check(text, chosen, address)
    record_check(report, text, via=TextCheck.Via.PAGE, partner=partner, user=request.user)
    context.update(
        report=report,
        segments=marked(text, report.findings),
        findings=[
            {
                "number": number,
                "finding": finding,
                "message": message(finding),
                "at": line_and_column(text, finding.start),
            }
            for number, finding in enumerate(report.findings, start=1)
        ],
    )
    return render(request, "voice/text_check.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@manager_required
def tokens(request):
    """A manager's API keys: make one (shown once), see when each was last used, revoke."""
    partner = request.membership.partner
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            token, raw = ApiToken.issue(partner, request.user, form.cleaned_data["name"])
            request.session[SHOW_ONCE_SESSION_KEY] = {"id": token.pk, "key": raw}
            return redirect("voice:tokens")
        status = HTTPStatus.BAD_REQUEST
    else:
        status = HTTPStatus.OK
    new = request.session.pop(SHOW_ONCE_SESSION_KEY, None)
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(partner=partner).select_related("created_by"),
        "new_key": new["key"] if new else "",
        "rate": rate_text(settings.VOICE_API_RATE),
    }
    return render(request, "voice/tokens.html", context, status=status)


@require_POST
@manager_required
def revoke_token(request, pk):
    token = get_for_my_partner(ApiToken.objects.all(), request, pk=pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        messages.success(
            request, _("De sleutel ‘%(name)s’ is ingetrokken; hij werkt niet meer.") % {"name": token.name}
        )
    return redirect("voice:tokens")


def rate_text(rate):
    """django-ratelimit's "60/m" as people read it: "60 per minuut"."""
    count, _slash, period = rate.partition("/")
    units = {"s": _("per seconde"), "m": _("per minuut"), "h": _("per uur"), "d": _("per dag")}
    unit = units.get(period[-1:]) if period[:-1] in ("", "1") else None
    return f"{count} {unit}" if unit else rate


def _error(text, status, **headers):
    return JsonResponse({"error": text}, status=status, headers=headers or None)


def _api_caller(request):
    """(partner, user, token) of whoever asks, or an error response: a key in the header, else the session."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _space, raw = header.partition(" ")
        token = ApiToken.find(raw.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            return _error(_("Deze API-sleutel is onbekend of ingetrokken."), HTTPStatus.UNAUTHORIZED)
        return token.partner, None, token
    user = request.user
    if not user.is_authenticated:
        return _error(
            _("Log in, of stuur een API-sleutel mee in de kop ‘Authorization: Bearer …’."), HTTPStatus.UNAUTHORIZED
        )
    # A logged-in browser must prove the request comes from the portal's own pages.
    if CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is not None:
        return _error(_("De CSRF-controle is mislukt; laad de pagina opnieuw."), HTTPStatus.FORBIDDEN)
    membership = current_membership(user)
    if membership is None and not sees_everything(user):
        return _error(_("Je account hoort niet bij een partner."), HTTPStatus.FORBIDDEN)
    if membership is not None and not membership.partner.is_active:
        return _error(_("Dit partneraccount is gedeactiveerd."), HTTPStatus.FORBIDDEN)
    return (membership.partner if membership else None), user, None


def _api_input(request, address, partner):
    """(text, form) from the JSON body, or an error response with a Dutch message."""
    try:
        data = json.loads(request.body)
    except RequestDataTooBig:
        limit = grouped(settings.VOICE_MAX_TEXT_LENGTH)
        return _error(
            _("De inhoud is veel te groot; de API neemt hoogstens %(limit)s tekens.") % {"limit": limit},
            HTTPStatus.BAD_REQUEST,
        )
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # RecursionError: JSON nested too deeply
        return _error(_("De inhoud is geen geldige JSON."), HTTPStatus.BAD_REQUEST)
    if not isinstance(data, dict):
        return _error(_('Stuur een JSON-object, zoals {"text": "...", "form": "u"}.'), HTTPStatus.BAD_REQUEST)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return _error(_("Het veld ‘text’ ontbreekt of is leeg; het moet een tekst zijn."), HTTPStatus.BAD_REQUEST)
    limit = settings.VOICE_MAX_TEXT_LENGTH
    if len(text) > limit:
        return _error(
            _("De tekst heeft %(length)s tekens; de API neemt er hoogstens %(limit)s.")
            % {"length": grouped(len(text)), "limit": grouped(limit)},
            HTTPStatus.BAD_REQUEST,
        )
    form = data.get("form", None)
    if form is None:
        form = form_for_partner(address, partner)
    if form not in FORMS:
        return _error(_("Het veld ‘form’ moet ‘u’, ‘jij’ of ‘auto’ zijn."), HTTPStatus.BAD_REQUEST)
    return text, form


@csrf_exempt  # a key in the header needs no CSRF token; a session is checked in _api_caller
@login_not_required  # callers with a key have no session; anonymous callers get a 401 in JSON, not a login page
@require_POST
def api_check(request):
    """POST {"text": "...", "form": "u" | "jij" | "auto"}: the report with offsets, messages and suggestions."""
    caller = _api_caller(request)
    if isinstance(caller, JsonResponse):
        return caller
    partner, user, token = caller
    key = f"token:{token.pk}" if token else f"user:{user.pk}"
    if is_ratelimited(
        request, group="voice-api", key=lambda group, request: key, rate=settings.VOICE_API_RATE, increment=True
    ):
        return _error(
            _("Te veel verzoeken achter elkaar; probeer het over een minuut opnieuw."),
            HTTPStatus.TOO_MANY_REQUESTS,
            **{"Retry-After": "60"},
        )
    address = address_settings(Site.find_for_request(request))
    parsed = _api_input(request, address, partner)
    if isinstance(parsed, JsonResponse):
        return parsed
    text, form = parsed
    report = check(text, form, address)
    record_check(report, text, via=TextCheck.Via.API, partner=partner, user=user, token=token)
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return JsonResponse(report_data(report))
