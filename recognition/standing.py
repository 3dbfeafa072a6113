"""Recording where partners stand: level changes (logged and told to managers) and the monthly snapshot.

`refresh` runs every night with `manage.py recognition_refresh`, straight after the brand team edits the levels or
the weights, and for one partner whenever its people open their scorecard. Running it twice changes nothing.
"""

import logging

from django.db import transaction
from django.utils import timezone

from partners.models import Membership, Role

from .models import LevelChange, LevelNotice, Snapshot, Standing
from .scorecards import network, scorecards
from .tasks import send_level_notice_email

logger = logging.getLogger(__name__)


def refresh(partners=None, *, cause=LevelChange.Cause.SCORES, now=None):
    """Record each partner's current level; a change is logged and told to its current managers.

    A partner's first recorded level is no change. Returns the LevelChanges made.
    """
    now = now or timezone.now()
    return record(scorecards(network() if partners is None else partners, now), cause=cause, now=now)


def record(cards, *, cause=LevelChange.Cause.SCORES, now=None):
    """`refresh` for scorecards already worked out (the scorecard page shows the ones it records)."""
    now = now or timezone.now()
    changes, first = [], []
    with transaction.atomic():
        # Two requests recording the same change at once: the second waits here, then finds it recorded.
        standings = Standing.objects.select_for_update().in_bulk(
            [card.partner.pk for card in cards], field_name="partner_id"
        )
        for card in cards:
            standing = standings.get(card.partner.pk)
            if standing is None:
                first.append(Standing(partner=card.partner, since=now))
                standing = first[-1]
            elif standing.has_changed(card.level):
                changes.append(record_change(standing, card, cause, now))
                standing.since = now
            standing.measure(card).checked_at = now
            card.standing = standing
        Standing.objects.bulk_create(first, ignore_conflicts=True)
        Standing.objects.bulk_update(list(standings.values()), [*Standing.MEASURED_FIELDS, "since", "checked_at"])
        notices = notify(changes)
    for notice in notices:
        transaction.on_commit(lambda pk=notice.pk: send_level_notice_email.enqueue(pk))
    return changes


def record_change(standing, card, cause, now):
    change = LevelChange(
        partner=card.partner,
        previous_name=standing.level_name,
        previous_rank=standing.rank,
        cause=cause,
        changed_at=now,
    )
    change.measure(card).save()
    logger.info("Level of partner %s: %s -> %s (%s)", card.partner.pk, change.previous_name, change.level_name, cause)
    return change


def notify(changes):
    """A dashboard notice for every current manager of each partner whose level changed."""
    if not changes:
        return []
    managers = Membership.objects.counted([change.partner_id for change in changes]).filter(role=Role.MANAGER)
    by_partner = {}
    for partner_id, user_id in managers.values_list("partner_id", "user_id"):
        by_partner.setdefault(partner_id, []).append(user_id)
    notices = [
        LevelNotice(user_id=user_id, change=change)
        for change in changes
        for user_id in by_partner.get(change.partner_id, [])
    ]
    return LevelNotice.objects.bulk_create(notices)


def month_of(moment):
    return timezone.localdate(moment).replace(day=1)


def take_snapshot(now=None):
    """This month's snapshot of every active partner, replacing one taken earlier this month. Returns the count."""
    now = now or timezone.now()
    month = month_of(now)
    cards = scorecards(network(), now)
    existing = {snapshot.partner_id: snapshot for snapshot in Snapshot.objects.filter(month=month)}
    new, changed = [], []
    for card in cards:
        snapshot = existing.get(card.partner.pk)
        if snapshot is None:
            snapshot = Snapshot(partner=card.partner, month=month)
            new.append(snapshot)
        else:
            changed.append(snapshot)
        snapshot.measure(card).taken_at = now
    with transaction.atomic():
        Snapshot.objects.bulk_update(changed, [*Snapshot.MEASURED_FIELDS, "taken_at"])
        # Two runs at once: the unique constraint keeps one snapshot a month; the other run's values stand.
        Snapshot.objects.bulk_create(new, ignore_conflicts=True)
    return len(cards)
