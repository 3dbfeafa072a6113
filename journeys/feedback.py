"""Customer feedback: the links partners hand out, the answers they bring in, and NPS counted in SQL."""

from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, Count, Exists, F, Max, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce

from .models import FeedbackLink, FeedbackResponse, JourneyPage
from .nps import PASSIVE_FROM, PROMOTER_FROM, Nps

NPS_COUNTS = {
    "promoters": Count("pk", filter=Q(score__gte=PROMOTER_FROM)),
    "passives": Count("pk", filter=Q(score__gte=PASSIVE_FROM, score__lt=PROMOTER_FROM)),
    "detractors": Count("pk", filter=Q(score__lt=PASSIVE_FROM)),
}


def nps_of(row):
    """The Nps of a row annotated with NPS_COUNTS."""
    return Nps(row["promoters"], row["passives"], row["detractors"])


def links_for(partner, steps):
    """{step id: FeedbackLink} of this partner for these (saved) steps, made the first time they are asked for."""
    step_ids = [step.pk for step in steps if step.pk]
    if not step_ids:
        return {}
    links = {link.step_id: link for link in FeedbackLink.objects.filter(partner=partner, step_id__in=step_ids)}
    missing = [step_id for step_id in step_ids if step_id not in links]
    # Another request may make the same link at the same moment, or a new code may happen to be taken: the unique
    # constraints keep one link per step and partner and one step per code, and the next round fills any gap.
    for _round in range(3):
        if not missing:
            break
        FeedbackLink.objects.bulk_create(
            [FeedbackLink(partner=partner, step_id=step_id) for step_id in missing], ignore_conflicts=True
        )
        links.update((link.step_id, link) for link in FeedbackLink.objects.filter(partner=partner, step_id__in=missing))
        missing = [step_id for step_id in step_ids if step_id not in links]
    return links


def find_link(code):
    """The live link for a code, with its step, journey and partner; None for an unknown or retired one.

    A link retires with its partner, its journey, or when the partner no longer does the step.
    """
    return (
        FeedbackLink.objects.filter(
            code=code, partner__is_active=True, step__journey__live=True, step__owner__partners=F("partner")
        )
        .select_related("step__journey", "step__owner", "partner")
        .first()
    )


def record(link, score, comment, submission):
    """Store one answer; False when this submission was already stored (a double click, a resent form)."""
    try:
        with transaction.atomic():
            FeedbackResponse.objects.create(
                journey_id=link.step.journey_id,
                step=link.step,
                step_name=link.step.name,
                partner=link.partner,
                score=score,
                comment=comment,
                submission=submission,
            )
    except IntegrityError:
        return False
    return True


def nps_by_step(responses):
    """{step id: Nps} over these responses, in one query."""
    rows = responses.values("step_id").annotate(**NPS_COUNTS).order_by()
    return {row["step_id"]: nps_of(row) for row in rows}


def nps_by_partner(responses):
    """{partner id: Nps} over these responses, in one query."""
    rows = responses.values("partner_id").annotate(**NPS_COUNTS).order_by()
    return {row["partner_id"]: nps_of(row) for row in rows}


def nps_by_month(responses):
    """{first day of the month: Nps} over these responses, in one query."""
    rows = responses.by_month().values("month").annotate(**NPS_COUNTS).order_by()
    return {row["month"]: nps_of(row) for row in rows}


def on_visible_journeys(responses):
    """The answers about journeys that are live and still aimed at the partner they were given to."""
    visible = JourneyPage.objects.live().filter(pk=OuterRef("journey_id")).aimed_at(OuterRef(OuterRef("partner_id")))
    return responses.filter(Exists(visible))


def nps_total(responses):
    return nps_of(responses.aggregate(**NPS_COUNTS))


def step_table(responses, *, per_month=False):
    """Rows of NPS per journey and step (and month): names, counts and the Nps, in one query.

    A step an editor removed keeps its answers under the name it had.
    """
    # Answers about a removed step keep its name: each removed step is a row of its own, a renamed one stays one.
    responses = responses.annotate(
        removed_step=Case(When(step__isnull=True, then=F("step_name")), default=Value(""), output_field=CharField())
    )
    grouping = ["journey_id", "step_id", "removed_step"]
    if per_month:
        responses = responses.by_month()
        grouping.append("month")
    rows = (
        responses.values(*grouping)
        .annotate(
            journey_title=Max("journey__title"),
            step_title=Coalesce(Max("step__name"), Max("step_name")),
            step_order=Max("step__sort_order"),
            last=Max("created_at"),
            **NPS_COUNTS,
        )
        .order_by(*(["-month"] if per_month else []), "journey_title", "step_order", "step_title")
    )
    return [{**row, "nps": nps_of(row)} for row in rows]
