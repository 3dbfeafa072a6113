"""The u/jij checker: does a Dutch text address the reader in one form, and does it avoid the brand's words?

`check(text, form, rules, prefer)` returns a `Report` with what the text does (`detected`: "u", "jij", "mixed" or
"none") and its findings, each with character offsets into the text. Quotations (a customer's own words),
the hour after a number ("10 u"), abbreviations (a.u.b. aside, "m.u.v.") and compounds ("U-bocht") are never
taken for a form of address. A generic "je" ("je weet maar nooit") in a u-text is advice, not an error.

No Django import: the teksttoets, the API, the command line, the editor's check and the tests use it as is.
Every pattern, word list, table and message is a module constant: `voice.engine_data` hands them to the editor's
JavaScript port (voice/static/voice/checker.js), so the two engines cannot drift. Messages are Dutch; a finding
also keeps its untranslated `template` and `params`, so the Django side can do gettext(template) % params.
"""

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field


def gettext_noop(message):
    """Marks a message for the translation catalogue; the Django side translates it (no Django import here)."""
    return message


ERROR, WARNING, ADVICE = "error", "warning", "advice"
FORMS = ("u", "jij")
ADDRESS_RULES = {"u": "address-u", "jij": "address-jij"}  # the rule id of a form that does not fit the target
GENERIC_JE_RULE = "generic-je"
AGREEMENT_RULE = "agreement"

ADDRESS_MESSAGE = gettext_noop("In een tekst met ‘%(form)s’ hoort ‘%(suggestion)s’, niet ‘%(found)s’.")
INVERTED_MESSAGE = gettext_noop(
    "In een tekst met ‘%(form)s’: ‘%(verb)s %(pronoun)s’ in plaats van ‘%(previous)s %(other)s’."
)
GENERIC_JE_MESSAGE = gettext_noop(
    "Dit ‘je’ betekent ‘men’; in een tekst met ‘u’ leest ‘men’ of een omschrijving rustiger."
)
AGREEMENT_MESSAGE = gettext_noop("Deze tekst gebruikt ook ‘u %(keep)s’; kies één vorm.")
PREFERRED_MESSAGE = gettext_noop("Wij schrijven ‘u %(keep)s’, niet ‘u %(found)s’.")
AVOID_MESSAGE = gettext_noop("Vermijd ‘%(found)s’.")
AVOID_BECAUSE_MESSAGE = gettext_noop("Vermijd ‘%(found)s’: %(reason)s")  # the reason is the brand's own text

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
AGREEMENT_PATTERN = re.compile(
    _BEFORE + r"(?:u\s+(?P<after>hebt|heeft|kunt|kan|zult|zal)|(?P<before>hebt|heeft|kunt|kan|zult|zal)\s+u)" + _AFTER,
    re.IGNORECASE,
)
PREVIOUS_WORD = re.compile(r"(\w+)\s*$")
NEXT_WORD = re.compile(r"^\s*(\w+)")
# A word rule's phrase stands alone: not part of a longer word or a hyphenated compound.
PHRASE_BEFORE, PHRASE_AFTER = r"(?<![\w-])", r"(?![\w-])"
# How far back the hour and an initial are looked for, and how far around a pronoun its neighbours.
HOUR_REACH, WORD_REACH = 12, 40
# How far back a span may start and still hold a position (quotations are short; this bounds the look-back).
SPAN_REACH = 2000

# The suggestion for a word that does not fit the target form: "dank je" -> "dank u", a table of words, a possessive
# "je" (bel je adviseur) -> "uw", else the target's pronoun.
THANKS_PREFIX, THANKS = "dank", {"u": "dank u", "jij": "dank je"}
SUGGESTIONS = {
    "u": {"alsjeblieft": "alstublieft", "ajb": "alstublieft", "jouw": "uw", "jezelf": "uzelf"},
    "jij": {
        "alstublieft": "alsjeblieft",
        "a.u.b.": "alsjeblieft",
        "a.u.b": "alsjeblieft",
        "aub": "alsjeblieft",
        "uw": "je",
        "uzelf": "jezelf",
    },
}
POSSESSIVE, POSSESSIVE_WORDS = {"u": "uw"}, ("je", "jullie")
PRONOUN = {"u": "u", "jij": "je"}
GENERIC_JE_SUGGESTION = "men"
# The verb before the pronoun in the target form: "kun je" -> "kunt u", "kunt u" -> "kun je".
INVERTED = {"u": INVERSION, "jij": INVERSION_BACK}


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
    message: str  # Dutch: the template filled in
    suggestion: str = ""
    template: str = ""  # the untranslated message, for gettext
    params: dict = field(default_factory=dict, hash=False)


def _finding(start, end, text, rule, severity, template, params, suggestion=""):
    return Finding(start, end, text, rule, severity, template % params, suggestion, template, params)


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
            if position - start > SPAN_REACH:
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
            before = text[max(0, start - HOUR_REACH) : start]
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
    previous = PREVIOUS_WORD.search(text[max(0, use.start - WORD_REACH) : use.start])
    previous = previous.group(1).lower() if previous else ""
    following = NEXT_WORD.search(text[use.end : use.end + WORD_REACH])
    following = following.group(1).lower() if following else ""
    if lower.startswith(THANKS_PREFIX):
        suggestion = THANKS[target]
    elif lower in SUGGESTIONS[target]:
        suggestion = SUGGESTIONS[target][lower]
    elif target in POSSESSIVE and lower in POSSESSIVE_WORDS and _possessive(previous, following):
        suggestion = POSSESSIVE[target]
    else:
        suggestion = PRONOUN[target]
    template, params = ADDRESS_MESSAGE, {"form": target, "suggestion": suggestion, "found": found}
    other = PRONOUN[FORMS[1] if target == FORMS[0] else FORMS[0]]
    if previous in INVERTED[target] and lower == other:
        template = INVERTED_MESSAGE
        params = {"form": target, "verb": INVERTED[target][previous], "pronoun": PRONOUN[target]}
        params.update(previous=previous, other=other)
    if found[:1].isupper():
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return _finding(use.start, use.end, found, ADDRESS_RULES[target], ERROR, template, params, suggestion)


def _agreement_findings(text, quoted, prefer):
    """For "u", one text keeps to one verb form: u hebt or u heeft, u kunt or u kan, u zult or u zal.

    A preferred verb (the brand's choice) wins even when the text uses only the other one; without a preference
    the majority wins, and on a tie the first one used.
    """
    findings = []
    matches = [match for match in AGREEMENT_PATTERN.finditer(text) if not _inside(match.start(), quoted)]
    for pair in AGREEMENT:
        seen = []
        for match in matches:
            verb = (match.group("after") or match.group("before")).lower()
            if verb in pair:
                name = "after" if match.group("after") else "before"
                seen.append((verb, match.start(name), match.end(name)))
        preferred = [verb for verb in pair if verb in prefer]
        counts = Counter(verb for verb, _start, _end in seen)
        if preferred:
            keep, template = preferred[0], PREFERRED_MESSAGE
        elif len(counts) < 2:
            continue
        else:
            first = seen[0][0]
            keep, template = max(pair, key=lambda verb: (counts[verb], verb == first)), AGREEMENT_MESSAGE
        for verb, start, end in seen:
            if verb != keep:
                found = text[start:end]
                params = {"keep": keep, "found": found}
                findings.append(_finding(start, end, found, AGREEMENT_RULE, WARNING, template, params, keep))
    return findings


def word_pattern(phrase):
    """The pattern of a word rule's phrase (any case, any white space between its words), or None when empty."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(PHRASE_BEFORE + words + PHRASE_AFTER, re.IGNORECASE) if words else None


def _word_findings(text, rules, quoted):
    findings = []
    for rule in rules:
        pattern = word_pattern(rule.phrase)
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            if _inside(match.start(), quoted):
                continue
            found = match.group(0)
            template = AVOID_BECAUSE_MESSAGE if rule.reason else AVOID_MESSAGE
            params = {"found": found, "reason": rule.reason}
            suggestion = " / ".join(rule.replacements)
            findings.append(
                _finding(match.start(), match.end(), found, rule.id, rule.severity, template, params, suggestion)
            )
    return findings


def preferred(prefer):
    """The preferred verbs in lower case; refuses a verb that is no choice for "u" and both verbs of one pair."""
    prefer = tuple(verb.lower() for verb in prefer)
    known = {verb for pair in AGREEMENT for verb in pair}
    unknown = [verb for verb in prefer if verb not in known]
    if unknown:
        raise ValueError(f"prefer takes verbs of {AGREEMENT}, not {unknown}")
    if any(all(verb in prefer for verb in pair) for pair in AGREEMENT):
        raise ValueError(f"prefer takes one verb of a pair, not {prefer}")
    return prefer


def check(text: str, form: str = "auto", rules=(), prefer=()) -> Report:
    """Check a text against a form of address ("u", "jij" or "auto"), the word rules and the preferred u-verbs."""
    if form not in (*FORMS, "auto"):
        raise ValueError(f"form must be 'u', 'jij' or 'auto', not {form!r}")
    prefer = preferred(prefer)
    quoted = _quoted(text)
    sentences = _Spans(match.span() for match in SENTENCE.finditer(text))
    uses = _uses(text, quoted, sentences)
    detected, target = _decide(uses, form)
    findings = []
    for use in uses:
        if use.generic:
            if target == "u":
                found = text[use.start : use.end]
                findings.append(
                    _finding(
                        use.start,
                        use.end,
                        found,
                        GENERIC_JE_RULE,
                        ADVICE,
                        GENERIC_JE_MESSAGE,
                        {},
                        GENERIC_JE_SUGGESTION,
                    )
                )
        elif target and use.form != target:
            findings.append(_address_finding(text, use, target))
    if target == "u":
        findings.extend(_agreement_findings(text, quoted, prefer))
    findings.extend(_word_findings(text, rules, quoted))
    findings.sort(key=lambda finding: (finding.start, finding.end))
    return Report(detected=detected, form=target, findings=findings)
