"""How a scorecard reads, the same for the partner and the brand team: each metric's row and the monthly trend."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from .metrics import METRICS, MIN_NPS_ANSWERS
from .models import Snapshot
from .standing import month_of

TREND_MONTHS = 12


def counts_text(key, counts):
    """What a metric counted, in words: "6 van 10 mensen"."""
    if key == "nps":
        answers = counts.answers if counts else 0
        if answers < MIN_NPS_ANSWERS:
            return ngettext(
                "%(answers)d klantantwoord; telt mee vanaf %(minimum)d",
                "%(answers)d klantantwoorden; telt mee vanaf %(minimum)d",
                answers,
            ) % {"answers": answers, "minimum": MIN_NPS_ANSWERS}
        return ngettext(
            "NPS %(score)d uit %(answers)d klantantwoord",
            "NPS %(score)d uit %(answers)d klantantwoorden",
            answers,
        ) % {"score": counts.score, "answers": answers}
    part, whole = counts
    if key == "quiz":
        return ngettext("%(count)d toetspoging", "%(count)d toetspogingen", whole) % {"count": whole}
    texts = {
        "downloads": ngettext("%(part)d van %(whole)d download", "%(part)d van %(whole)d downloads", whole),
        "holdings": ngettext("%(part)d van %(whole)d materiaal", "%(part)d van %(whole)d materialen", whole),
    }
    text = texts.get(key) or ngettext("%(part)d van %(whole)d persoon", "%(part)d van %(whole)d mensen", whole)
    return text % {"part": part, "whole": whole}


def metric_rows(card, weights, critical):
    """Per metric: its value, what it counted, its weight, what the next level asks of it, and if it falls short."""
    next_level = card.result.next_level
    short = {shortfall.key for shortfall in card.result.shortfalls}
    return [
        {
            "metric": metric,
            "value": card.values.get(metric.key),
            "counts": counts_text(metric.key, card.counts[metric.key]),
            "weight": weights.get(metric.key, 0),
            "critical": metric.key in critical,
            "needed": next_level.minimum_for(metric.key, critical) if next_level else None,
            "short": metric.key in short,
        }
        for metric in METRICS
    ]


def last_months(count, now=None):
    """The first days of the last `count` months, oldest first, this month included."""
    month = month_of(now or timezone.now())
    months = [month]
    for _index in range(count - 1):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


def trend(card, now, months=TREND_MONTHS):
    """A row per month of the last twelve, oldest first, from the first measured one: the month's snapshot, and this
    month as measured now."""
    months = last_months(months, now)
    snapshots = {
        snapshot.month: snapshot
        for snapshot in Snapshot.objects.filter(partner=card.partner, month__gte=months[0], month__lt=months[-1])
    }
    rows = []
    for month in months[:-1]:
        snapshot = snapshots.get(month)
        rows.append(
            {
                "month": month,
                "label": date_format(month, "F Y"),
                "measured": snapshot is not None,
                "overall": snapshot.overall if snapshot else None,
                "level_name": snapshot.level_name if snapshot else "",
            }
        )
    while rows and not rows[0]["measured"]:
        rows.pop(0)
    rows.append(
        {
            "month": months[-1],
            "label": date_format(months[-1], "F Y"),
            "measured": True,
            "now": True,
            "overall": card.overall,
            "level_name": card.level.name if card.level else "",
        }
    )
    return rows
