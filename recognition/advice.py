"""What a partner can do to reach the next level: each shortfall in the partner's own terms."""

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from .metrics import BY_KEY, rounded

# Shortfalls counted in people: what the people still short of the minimum have to do.
PEOPLE_METRICS = {
    "training": ngettext_lazy(
        "Nog %(count)s persoon moet alle verplichte modules geldig behalen.",
        "Nog %(count)s mensen moeten alle verplichte modules geldig behalen.",
        "count",
    ),
    "tools": ngettext_lazy(
        "Nog %(count)s persoon moet een rekenhulp of checklist gebruiken.",
        "Nog %(count)s mensen moeten een rekenhulp of checklist gebruiken.",
        "count",
    ),
    "voice": ngettext_lazy(
        "Nog %(count)s persoon moet een tekst laten toetsen.",
        "Nog %(count)s mensen moeten een tekst laten toetsen.",
        "count",
    ),
}


def more_needed(part, whole, minimum):
    """The fewest extra parts for part/whole to reach the minimum percentage (as the scorecard rounds it);
    None when even all of them would not."""
    if not whole:
        return None
    for extra in range(whole - part + 1):
        if rounded(Fraction(100 * (part + extra), whole)) >= minimum:
            return extra
    return None


@dataclass
class Step:
    label: str  # the metric, or the total score
    text: str
    items: list = field(default_factory=list)  # details: modules with who lacks them, versions to replace


def steps(card, *, gaps=(), outdated=()):
    """A Step for each shortfall of the next level, in the order of the metrics."""
    result = []
    for shortfall in card.result.shortfalls:
        if shortfall.key == "overall":
            result.append(Step(_("Totaalscore"), overall_text(shortfall)))
            continue
        metric = BY_KEY[shortfall.key]
        text = _("Nu %(value)s, nodig is minstens %(minimum)s.") % {
            "value": shortfall.value,
            "minimum": shortfall.minimum,
        }
        items = []
        if shortfall.key in PEOPLE_METRICS:
            part, whole = card.counts[shortfall.key]
            extra = more_needed(part, whole, shortfall.minimum)
            if extra:
                text = PEOPLE_METRICS[shortfall.key] % {"count": extra}
            if shortfall.key == "training":
                items = [gap for gap in gaps if gap.lacking]
        elif shortfall.key == "holdings":
            part, whole = card.counts["holdings"]
            extra = more_needed(part, whole, shortfall.minimum)
            if extra:
                text = ngettext(
                    "Download van nog %(count)s materiaal de actuele versie, en gebruik de oude niet meer.",
                    "Download van nog %(count)s materialen de actuele versie, en gebruik de oude niet meer.",
                    extra,
                ) % {"count": extra}
            items = list(outdated)
        elif shortfall.key == "nps":
            text = _("Jullie klanten geven nu een NPS van %(nps)s; nodig is minstens %(needed)s.") % {
                "nps": card.counts["nps"].score,
                "needed": 2 * shortfall.minimum - 100,
            }
        result.append(Step(metric.label, text, items))
    return result


def overall_text(shortfall):
    if shortfall.value is None:
        return _("Er is nog niets te meten: een totaalscore van minstens %(minimum)s is nodig.") % {
            "minimum": shortfall.minimum
        }
    return _("Nu %(value)s, nodig is minstens %(minimum)s. Verbeter vooral de maatstaven die het zwaarst wegen.") % {
        "value": shortfall.value,
        "minimum": shortfall.minimum,
    }
