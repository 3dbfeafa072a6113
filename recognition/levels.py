"""Which level a partner's scores reach, and what the next level still asks. No queries here."""

from dataclasses import dataclass, field
from fractions import Fraction

from .metrics import KEYS, rounded


def overall(values, weights):
    """The weighted mean of the measured metrics (a metric with weight 0 does not count); None if none counts."""
    counted = [(values[key], weights.get(key, 0)) for key in KEYS if values.get(key) is not None and weights.get(key)]
    total_weight = sum(weight for _value, weight in counted)
    if not total_weight:
        return None
    return rounded(Fraction(sum(value * weight for value, weight in counted), total_weight))


@dataclass(frozen=True)
class Shortfall:
    key: str  # a metric key, or "overall"
    minimum: int
    value: int | None


@dataclass
class Result:
    level: object | None  # a RecognitionLevel
    overall: int | None
    next_level: object | None
    shortfalls: list = field(default_factory=list)  # what the next level still asks


def shortfalls(level, values, total, critical):
    """What this level asks that these scores do not reach. A metric with nothing to measure asks nothing."""
    missing = []
    if level.min_overall is not None and (total is None or total < level.min_overall):
        missing.append(Shortfall("overall", level.min_overall, total))
    for key in KEYS:
        needed = level.minimum_for(key, critical)
        value = values.get(key)
        if needed is not None and value is not None and value < needed:
            missing.append(Shortfall(key, needed, value))
    return missing


def evaluate(values, levels, weights, critical, *, has_people=True):
    """The highest level (by rank) whose every minimum is met, and the shortfalls for the one above it.

    A partner without people reaches no level: there is nobody to recognise.
    """
    levels = sorted(levels, key=lambda level: level.rank)
    total = overall(values, weights)
    reached = None
    if has_people:
        for level in levels:
            if not shortfalls(level, values, total, critical):
                reached = level
    above = [level for level in levels if reached is None or level.rank > reached.rank]
    next_level = above[0] if above else None
    missing = shortfalls(next_level, values, total, critical) if next_level else []
    return Result(reached, total, next_level, missing)
