"""Net Promoter Score arithmetic, with no Django: who is a promoter, and the score of a group of answers.

A score of 9 or 10 is a promoter, 7 or 8 a passive, 0 to 6 a detractor. The NPS is the share of promoters
minus the share of detractors, in whole percentage points from -100 to 100; with no answers there is none.
"""

from dataclasses import dataclass
from fractions import Fraction

LOWEST, HIGHEST = 0, 10
PROMOTER_FROM = 9
PASSIVE_FROM = 7


def category(score):
    """'promoter', 'passive' or 'detractor' for a whole score from 0 to 10; anything else is a ValueError."""
    if isinstance(score, bool) or not isinstance(score, int) or not LOWEST <= score <= HIGHEST:
        raise ValueError(f"an NPS answer is a whole number from {LOWEST} to {HIGHEST}, not {score!r}")
    if score >= PROMOTER_FROM:
        return "promoter"
    if score >= PASSIVE_FROM:
        return "passive"
    return "detractor"


def is_low(score):
    """A detractor's answer: the ones to follow up."""
    return category(score) == "detractor"


def _round_half_away(value):
    whole, rest = divmod(abs(value), 1)
    whole += rest >= Fraction(1, 2)
    return int(whole) if value >= 0 else -int(whole)


@dataclass(frozen=True)
class Nps:
    promoters: int = 0
    passives: int = 0
    detractors: int = 0

    def __post_init__(self):
        if min(self.promoters, self.passives, self.detractors) < 0:
            raise ValueError("counts cannot be negative")

    @classmethod
    def of(cls, scores):
        counts = {"promoter": 0, "passive": 0, "detractor": 0}
        for score in scores:
            counts[category(score)] += 1
        return cls(counts["promoter"], counts["passive"], counts["detractor"])

    @property
    def answers(self):
        return self.promoters + self.passives + self.detractors

    @property
    def exact(self):
        """The score as a fraction of percentage points, or None without answers."""
        if not self.answers:
            return None
        return Fraction(100 * (self.promoters - self.detractors), self.answers)

    @property
    def score(self):
        """Whole percentage points, halves rounded away from zero (-100 to 100), or None without answers."""
        exact = self.exact
        return None if exact is None else _round_half_away(exact)

    def percentage(self, count):
        return None if not self.answers else _round_half_away(Fraction(100 * count, self.answers))

    def __add__(self, other):
        return Nps(self.promoters + other.promoters, self.passives + other.passives, self.detractors + other.detractors)
