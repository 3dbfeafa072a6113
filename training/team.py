"""The manager's view of their team: every current member against the modules required of them."""

import csv

from django.db.models import BooleanField, ExpressionWrapper
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Membership, Role
from partners.reports import safe_cell

from .models import Completion
from .progress import STATUS_LABELS, required_condition, status_of, visible_modules


def team_progress(membership, *, module_id=None, status=None):
    """Rows of (member, [cell per module]) and the modules that are required of anyone in the team."""
    partner = membership.partner
    members = list(Membership.objects.team(partner))
    roles = {member.role for member in members}
    by_role = {
        role: ExpressionWrapper(required_condition(membership, role), output_field=BooleanField())
        for role in Role.values
    }
    annotated = visible_modules(membership.user).annotate(
        required_of_staff=by_role[Role.STAFF], required_of_manager=by_role[Role.MANAGER]
    )
    modules = [module for module in annotated if any(getattr(module, f"required_of_{role}") for role in roles)]
    latest = {}
    completions = Completion.objects.filter(
        user_id__in=[member.user_id for member in members], module_id__in=[module.pk for module in modules]
    ).order_by("user_id", "module_id", "-completed_at")
    for completion in completions:
        latest.setdefault((completion.user_id, completion.module_id), completion)

    now = timezone.now()
    rows = []
    for member in members:
        cells = []
        for module in modules:
            if not getattr(module, f"required_of_{member.role}"):
                cells.append({"module": module, "status": None, "label": "", "completion": None})
                continue
            completion = latest.get((member.user_id, module.pk))
            state = status_of(completion, None, 0, module, now) if completion else "todo"
            cells.append({"module": module, "status": state, "label": STATUS_LABELS[state], "completion": completion})
        if module_id or status:
            wanted = [cell for cell in cells if not module_id or cell["module"].pk == module_id]
            if not any(cell["status"] and (not status or cell["status"] == status) for cell in wanted):
                continue
        rows.append((member, cells))
    return modules, rows


def as_csv(partner, modules, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voortgang-{partner.slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Naam"), _("E-mailadres"), _("Rol"), *[safe_cell(module.title) for module in modules]])
    for member, cells in rows:
        writer.writerow(
            [
                safe_cell(member.user.get_full_name()),
                safe_cell(member.user.email),
                member.get_role_display(),
                *[str(cell["label"]) if cell["status"] else "" for cell in cells],
            ]
        )
    return response
