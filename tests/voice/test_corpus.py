"""The u/jij checker against the labelled corpus: precision and recall of the mixed-form findings (at least
0.95), of verb agreement for "u" and of generic "je", and what each text is detected to do."""

import re

from voice.checker import ADVICE, ERROR, check

from .corpus import CASES, problems

MARKERS = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}|<<(.+?)>>")
THRESHOLD = 0.95


def parse(marked):
    """The plain text and the labelled spans: errors [[..]], generic je {{..}}, verb agreement <<..>>."""
    text, labels, position = [], {"error": [], "generic": [], "agreement": []}, 0
    for match in MARKERS.finditer(marked):
        text.append(marked[position : match.start()])
        start = sum(len(part) for part in text)
        word = next(group for group in match.groups() if group is not None)
        kind = ("error", "generic", "agreement")[[g is not None for g in match.groups()].index(True)]
        labels[kind].append((start, start + len(word)))
        text.append(word)
        position = match.end()
    text.append(marked[position:])
    return "".join(text), labels


PARSED = [(case, *parse(case.text)) for case in CASES]


def overlaps(span, spans):
    return any(span[0] < end and start < span[1] for start, end in spans)


def score(kind, select):
    """Precision and recall of the findings `select` picks, against the labels of `kind`, over the corpus."""
    true_positive = false_positive = false_negative = 0
    misses = []
    for case, text, labels in PARSED:
        found = [(f.start, f.end) for f in check(text, case.form).findings if select(f)]
        expected = labels[kind]
        for span in found:
            if overlaps(span, expected):
                true_positive += 1
            else:
                false_positive += 1
                misses.append(f"extra {text[span[0] : span[1]]!r} in {case.text!r}")
        for span in expected:
            if not overlaps(span, found):
                false_negative += 1
                misses.append(f"missed {text[span[0] : span[1]]!r} in {case.text!r}")
    precision = true_positive / ((true_positive + false_positive) or 1)
    recall = true_positive / ((true_positive + false_negative) or 1)
    return precision, recall, misses


def test_the_corpus_is_large_and_covers_every_case():
    assert len(CASES) >= 150
    topics = {case.topic for case in CASES}
    for topic in ["possessive je", "inversion", "reflexive", "verb agreement", "imperative", "hour", "quotation"]:
        assert topic in topics
    assert {case.form for case in CASES} == {"u", "jij", "auto"}


def test_mixed_forms_are_found_with_high_precision_and_recall():
    precision, recall, misses = score("error", lambda f: f.rule.startswith("address-") and f.severity == ERROR)
    print(f"\nmixed-form findings: precision {precision:.3f}, recall {recall:.3f}")  # noqa: T201
    assert precision >= THRESHOLD and recall >= THRESHOLD, "\n".join(misses)


def test_verb_agreement_for_u_is_found():
    precision, recall, misses = score("agreement", lambda f: f.rule == "agreement")
    print(f"\nverb agreement: precision {precision:.3f}, recall {recall:.3f}")  # noqa: T201
    assert precision >= THRESHOLD and recall >= THRESHOLD, "\n".join(misses)


def test_a_generic_je_in_a_u_text_is_advice_not_an_error():
    precision, recall, misses = score("generic", lambda f: f.severity == ADVICE)
    print(f"\ngeneric je: precision {precision:.3f}, recall {recall:.3f}")  # noqa: T201
    assert precision >= 0.9 and recall >= 0.9, "\n".join(misses)


def test_what_the_text_does_is_detected():
    wrong = [(case.text, case.detected, check(text, case.form).detected) for case, text, _labels in PARSED]
    wrong = [row for row in wrong if row[1] != row[2]]
    assert len(wrong) <= (1 - THRESHOLD) * len(CASES), "\n".join(map(str, wrong))


def test_the_corpus_labels_are_well_formed():
    assert problems(CASES) == []
