"""The journeys' part of a person's data: suggestions they made, answered or recorded as an improvement.

Nothing is erased: a suggestion is the partner's proposal about a step of the customer's journey, and the brand
team's answer hangs on it; its author shows as the anonymised account. Customer feedback has no person in it.
"""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.personal_data import iso

from .models import ImprovementAction, Suggestion


def suggestions(user):
    rows = Suggestion.objects.filter(author=user).select_related("journey", "partner").order_by("created_at")
    return [
        {
            "journey": suggestion.journey.title,
            "step": suggestion.step_name,
            "partner": suggestion.partner.name,
            "problem": suggestion.problem,
            "proposal": suggestion.proposal,
            "created_at": iso(suggestion.created_at),
            "status": suggestion.status,
            "answer": suggestion.answer,
            "answered_at": iso(suggestion.answered_at),
        }
        for suggestion in rows
    ]


def answers(user):
    """For the brand team: the suggestions they answered."""
    rows = Suggestion.objects.filter(answered_by=user).select_related("journey").order_by("answered_at")
    return [
        {
            "journey": suggestion.journey.title,
            "step": suggestion.step_name,
            "status": suggestion.status,
            "answer": suggestion.answer,
            "answered_at": iso(suggestion.answered_at),
        }
        for suggestion in rows
    ]


def improvements(user):
    rows = ImprovementAction.objects.filter(created_by=user).select_related("journey").order_by("month")
    return [
        {
            "month": iso(action.month),
            "journey": action.journey.title,
            "step": action.step_name,
            "customers_said": action.customers_said,
            "we_did": action.we_did,
            "created_at": iso(action.created_at),
        }
        for action in rows
    ]


def register():
    personal_data.register("suggestions", _("Verbetervoorstellen"), suggestions, order=60)
    personal_data.register("suggestion_answers", _("Beantwoorde verbetervoorstellen"), answers, order=61)
    personal_data.register("improvements", _("Vastgelegde verbeteringen"), improvements, order=62)
