"""Building customer journeys, their steps, feedback and suggestions in tests and the demo."""

from django.utils import timezone
from django.utils.text import slugify

from .models import FeedbackResponse, ImprovementAction, JourneyIndexPage, JourneyPage, JourneyStep, Suggestion


def journey_index(home_page, title="Klantreizen", slug="klantreizen"):
    existing = JourneyIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing
    page = home_page.add_child(instance=JourneyIndexPage(title=title, slug=slug))
    page.save_revision().publish()
    return page


def step(name, *, owner=None, customer_does="", promise="", handover=""):
    """An unsaved step for `journey`; owner is a PartnerKind, or None when the brand does the step itself."""
    return JourneyStep(
        name=name,
        owner=owner,
        customer_does=customer_does or f"De klant komt bij de stap '{name}'.",
        promise=promise or f"Bij '{name}' weet de klant binnen een werkdag waar hij aan toe is.",
        handover=handover,
    )


def journey(index, title, *, steps, audiences=(), publish=True, slug=None, introduction=""):
    """A journey page with its steps in the given order, published unless asked otherwise, fresh from the database."""
    steps = list(steps)
    for position, journey_step in enumerate(steps):
        journey_step.sort_order = position
    page = JourneyPage(
        title=title, slug=slug or slugify(title)[:50], introduction=introduction, steps=steps, live=False
    )
    index.add_child(instance=page)
    page.audiences.set(list(audiences))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return JourneyPage.objects.get(pk=page.pk)


def _answer(step, partner, score, comment, at):
    return FeedbackResponse(
        journey_id=step.journey_id,
        step=step,
        step_name=step.name,
        partner=partner,
        score=score,
        comment=comment,
        created_at=at or timezone.now(),
    )


def response(step, partner, score, *, comment="", at=None):
    """One customer's answer about a saved step, given through this partner's link."""
    answer = _answer(step, partner, score, comment, at)
    answer.save()
    return answer


def responses(step, partner, scores, *, at=None):
    """Many answers without comments in one query: scores is a list of whole numbers from 0 to 10."""
    return FeedbackResponse.objects.bulk_create(_answer(step, partner, score, "", at) for score in scores)


def suggestion(step, partner, *, author=None, problem="De klant hoort niets na de melding.", proposal="", at=None):
    return Suggestion.objects.create(
        journey_id=step.journey_id,
        step=step,
        step_name=step.name,
        partner=partner,
        author=author,
        problem=problem,
        proposal=proposal or "Stuur de klant dezelfde dag een bevestiging.",
        created_at=at or timezone.now(),
    )


def action(
    step, month=None, *, customers_said="Klanten wachten te lang.", we_did="We bellen binnen een dag terug.", **fields
):
    """The improvement of a month (a date, this month unless given; its first day is kept) for a saved step."""
    feedback = fields.pop("feedback", ())
    suggestions = fields.pop("suggestions", ())
    improvement = ImprovementAction.objects.create(
        month=(month or timezone.localdate()).replace(day=1),
        journey_id=step.journey_id,
        step=step,
        step_name=step.name,
        customers_said=customers_said,
        we_did=we_did,
        **fields,
    )
    improvement.feedback.set(feedback)
    improvement.suggestions.set(suggestions)
    return improvement
