"""The journey map as a person sees it: every step, whose it is, the hand-overs, and what is theirs to do."""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse

from materials.models import MaterialPage
from partners.access import current_membership
from partners.audience_cache import cached_for_partner
from tools.models import CalculatorPage, ChecklistPage
from training.models import TrainingModulePage

from .feedback import links_for, nps_by_step, nps_total
from .forms import SuggestionForm
from .models import FeedbackResponse, ImprovementAction, JourneyPage, Suggestion

NPS_DAYS = 90
ACTIONS_SHOWN = 12
SUPPORT_MODELS = {"module": [TrainingModulePage], "material": [MaterialPage], "tool": [CalculatorPage, ChecklistPage]}


@dataclass
class StepView:
    step: object
    number: int
    own: bool = False
    takes_part: bool = False
    handover_mine: bool = False
    previous: object = None
    next: object = None
    support: list = field(default_factory=list)
    link: object = None
    link_url: str = ""
    nps: object = None
    suggestions: list = field(default_factory=list)

    @property
    def handover_in(self):
        """What the previous step's owner hands over to this one."""
        return self.previous.handover if self.previous else ""


def partner_kind_ids(partner):
    return set(partner.kinds.values_list("pk", flat=True)) if partner else set()


def visible_support(request, steps):
    """[[link]] per step of the supporting pages this person may open, in a query per page type at most.

    A link is {"title", "url", "model"}; plain data, so a live journey's links are kept per partner in the shared
    cache (a preview works them out from the draft every time).
    """
    wanted = {}
    for step in steps:
        for block in step.support.raw_data:
            wanted.setdefault(block["type"], set()).add(block["value"])
    found = {}
    for kind, ids in wanted.items():
        for model in SUPPORT_MODELS.get(kind, []):
            for page in model.objects.live().visible_to(request.user).filter(pk__in=ids):
                found[page.pk] = {"title": page.title, "url": page.get_url(request), "model": model._meta.label}
    return [[found[block["value"]] for block in step.support.raw_data if block["value"] in found] for step in steps]


def support_for(request, page, steps, partner):
    if getattr(request, "is_preview", False) or not page.pk:
        links = visible_support(request, steps)
    else:
        links = cached_for_partner(
            f"journeys:support:{page.pk}", partner.pk if partner else None, lambda: visible_support(request, steps)
        )
    return [[link | {"kind": apps.get_model(link["model"])._meta.verbose_name} for link in step] for step in links]


def marked_steps(steps, partner):
    """StepViews of these steps, a partner's own ones and the ones next to them marked (no supporting pages)."""
    kinds = partner_kind_ids(partner)
    views = [StepView(step=step, number=number) for number, step in enumerate(steps, 1)]
    for index, view in enumerate(views):
        view.previous = steps[index - 1] if index else None
        view.next = steps[index + 1] if index + 1 < len(steps) else None
        view.own = view.step.owner_id in kinds
    for index, view in enumerate(views):
        # A partner takes part in its own steps and in the hand-overs to and from them.
        neighbours = views[max(index - 1, 0) : index + 2]
        view.takes_part = any(other.own for other in neighbours)
        # The hand-over into this step concerns the partner when it gives or receives it.
        view.handover_mine = bool(partner) and (view.own or (index > 0 and views[index - 1].own))
    return views


def journey_steps(request, page, partner):
    """The marked steps with the supporting pages this person may open."""
    steps = list(page.steps.all().select_related("owner"))
    views = marked_steps(steps, partner)
    for view, support in zip(views, support_for(request, page, steps, partner), strict=True):
        view.support = support
    return views


def journey_context(request, page):
    membership = current_membership(request.user)
    partner = membership.partner if membership and membership.partner.is_active else None
    steps = journey_steps(request, page, partner)
    responses = FeedbackResponse.objects.filter(journey=page).in_period(NPS_DAYS)
    if partner:
        responses = responses.filter(partner=partner)
        links = links_for(partner, [view.step for view in steps if view.own])
        mine = Suggestion.objects.filter(partner=partner, journey=page).select_related("author")
        by_step = {}
        for suggestion in mine:
            by_step.setdefault(suggestion.step_id, []).append(suggestion)
        for view in steps:
            view.link = links.get(view.step.pk)
            if view.link:
                view.link_url = request.build_absolute_uri(reverse("journeys:feedback", args=[view.link.code]))
            view.suggestions = by_step.get(view.step.pk, [])
    nps = nps_by_step(responses) if page.pk else {}
    for view in steps:
        view.nps = nps.get(view.step.pk)
    return {
        "steps": steps,
        "partner": partner,
        "owners": owners(steps),
        "nps_days": NPS_DAYS,
        "suggestion_form": SuggestionForm() if partner else None,
        "actions": list(page.actions.select_related("step")[:ACTIONS_SHOWN]) if page.pk else [],
    }


def owners(steps):
    """The owners in order of first appearance, for the map's legend."""
    seen = {}
    for view in steps:
        seen.setdefault(view.step.owner_id, view)
    return [(view.step.owner_name, view.own) for view in seen.values()]


def journey_list(user, index):
    """The journeys this person may see, with their number of steps and, for a partner, their own steps."""
    membership = current_membership(user)
    kinds = partner_kind_ids(membership.partner) if membership else set()
    journeys = list(JourneyPage.objects.child_of(index).live().visible_to(user).prefetch_related("steps"))
    for journey in journeys:
        steps = list(journey.steps.all())
        journey.step_count = len(steps)
        journey.own_steps = [step for step in steps if step.owner_id in kinds]
    return journeys


def dashboard_summary(request):
    """The latest 'jullie zeiden, wij deden' on the journeys this person sees, and their partner's NPS (90 days)."""
    membership = current_membership(request.user)
    if membership is None:
        return {}
    journeys = JourneyPage.objects.live().visible_to(request.user)
    action = ImprovementAction.objects.filter(journey__in=journeys).select_related("journey").first()
    mine = FeedbackResponse.objects.filter(partner=membership.partner, journey__in=journeys).in_period(NPS_DAYS)
    nps = nps_total(mine)
    return {"action": action, "nps": nps, "nps_days": NPS_DAYS}
