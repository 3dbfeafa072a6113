"""The u/jij checker: does a Dutch text address the reader in one form, and does it avoid the brand's words?

`check(text, form, rules)` returns a `Report` with what the text does (`detected`: "u", "jij", "mixed" or
"none") and its findings, each with character offsets into the text. Quotations (a customer's own words),
the hour after a number ("10 u"), abbreviations (a.u.b. aside, "m.u.v.") and compounds ("U-bocht") are never
taken for a form of address. A generic "je" ("je weet maar nooit") in a u-text is advice, not an error.

No Django import: the teksttoets, the API, the command line, the editor's check and the tests use it as is.
"""

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

ERROR, WARNING, ADVICE = "error", "warning", "advice"
FORMS = ("u", "jij")

# A word stands alone: no letter, digit, hyphen or dot-abbreviation glued to it (U-bocht, m.u.v., meisje).
_BEFORE = r"(?<![\w\-.’'/])"
_AFTER = r"(?![\w\-’']|\.\w)"


def _words(*words):
    return re.compile(_BEFORE + "(?:" + "|".join(words) + ")" + _AFTER, re.IGNORECASE)


def _word_set(words):
    return frozenset(words.split())


# Fixed phrases first, so their pronoun is not reported a second time.
PHRASES = {
    "u": _words(r"dank\s+u", r"alstublieft", r"a\.u\.b\.?", r"aub"),
    "jij": _words(r"dank\s+je", r"alsjeblieft", r"ajb"),
}
PRONOUNS = {
    "u": _words("u", "uw", "uzelf"),
    "jij": _words("jij", "je", "jou", "jouw", "jezelf", "jullie"),
}
HOUR = re.compile(r"(?<![\d:])\d{1,2}(?:[.:]\d{2})?\s?$")  # just before a "u": 10 u, 17.30 u, 9u
INITIAL = re.compile(r"(?:heer|mevrouw|mevr\.?|dhr\.?|mw\.?)\s+$", re.IGNORECASE)  # "de heer U. Demir"
QUOTES = [
    re.compile(r"[“„]([^”“„\n]*)[”“]"),
    re.compile(r'"([^"\n]*)"'),
    re.compile(r"(?<![\w])‘([^‘’\n]+)’(?![\w])"),
    re.compile(r"(?<![\w])'([^'\n]{3,}?)'(?![\w])"),
]
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Sentences where "je" means "one": a general truth, not the reader.
GENERIC_JE = re.compile(
    r"je\s+weet\s+(maar\s+)?nooit|\bhoe\s+\w+er\s+je\b|voor\s+je\s+het\s+weet|"
    r"\bje\s+(kunt|kan)\s+(nu\s+eenmaal|niet\s+alles)|\bvan\s+je\s+leven\b|"
    r"\b(je|men)\s+ziet\s+(vaak|steeds|het\s+vaak)\b|\bje\s+moet\s+maar\s+(net|geluk)\b|"
    r"\bstel\s+niet\s+uit\s+tot\s+morgen\b",
    re.IGNORECASE,
)
# Words after "je" that show it is the subject ("kun je ons bellen?"), not a possessive ("je adviseur").
NOT_A_NOUN = _word_set(
    "ons me mij het dan nu morgen even ook niet nog al wel er die dat deze zelf aan op in uit terug graag "
    "zeker direct meteen vandaag altijd snel hier daar dit mee toe af om bij na voor door ermee hem haar "
    "hen hun zich waar wanneer hoe wat als of en maar want"
)
SUBJECT_VERBS = _word_set(
    "bent hebt heeft kunt kan kun wilt wil wordt word zult zal zou mag moet gaat ga doet doe ziet zie weet "
    "krijgt krijg vindt vind komt kom staat sta blijft blijf ontvangt ontvang betaalt betaal"
)
# Words after which "je" is the subject of a clause: "als je belt", "zodat je weet".
SUBORDINATORS = _word_set("als wanneer omdat zodat dat of terwijl nadat voordat zodra zolang tenzij waar wie waarom")
# Inversion: the verb before the pronoun changes with the form (kun je / kunt u).
INVERSION = {
    "kun": "kunt",
    "kan": "kunt",
    "ben": "bent",
    "heb": "hebt",
    "wil": "wilt",
    "word": "wordt",
    "ga": "gaat",
    "doe": "doet",
    "zie": "ziet",
    "krijg": "krijgt",
    "vind": "vindt",
    "kom": "komt",
    "blijf": "blijft",
    "ontvang": "ontvangt",
    "betaal": "betaalt",
    "sta": "staat",
}
INVERSION_BACK = {"kunt": "kun", "bent": "ben", "hebt": "heb", "heeft": "heb", "wilt": "wil", "wordt": "word"}
INVERSION_BACK.update({u_form: jij_form for jij_form, u_form in INVERSION.items() if u_form not in INVERSION_BACK})
# Verb pairs for "u" where a text should keep to one choice.
AGREEMENT = [("hebt", "heeft"), ("kunt", "kan"), ("zult", "zal")]
_AGREEMENT_RE = re.compile(
    _BEFORE + r"(?:u\s+(?P<after>hebt|heeft|kunt|kan|zult|zal)|(?P<before>hebt|heeft|kunt|kan|zult|zal)\s+u)" + _AFTER,
    re.IGNORECASE,
)
_PREVIOUS_WORD = re.compile(r"(\w+)\s*$")
_NEXT_WORD = re.compile(r"^\s*(\w+)")


@dataclass(frozen=True)
class WordRule:
    id: str
    phrase: str
    replacements: tuple = ()
    reason: str = ""
    severity: str = WARNING


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    rule: str
    severity: str
    message: str
    suggestion: str = ""


@dataclass(frozen=True)
class Report:
    detected: str
    form: str  # the form the text was checked against ("u" or "jij"), or "" when nothing decided it
    findings: list = field(default_factory=list)

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == ERROR]


class _Spans:
    """Sorted spans with a quick "is this position inside one of them?" (bisect, not a scan per word)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [start for start, _end in self.spans]

    def at(self, position):
        index = bisect_right(self.starts, position) - 1
        # Quotation patterns may overlap; look back over the few spans that start before the position.
        while index >= 0:
            start, end = self.spans[index]
            if start <= position < end:
                return self.spans[index]
            if position - start > 2000:
                break
            index -= 1
        return None

    def __contains__(self, position):
        return self.at(position) is not None


def _quoted(text):
    """The spans of quotations: a customer's own words keep their own form."""
    return _Spans(match.span() for pattern in QUOTES for match in pattern.finditer(text))


def _inside(position, spans):
    return position in spans


@dataclass
class _Use:
    form: str
    start: int
    end: int
    kind: str  # phrase or pronoun
    generic: bool = False


def _uses(text, quoted, sentences):
    uses, phrases = [], []
    for form in FORMS:
        for match in PHRASES[form].finditer(text):
            if not _inside(match.start(), quoted):
                uses.append(_Use(form, match.start(), match.end(), "phrase"))
                phrases.append(match.span())
    taken = _Spans(phrases)
    for form in FORMS:
        for match in PRONOUNS[form].finditer(text):
            start, end = match.span()
            if start in quoted or start in taken:
                continue
            word = match.group(0).lower()
            before = text[max(0, start - 12) : start]
            if form == "u" and word == "u" and (HOUR.search(before) or INITIAL.search(before)):
                continue  # 10 u: the hour; de heer U. Demir: an initial
            sentence = sentences.at(start) if word == "je" else None
            generic = bool(sentence) and bool(GENERIC_JE.search(text[sentence[0] : sentence[1]]))
            uses.append(_Use(form, start, end, "pronoun", generic))
    return sorted(uses, key=lambda use: use.start)


def _decide(uses, form):
    counts = Counter(use.form for use in uses if not use.generic)
    if counts["u"] and counts["jij"]:
        detected = "mixed"
    elif counts["u"] or counts["jij"]:
        detected = "u" if counts["u"] else "jij"
    else:
        detected = "none"
    if form in FORMS:
        return detected, form
    if not counts:
        return detected, ""
    if counts["u"] != counts["jij"]:
        return detected, max(FORMS, key=lambda name: counts[name])
    return detected, next(use.form for use in uses if not use.generic)  # a tie: the first clear use decides


def _possessive(previous, following):
    """Is this "je" (or "jullie") a possessive ("bel je adviseur"), not the subject ("als je belt")?"""
    if previous in INVERSION or previous in SUBORDINATORS or not following:
        return False
    return following not in NOT_A_NOUN and following not in SUBJECT_VERBS


def _address_finding(text, use, target):
    found = text[use.start : use.end]
    lower = found.lower()
    previous = _PREVIOUS_WORD.search(text[max(0, use.start - 40) : use.start])
    previous = previous.group(1).lower() if previous else ""
    following = _NEXT_WORD.search(text[use.end : use.end + 40])
    following = following.group(1).lower() if following else ""
    if target == "u":
        if lower.startswith("dank"):
            suggestion = "dank u"
        elif lower in ("alsjeblieft", "ajb"):
            suggestion = "alstublieft"
        elif lower in ("jouw", "jezelf"):
            suggestion = {"jouw": "uw", "jezelf": "uzelf"}[lower]
        elif _possessive(previous, following) and lower in ("je", "jullie"):
            suggestion = "uw"
        else:
            suggestion = "u"
        message = f"In een tekst met ‘u’ hoort ‘{suggestion}’, niet ‘{found}’."
        if previous in INVERSION and lower == "je":
            message = f"In een tekst met ‘u’: ‘{INVERSION[previous]} u’ in plaats van ‘{previous} je’."
    else:
        if lower.startswith("dank"):
            suggestion = "dank je"
        elif lower in ("alstublieft", "a.u.b.", "a.u.b", "aub"):
            suggestion = "alsjeblieft"
        elif lower in ("uw", "uzelf"):
            suggestion = {"uw": "je", "uzelf": "jezelf"}[lower]
        else:
            suggestion = "je"
        message = f"In een tekst met ‘jij’ hoort ‘{suggestion}’, niet ‘{found}’."
        if previous in INVERSION_BACK and lower == "u":
            message = f"In een tekst met ‘jij’: ‘{INVERSION_BACK[previous]} je’ in plaats van ‘{previous} u’."
    if found[:1].isupper():
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return Finding(use.start, use.end, found, f"address-{target}", ERROR, message, suggestion)


def _agreement_findings(text, quoted):
    """For "u", one text keeps to one verb form: u hebt or u heeft, u kunt or u kan, u zult or u zal."""
    findings = []
    matches = [match for match in _AGREEMENT_RE.finditer(text) if not _inside(match.start(), quoted)]
    for pair in AGREEMENT:
        seen = []
        for match in matches:
            verb = (match.group("after") or match.group("before")).lower()
            if verb in pair:
                name = "after" if match.group("after") else "before"
                seen.append((verb, match.start(name), match.end(name)))
        counts = Counter(verb for verb, _start, _end in seen)
        if len(counts) < 2:
            continue
        first = seen[0][0]
        keep = max(pair, key=lambda verb: (counts[verb], verb == first))
        other = pair[1] if keep == pair[0] else pair[0]
        for verb, start, end in seen:
            if verb == other:
                findings.append(
                    Finding(
                        start,
                        end,
                        text[start:end],
                        "agreement",
                        WARNING,
                        f"Deze tekst gebruikt ook ‘u {keep}’; kies één vorm.",
                        keep,
                    )
                )
    return findings


def _word_findings(text, rules, quoted):
    findings = []
    for rule in rules:
        words = r"\s+".join(re.escape(word) for word in rule.phrase.split())
        if not words:
            continue
        for match in re.finditer(r"(?<![\w-])" + words + r"(?![\w-])", text, re.IGNORECASE):
            if _inside(match.start(), quoted):
                continue
            suggestion = " / ".join(rule.replacements)
            message = f"Vermijd ‘{match.group(0)}’" + (f": {rule.reason}" if rule.reason else ".")
            findings.append(
                Finding(match.start(), match.end(), match.group(0), rule.id, rule.severity, message, suggestion)
            )
    return findings


def check(text: str, form: str = "auto", rules=()) -> Report:
    """Check a text against a form of address ("u", "jij" or "auto") and the word rules."""
    if form not in (*FORMS, "auto"):
        raise ValueError(f"form must be 'u', 'jij' or 'auto', not {form!r}")
    quoted = _quoted(text)
    sentences = _Spans(match.span() for match in SENTENCE.finditer(text))
    uses = _uses(text, quoted, sentences)
    detected, target = _decide(uses, form)
    findings = []
    for use in uses:
        if use.generic:
            if target == "u":
                findings.append(
                    Finding(
                        use.start,
                        use.end,
                        text[use.start : use.end],
                        "generic-je",
                        ADVICE,
                        "Dit ‘je’ betekent ‘men’; in een tekst met ‘u’ leest ‘men’ of een omschrijving rustiger.",
                        "men",
                    )
                )
        elif target and use.form != target:
            findings.append(_address_finding(text, use, target))
    if target == "u":
        findings.extend(_agreement_findings(text, quoted))
    findings.extend(_word_findings(text, rules, quoted))
    findings.sort(key=lambda finding: (finding.start, finding.end))
    return Report(detected=detected, form=target, findings=findings)
