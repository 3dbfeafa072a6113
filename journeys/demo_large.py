"""The benchmark set's customer feedback: two years of answers to the NPS question for the steps of the demo's
journeys, given through the links of the large set's partners that take those steps."""

from datetime import timedelta

from .demo import COMMENTS
from .models import FeedbackLink, FeedbackResponse, JourneyPage, JourneyStep

COMMENTED = 0.25  # share of answers with a comment


def build(context):
    scale, people = context["scale"], context["people"]
    rng = scale.rng("journeys")
    journeys = list(JourneyPage.objects.live().prefetch_related("audiences"))
    scale.backdate(journeys, scale.start - timedelta(days=60))
    links = feedback_links(scale, partners(people), journeys)
    if not links:
        return
    # Bigger teams serve more customers; some partners simply do better than others.
    pick = scale.picker(rng, links, [link[1]["people"] for link in links])
    quality = {partner_id: rng.gauss(0, 1) for partner_id in {link[1]["id"] for link in links}}
    answers, first = [], {}
    for _number in range(scale.missing("feedback", FeedbackResponse.objects)):
        step, partner = pick()
        moment = scale.moment(rng, partner["since"], partner["until"])
        lift = (moment - scale.start) / (scale.now - scale.start)  # the monthly improvements work, a little
        score = max(0, min(10, round(rng.gauss(7.2 + 0.9 * quality[partner["id"]] + 0.8 * lift, 2.0))))
        band = "high" if score >= 9 else "mid" if score >= 7 else "low"
        answers.append(
            FeedbackResponse(
                journey_id=step.journey_id,
                step=step,
                step_name=step.name,
                partner_id=partner["id"],
                score=score,
                comment=rng.choice(COMMENTS[band]) if rng.random() < COMMENTED else "",
                created_at=moment,
            )
        )
        key = (step.pk, partner["id"])
        first[key] = min(first.get(key, moment), moment)
    scale.bulk(FeedbackResponse, answers)
    # Customers answered through the partner's link of the step, made when the partner first opened the journey.
    FeedbackLink.objects.bulk_create(
        [
            FeedbackLink(step_id=step_id, partner_id=partner_id, created_at=moment - timedelta(days=rng.uniform(1, 30)))
            for (step_id, partner_id), moment in first.items()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def partners(people):
    """Each partner of the large set: its kinds, its size and when it had people (a deactivated one until then)."""
    found = {}
    for person in people:
        partner = found.setdefault(
            person.partner_id,
            {"id": person.partner_id, "kinds": person.kinds, "people": 0, "since": person.since, "until": person.until},
        )
        partner["people"] += 1
        partner["since"] = min(partner["since"], person.since)
        partner["until"] = max(partner["until"], person.until)
    return list(found.values())


def feedback_links(scale, partners, journeys):
    """(step, partner) for every step a partner owns on a journey aimed at it, as `find_link` allows."""
    audiences = {journey.pk: {kind.pk for kind in journey.audiences.all()} for journey in journeys}
    steps = JourneyStep.objects.filter(journey__in=journeys, owner__isnull=False)
    return [
        (step, partner)
        for step in steps
        for partner in partners
        if step.owner_id in partner["kinds"]
        and (not audiences[step.journey_id] or audiences[step.journey_id] & partner["kinds"])
    ]
