"""The scorecard's metrics: what each measures and how, and their values for many partners at once.

Every metric is a whole number from 0 to 100, or None when there is nothing to measure yet (no people, no quiz
attempts, no downloads, fewer than `MIN_NPS_ANSWERS` customer answers). Each comes from the public functions of
the app that owns the events, counted in the database: six queries, whatever the number of partners.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journeys.feedback import nps_by_partner, on_visible_journeys
from journeys.models import FeedbackResponse
from materials import holdings
from partners.counting import people_with
from tools.models import ToolUse
from training import coverage
from voice.models import TextCheck

PERIOD_DAYS = 90  # activity: quiz scores, downloads, tool use, teksttoets, customer answers
HOLDING_DAYS = 365  # a copy downloaded longer ago no longer counts as held
MIN_NPS_ANSWERS = 5


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    explanation: str


METRICS = (
    Metric(
        "training",
        _("Verplichte training"),
        _(
            "Het deel van jullie mensen dat elke module die voor hen verplicht is, geldig heeft behaald: "
            "mensen met alles behaald ÷ alle mensen × 100."
        ),
    ),
    Metric(
        "quiz",
        _("Toetsscore"),
        _("De gemiddelde score van alle toetspogingen van jullie mensen in de afgelopen 90 dagen."),
    ),
    Metric(
        "downloads",
        _("Actuele downloads"),
        _(
            "Het deel van de downloads van de afgelopen 90 dagen dat een versie betreft die nu nog geldt: "
            "actuele downloads ÷ alle downloads × 100."
        ),
    ),
    Metric(
        "holdings",
        _("Geen verouderd materiaal"),
        _(
            "Van de materialen die jullie het afgelopen jaar downloadden: het deel waarvan niemand nog een "
            "vervangen of ingetrokken versie heeft zonder daarna de actuele te downloaden."
        ),
    ),
    Metric(
        "tools",
        _("Gebruik van hulpmiddelen"),
        _("Het deel van jullie mensen dat in de afgelopen 90 dagen een rekenhulp of checklist gebruikte."),
    ),
    Metric(
        "voice",
        _("Gebruik van de teksttoets"),
        _("Het deel van jullie mensen dat in de afgelopen 90 dagen zelf een tekst liet toetsen."),
    ),
    Metric(
        "nps",
        _("Klantbeoordeling"),
        _(
            "De NPS die jullie klanten de afgelopen 90 dagen gaven (van −100 tot 100), omgerekend naar 0–100: "
            "(NPS + 100) ÷ 2. Telt mee vanaf 5 antwoorden."
        ),
    ),
)
KEYS = tuple(metric.key for metric in METRICS)
BY_KEY = {metric.key: metric for metric in METRICS}


def rounded(value):
    """A non-negative Fraction as a whole number, halves rounded up."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def percent(part, whole):
    """part / whole as a whole percentage; None when there is no whole."""
    return rounded(Fraction(100 * part, whole)) if whole else None


@dataclass
class Measurement:
    """One partner's metric values, with the counts behind them."""

    people: int = 0
    values: dict = field(default_factory=dict)  # key -> 0..100 or None
    counts: dict = field(default_factory=dict)  # key -> (part, whole), or the Nps for "nps"


def measure(partner_ids, now=None):
    """{partner id: Measurement} for these partners."""
    now = now or timezone.now()
    since = now - timedelta(days=PERIOD_DAYS)
    trained = coverage.coverage(partner_ids, now)  # also counts the people
    scores = coverage.quiz_scores(partner_ids, since)
    materials = holdings.figures(partner_ids, since, now - timedelta(days=HOLDING_DAYS))
    tools = people_with(ToolUse.objects.filter(used_at__gte=since), partner_ids)
    voice = people_with(TextCheck.objects.filter(checked_at__gte=since), partner_ids)
    answers = on_visible_journeys(FeedbackResponse.objects.filter(created_at__gte=since))
    nps = nps_by_partner(answers.filter(partner_id__in=partner_ids))

    result = {}
    for partner_id in partner_ids:
        ready, count = trained.get(partner_id, (0, 0))
        current, recent, outdated, downloaded = materials.get(partner_id, (0, 0, 0, 0))
        counts = {
            "training": (ready, count),
            "quiz": scores.get(partner_id, (0, 0)),
            "downloads": (current, recent),
            "holdings": (downloaded - outdated, downloaded),
            "tools": (tools.get(partner_id, (0, 0))[0], count),
            "voice": (voice.get(partner_id, (0, 0))[0], count),
        }
        values = {key: percent(part, whole) for key, (part, whole) in counts.items()}
        total, attempts = counts["quiz"]
        values["quiz"] = rounded(Fraction(total, attempts)) if attempts else None
        partner_nps = nps.get(partner_id)
        counts["nps"] = partner_nps
        values["nps"] = nps_value(partner_nps)
        result[partner_id] = Measurement(people=count, values=values, counts=counts)
    return result


def nps_value(nps):
    """An NPS (−100..100) as 0..100, halves rounded up; None below the minimum number of answers."""
    if nps is None or nps.answers < MIN_NPS_ANSWERS:
        return None
    return rounded((nps.exact + 100) / 2)
