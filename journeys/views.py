"""The customer's feedback form (public), a partner's QR codes, suggestions and NPS, with export."""

import csv
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Site

from partners.access import membership_required
from partners.reports import safe_cell
from voice.models import Channel
from voice.rules import address_settings, form_for_partner

from .feedback import find_link, links_for, nps_total, record, step_table
from .forms import FeedbackForm, PeriodForm, SuggestionForm
from .maps import marked_steps
from .models import FeedbackResponse, JourneyPage, JourneyStep, Suggestion
from .nps import PASSIVE_FROM
from .qr import qr_code

LOW_SHOWN = 50


def _customer_form(request, link):
    """'u' or 'jij': how the brand addresses customers on the web, for this partner."""
    return form_for_partner(address_settings(Site.find_for_request(request)), link.partner, Channel.WEBSITE)


def _link_gone(request):
    """A mistyped, altered or retired link: the customer is told so plainly, and nothing is stored."""
    return render(request, "journeys/link_gone.html", status=HTTPStatus.NOT_FOUND)


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request, code):
    """The NPS question for one step of one partner: no login, no personal data, one answer per form."""
    link = find_link(code)
    if link is None:
        return _link_gone(request)
    form_of_address = _customer_form(request, link)
    context = {"link": link, "step": link.step, "form_of_address": form_of_address}
    if request.method != "POST":
        context["form"] = FeedbackForm(code=code, form=form_of_address)
        return render(request, "journeys/feedback.html", context)
    if is_ratelimited(
        request, group=f"journeys:feedback:{code}", key="ip", rate=settings.FEEDBACK_RATE, increment=True
    ):
        context["form"] = FeedbackForm(code=code, form=form_of_address)
        return render(request, "journeys/feedback_limited.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
    form = FeedbackForm(request.POST, code=code, form=form_of_address)
    if form.is_spam:
        # A bot filled in the hidden field: it is told nothing new, and nothing is stored.
        return redirect("journeys:thanks", code=code)
    if not form.is_valid():
        context["form"] = form
        return render(request, "journeys/feedback.html", context, status=HTTPStatus.BAD_REQUEST)
    record(link, form.cleaned_data["score"], form.cleaned_data["comment"], form.cleaned_data["submission"])
    return redirect("journeys:thanks", code=code)


@login_not_required
@require_GET
def thanks(request, code):
    link = find_link(code)
    if link is None:
        return _link_gone(request)
    context = {"link": link, "step": link.step, "form_of_address": _customer_form(request, link)}
    return render(request, "journeys/thanks.html", context)


def _my_step(request, step_id, *, own):
    """A step of a live journey this partner may see, and (when `own`) owns; otherwise it does not exist."""
    journeys = JourneyPage.objects.live().visible_to(request.user)
    try:
        step = JourneyStep.objects.select_related("journey", "owner").get(pk=step_id, journey__in=journeys)
    except JourneyStep.DoesNotExist as error:
        raise Http404 from error
    steps = list(step.journey.steps.select_related("owner"))
    view = next(v for v in marked_steps(steps, request.membership.partner) if v.step.pk == step.pk)
    if not (view.own if own else view.takes_part):
        raise Http404
    return step


@require_GET
@membership_required
def step_qr(request, step_id, kind):
    step = _my_step(request, step_id, own=True)
    link = links_for(request.membership.partner, [step])[step.pk]
    url = request.build_absolute_uri(reverse("journeys:feedback", args=[link.code]))
    content, content_type = qr_code(url, kind)
    response = HttpResponse(content, content_type=content_type)
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="feedback-{link.code}.{kind}"'
    return response


@require_POST
@membership_required
def suggest(request, step_id):
    """A partner's proposal for a step it takes part in; the brand team answers it in the admin."""
    step = _my_step(request, step_id, own=False)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        context = {"step": step, "journey": step.journey, "form": form}
        return render(request, "journeys/suggestion_form.html", context, status=HTTPStatus.BAD_REQUEST)
    suggestion = form.save(commit=False)
    suggestion.journey_id = step.journey_id
    suggestion.step = step
    suggestion.step_name = step.name
    suggestion.partner = request.membership.partner
    suggestion.author = request.user
    suggestion.save()
    messages.success(request, _("Bedankt voor je voorstel. Het merkteam beantwoordt het; je ziet het antwoord hier."))
    return redirect(step.journey.url + f"#stap-{step.pk}")


@require_GET
@membership_required
def suggestions(request):
    """Everything our partner proposed, newest first, with the brand team's answers."""
    mine = (
        Suggestion.objects.filter(
            partner=request.membership.partner, journey__in=JourneyPage.objects.live().visible_to(request.user)
        )
        .select_related("journey", "author")
        .order_by("-created_at")
    )
    return render(request, "journeys/suggestions.html", {"suggestions": mine})


def _partner_nps(request):
    period = PeriodForm(request.GET or None)
    days = period.days()
    responses = FeedbackResponse.objects.filter(partner=request.membership.partner).in_period(days)
    return period, days, responses


@require_GET
@membership_required
def nps(request):
    """Our NPS per step over a period, and the low scores and comments to follow up."""
    period, days, responses = _partner_nps(request)
    context = {
        "period": period,
        "days": days,
        "total": nps_total(responses),
        "rows": step_table(responses),
        "months": step_table(responses, per_month=True) if "per_maand" in request.GET else None,
        "low": list(responses.low_or_commented().select_related("journey")[:LOW_SHOWN]),
        "low_from": PASSIVE_FROM,
    }
    return render(request, "journeys/nps.html", context)


@require_GET
@membership_required
def nps_export(request):
    """The answers of the period as CSV: date, journey, step, score and comment; nothing about the customer."""
    _period, days, responses = _partner_nps(request)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klantfeedback-{stamp}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Datum"), _("Klantreis"), _("Stap"), _("Score"), _("Toelichting")])
    for answer in responses.select_related("journey").order_by("-created_at").iterator():
        writer.writerow(
            [
                timezone.localtime(answer.created_at).strftime("%d-%m-%Y %H:%M"),
                safe_cell(answer.journey.title),
                safe_cell(answer.step_name),
                answer.score,
                safe_cell(answer.comment),
            ]
        )
    return response
