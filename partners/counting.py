"""Figures per partner over its current people, counted in the database for many partners at once."""

from django.db.models import Count, Exists, OuterRef

from .models import Membership


def people_with(events, partner_ids=None):
    """{partner id: (current people with one of these events at that partner, their events)}.

    `events` is a queryset of a model with `user` and `partner`; what ex-colleagues did is not counted.
    """
    by_current = Exists(
        Membership.objects.counted().filter(user_id=OuterRef("user_id"), partner_id=OuterRef("partner_id"))
    )
    if partner_ids is not None:
        events = events.filter(partner_id__in=partner_ids)
    rows = (
        events.filter(by_current)
        .values("partner_id")
        .annotate(people=Count("user_id", distinct=True), events=Count("pk"))
    )
    return {row["partner_id"]: (row["people"], row["events"]) for row in rows.order_by()}
