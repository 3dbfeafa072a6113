"""Scorecards: each partner's metrics, total score and level, for one partner or the whole network."""

from dataclasses import dataclass

from django.utils import timezone

from partners.models import Partner

from . import levels as level_rules
from .metrics import measure
from .models import RecognitionLevel, RecognitionSettings


@dataclass
class Scorecard:
    partner: Partner
    people: int
    values: dict
    counts: dict
    result: level_rules.Result
    standing: object = None  # the Standing, once recorded

    @property
    def level(self):
        return self.result.level

    @property
    def overall(self):
        return self.result.overall


def rules(config=None):
    """The levels (lowest first), the weights and the customer-critical metrics: two queries (one with `config`)."""
    config = config or RecognitionSettings.load()
    return list(RecognitionLevel.objects.order_by("rank")), config.weights(), config.critical()


def scorecards(partners, now=None, *, with_rules=None):
    """[Scorecard] for these partners (a list or queryset), in their order: eight queries (six with `with_rules`)."""
    partners = list(partners)
    levels, weights, critical = with_rules or rules()
    measured = measure([partner.pk for partner in partners], now or timezone.now())
    cards = []
    for partner in partners:
        measurement = measured[partner.pk]
        result = level_rules.evaluate(measurement.values, levels, weights, critical, has_people=measurement.people > 0)
        cards.append(Scorecard(partner, measurement.people, measurement.values, measurement.counts, result))
    return cards


def network():
    """The active partners whose levels count."""
    return Partner.objects.filter(is_active=True).order_by("name")
