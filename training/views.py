from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site

from brand.models import BrandSettings
from partners.access import manager_required

from . import team
from .certificates import render_certificate
from .models import Attempt, Completion
from .progress import STATUS_LABELS


@require_GET
@manager_required
def team_progress(request):
    """Members × required modules for the manager's own partner, filterable, and as CSV."""
    module_id = request.GET.get("module", "")
    module_id = int(module_id) if module_id.isascii() and module_id.isdigit() else None
    status = request.GET.get("status", "")
    status = status if status in STATUS_LABELS else None
    modules, rows = team.team_progress(request.membership, module_id=module_id, status=status)
    if request.GET.get("export") == "csv":
        return team.as_csv(request.membership.partner, modules, rows)
    return render(
        request,
        "training/team_progress.html",
        {
            "partner": request.membership.partner,
            "modules": modules,
            "rows": rows,
            "statuses": [(key, STATUS_LABELS[key]) for key in ("todo", "expires_soon", "expired", "passed")],
            "selected_module": module_id,
            "selected_status": status,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def my_certificates(request):
    """Every module the person passed, with validity, the PDF and the attempts that led there."""
    completions = list(Completion.objects.filter(user=request.user).select_related("module", "partner"))
    attempts = {}
    for attempt in Attempt.objects.filter(user=request.user).order_by("-submitted_at"):
        attempts.setdefault(attempt.module_id, []).append(attempt)
    # The attempt history once per module, on its newest completion (completions come newest first).
    rows = [
        (completion, completion.status(module=completion.module), attempts.pop(completion.module_id, []))
        for completion in completions
    ]
    return render(request, "training/my_certificates.html", {"rows": rows})


@require_GET
def certificate_pdf(request, code):
    completion = (
        Completion.objects.filter(certificate_code=code, user=request.user, revoked_at__isnull=True)
        .select_related("module", "partner", "user")
        .first()
    )
    if completion is None:
        raise Http404
    brand = BrandSettings.for_site(Site.find_for_request(request))
    pdf = render_certificate(
        completion,
        brand_name=brand.brand_name,
        primary_colour=brand.primary_colour,
        logo_file=brand.logo_png(),
        verify_url=request.build_absolute_uri(completion.get_verify_url()),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaat-{completion.module.slug}.pdf"'
    return response


@login_not_required
@require_GET
def verify_certificate(request, code):
    """Public: anyone with the code sees whether it is valid, and nothing but name, partner, module and dates."""
    completion = Completion.objects.filter(certificate_code=code).select_related("module", "partner", "user").first()
    status = completion.status(module=completion.module) if completion else None
    return render(
        request,
        "training/verify_certificate.html",
        {"completion": completion, "status": status, "code": code},
        status=200 if completion else 404,
    )
