"""Calculators (a plain form post, a JSON endpoint for live results, a PDF) and checklist runs."""

from http import HTTPStatus

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brand.models import BrandSettings
from partners.access import manager_required, member_or_brand_required, membership_required
from partners.models import Membership

from .checklists import my_runs, progress, save_answers, with_progress
from .checklists import start_run as start_checklist_run
from .forms import CalculatorForm, RunForm, RunStartForm
from .models import CalculatorPage, ChecklistPage, ChecklistRun
from .pdf import render_calculation
from .usage import record_calculation, team_usage


def calculator_page(request, page):
    """The calculator page itself: GET shows the form with the defaults, POST shows the outcomes."""
    definition = page.definition()
    if getattr(request, "is_preview", False):
        # The editor's preview: the outcomes for the defaults, from the formulas being edited.
        form = CalculatorForm(definition)
        form = CalculatorForm(definition, {form.add_prefix(name): field.initial for name, field in form.fields.items()})
        form.calculate()
        status = HTTPStatus.OK
    elif request.method == "POST":
        form = CalculatorForm(definition, request.POST)
        if form.calculate() is not None:
            record_calculation(request, page)
        status = HTTPStatus.OK if form.results is not None else HTTPStatus.BAD_REQUEST
    elif request.method in ("GET", "HEAD"):
        form = CalculatorForm(definition)
        status = HTTPStatus.OK
    else:
        return HttpResponse(status=HTTPStatus.METHOD_NOT_ALLOWED, headers={"Allow": "GET, HEAD, POST"})
    return render_calculator(request, page, form, status, live=not getattr(request, "is_preview", False))


def render_calculator(request, page, form, status, *, live=True):
    """The calculator page with this form; `live` adds the live results and the PDF button (not in previews)."""
    context = page.get_context(request)
    context.update(form=form, live=live)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def find_tool(model, request, page_id):
    """A published tool aimed at this person; another audience's tools do not exist for them."""
    try:
        return model.objects.live().visible_to(request.user).get(pk=page_id)
    except model.DoesNotExist as error:
        raise Http404 from error


@require_POST
@member_or_brand_required
def calculate(request, page_id):
    """The outcomes as JSON while someone types; field errors as JSON with status 400."""
    page = find_tool(CalculatorPage, request, page_id)
    form = CalculatorForm(page.definition(), request.POST)
    if form.calculate() is None:
        return JsonResponse({"ok": False, "errors": form.error_data()}, status=HTTPStatus.BAD_REQUEST)
    record_calculation(request, page)
    return JsonResponse(
        {
            "ok": True,
            "outputs": [
                {
                    "name": r.value.name,
                    "label": r.value.label,
                    "value": str(r.number),
                    "display": r.display,
                    "help": r.value.help,
                }
                for r in form.results
            ],
            # What the outcome assumes, for the printout: it must match the outcome shown.
            "answers": [{"label": label, "text": text} for label, text in form.answers()],
        }
    )


@require_POST
@member_or_brand_required
def calculation_pdf(request, page_id):
    """The outcomes as a PDF to hand to the customer; what was entered is not kept."""
    page = find_tool(CalculatorPage, request, page_id)
    form = CalculatorForm(page.definition(), request.POST)
    if form.calculate() is None:
        return render_calculator(request, page, form, HTTPStatus.BAD_REQUEST)
    record_calculation(request, page)
    brand = BrandSettings.cached_for_request(request)
    membership = request.membership
    pdf = render_calculation(
        title=page.title,
        answers=form.answers(),
        results=form.results,
        disclaimer=page.disclaimer,
        brand_name=brand.brand_name,
        primary_colour=brand.primary_colour,
        logo_file=brand.logo_png(),
        partner=membership.partner if membership else None,
        made_at=timezone.localtime(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(page.title)[:60] or "berekening"}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@membership_required
def start_run(request, page_id):
    checklist = find_tool(ChecklistPage, request, page_id)
    form = RunStartForm(request.POST)
    if not form.is_valid():
        context = checklist.get_context(request)
        context["start_form"] = form
        return TemplateResponse(request, checklist.get_template(request), context, status=HTTPStatus.BAD_REQUEST)
    run = start_checklist_run(checklist, request.user, request.membership.partner, form.cleaned_data["label"])
    return redirect(run)


def find_my_run(request, pk):
    """Only the person who started a run may open it; for anyone else it does not exist."""
    run = get_object_or_404(
        ChecklistRun.objects.select_related("checklist"), pk=pk, user=request.user, partner=request.membership.partner
    )
    if not run.checklist.live:
        raise Http404
    return run


@require_http_methods(["GET", "HEAD", "POST"])
@membership_required
def run_view(request, pk):
    run = find_my_run(request, pk)
    checklist = run.checklist
    items = checklist.items()
    if request.method == "POST":
        form = RunForm(items, request.POST)
        if form.is_valid():
            state = save_answers(run, items, form.answers())
            if state.is_complete:
                messages.success(request, _("Opgeslagen. Alle verplichte punten zijn afgevinkt: de checklist is af."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Opgeslagen. Nog %(count)s verplicht punt open.",
                        "Opgeslagen. Nog %(count)s verplichte punten open.",
                        state.required_open,
                    )
                    % {"count": state.required_open},
                )
            return redirect(run)
        status = HTTPStatus.BAD_REQUEST
    else:
        initial = {}
        for item in items:
            done, note = run.answer(item.id)
            initial[f"done-{item.id}"] = done
            initial[f"note-{item.id}"] = note
        form = RunForm(items, initial=initial)
        status = HTTPStatus.OK
    sections = [
        (title, [(item, form[f"done-{item.id}"], form[f"note-{item.id}"]) for item in group])
        for title, group in checklist.grouped_items()
    ]
    return render(
        request,
        "tools/run.html",
        {"run": run, "checklist": checklist, "form": form, "sections": sections, "progress": progress(run, items)},
        status=status,
    )


@require_GET
@membership_required
def run_print(request, pk):
    run = find_my_run(request, pk)
    items = run.checklist.items()
    sections = [
        (title, [(item, *run.answer(item.id)) for item in group]) for title, group in run.checklist.grouped_items()
    ]
    return render(request, "tools/run_print.html", {"run": run, "sections": sections, "progress": progress(run, items)})


@require_POST
@membership_required
def delete_run(request, pk):
    run = find_my_run(request, pk)
    run.delete()  # its count, if it was completed, stays in the usage figures
    messages.success(request, _("De ronde ‘%(label)s’ is verwijderd.") % {"label": run.label})
    return redirect("tools:my_runs")


@require_GET
@membership_required
def my_runs_view(request):
    runs = my_runs(request.user, request.membership.partner).filter(checklist__live=True).select_related("checklist")
    page = Paginator(runs, RUNS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "tools/my_runs.html", {"rows": with_progress(page), "page": page})


RUNS_PER_PAGE = 50
PERIODS = {
    "30": (30, _lazy("30 dagen")),
    "90": (90, _lazy("90 dagen")),
    "365": (365, _lazy("12 maanden")),
    "all": (None, _lazy("alles")),
}


def by_title(tool):
    return tool[1]


@require_GET
@manager_required
def team(request):
    """How often each colleague used each tool: counts only, never what was entered or ticked."""
    period = request.GET.get("periode", "90")
    if period not in PERIODS:
        period = "90"
    counts = team_usage(request.membership.partner, PERIODS[period][0])
    members = list(Membership.objects.team(request.membership.partner))
    calculators = sorted({(row["tool_id"], row["tool__title"]) for row in counts if row["calculations"]}, key=by_title)
    checklists = sorted(
        {(row["tool_id"], row["tool__title"]) for row in counts if row["started"] or row["completed"]}, key=by_title
    )
    by_person = {(row["user_id"], row["tool_id"]): row for row in counts}
    rows = [
        (
            member,
            [
                (name, by_person.get((member.user_id, tool_id), {}).get("calculations", 0))
                for tool_id, name in calculators
            ],
            [(name, by_person.get((member.user_id, tool_id))) for tool_id, name in checklists],
        )
        for member in members
    ]
    return render(
        request,
        "tools/team.html",
        {
            "rows": rows,
            "calculators": calculators,
            "checklists": checklists,
            "period": period,
            "periods": [(value, label) for value, (_days, label) in PERIODS.items()],
        },
    )
