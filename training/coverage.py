"""Required training across partners: who holds every certificate required of them, and average quiz scores.

Counted in the database for many partners at once (the brand team's overview, recognition); `gaps` explains
one partner's number module by module.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from partners.models import Membership, Role

from .models import Completion, TrainingModulePage
from .progress import required_q


def required_of(role, partner):
    """Live modules required of someone in this role at this partner and aimed at it (`partner` as in `required_q`)."""
    return TrainingModulePage.objects.live().aimed_at(partner).filter(required_q(role, partner))


def _lacking(role, now):
    """For a membership row: some module required of it in this role has no valid certificate of this person."""
    valid = Completion.objects.valid(now).filter(user_id=OuterRef(OuterRef("user_id")), module_id=OuterRef("pk"))
    return Exists(required_of(role, OuterRef(OuterRef("partner_id"))).filter(~Exists(valid)))


def coverage(partner_ids=None, now=None):
    """{partner id: (people holding every required certificate, people)} in one query."""
    now = now or timezone.now()
    ready = Q(role=Role.STAFF, lacks_staff=False) | Q(role=Role.MANAGER, lacks_manager=False)
    rows = (
        Membership.objects.counted(partner_ids)
        .annotate(lacks_staff=_lacking(Role.STAFF, now), lacks_manager=_lacking(Role.MANAGER, now))
        .values("partner_id")
        .annotate(people=Count("pk"), ready=Count("pk", filter=ready))
        .order_by()
    )
    return {row["partner_id"]: (row["ready"], row["people"]) for row in rows}


def quiz_scores(partner_ids=None, since=None):
    """{partner id: (sum of the scores of its current people's quiz attempts since then, attempts)} in one query."""
    members = Membership.objects.counted(partner_ids)
    if since is not None:
        members = members.filter(user__training_attempts__submitted_at__gte=since)
    rows = (
        members.values("partner_id")
        .annotate(total=Sum("user__training_attempts__score"), count=Count("user__training_attempts"))
        .filter(count__gt=0)
        .order_by()
    )
    return {row["partner_id"]: (row["total"], row["count"]) for row in rows}


@dataclass
class Gap:
    module: TrainingModulePage
    required_of: int  # people the module is required of
    lacking: list  # those of them without a valid certificate


def gaps(partner, now=None):
    """Per module required of anyone at the partner: whom it is required of and who lacks it (four queries)."""
    now = now or timezone.now()
    members = list(
        Membership.objects.counted([partner.pk]).select_related("user").order_by("user__first_name", "user__last_name")
    )
    modules = {}
    required = {}
    for role in Role.values:
        for module in required_of(role, partner.pk):
            modules.setdefault(module.pk, module)
            required.setdefault(module.pk, set()).add(role)
    valid = set(
        Completion.objects.valid(now)
        .filter(user_id__in=[member.user_id for member in members], module_id__in=modules)
        .values_list("user_id", "module_id")
    )
    result = []
    for module_id, module in sorted(modules.items(), key=lambda item: item[1].path):  # the academy's order
        concerned = [member for member in members if member.role in required[module_id]]
        lacking = [member.user for member in concerned if (member.user_id, module_id) not in valid]
        result.append(Gap(module, len(concerned), lacking))
    return result
