"""Demo recognition: every partner's level recorded from the demo's training, materials, tools, texts and
customer answers, with five earlier months of history around today's scores, and the leaderboard on."""

import random

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from . import levels as level_rules
from .models import RecognitionSettings, Snapshot
from .scorecards import Scorecard, network, rules, scorecards
from .standing import month_of, refresh, take_snapshot

HISTORY_MONTHS = 5


def history(cards, levels, weights, critical, now):
    """Earlier months: today's scores a little lower the further back, so the trend climbs towards now."""
    randomness = random.Random(8)  # noqa: S311  (made-up demo history, the same on every run)
    this_month = month_of(now)
    snapshots = []
    for card in cards:
        for back in range(HISTORY_MONTHS, 0, -1):
            values = {
                key: None if value is None else max(0, value - randomness.randint(0, 6) * back)
                for key, value in card.values.items()
            }
            result = level_rules.evaluate(values, levels, weights, critical, has_people=card.people > 0)
            then = Scorecard(card.partner, card.people, values, card.counts, result)
            snapshot = Snapshot(
                partner=card.partner,
                month=this_month - relativedelta(months=back),
                taken_at=now - relativedelta(months=back),
            )
            snapshots.append(snapshot.measure(then))
    Snapshot.objects.bulk_create(snapshots, ignore_conflicts=True)


def build(context):
    config = RecognitionSettings.load()
    if not config.show_leaderboard:
        config.show_leaderboard = True
        config.save()
    now = timezone.now()
    if not Snapshot.objects.filter(month__lt=month_of(now)).exists():
        levels, weights, critical = rules()
        history(scorecards(network(), now), levels, weights, critical, now)
    refresh(now=now)
    take_snapshot(now)
