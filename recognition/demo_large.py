"""The benchmark set's recognition: every partner's level recorded from the large set's history, and for the new
partners the same five earlier months around today's scores as the demo's partners have."""

from django.utils import timezone

from .demo import history
from .scorecards import network, rules, scorecards
from .standing import record, take_snapshot


def build(context):
    context["scale"].refresh_statistics()  # the scorecards read all that was just written
    now = timezone.now()
    cards = scorecards(network(), now)
    new = {person.partner_id for person in context["people"]}
    history([card for card in cards if card.partner.pk in new], *rules(), now)
    record(cards, now=now)  # a partner's first recorded level is no change: nobody is told
    take_snapshot(now)
