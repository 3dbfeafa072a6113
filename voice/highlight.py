"""A checked text as segments, so a template can mark each finding in place without building HTML in Python."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    number: int = 0  # the finding's number in the list beside the text; 0 for plain text
    severity: str = ""


def marked(text, findings):
    """Plain and marked segments in text order; a finding inside an earlier mark is only listed, not marked twice."""
    segments, position = [], 0
    for number, finding in enumerate(findings, start=1):
        if finding.start < position:
            continue
        if finding.start > position:
            segments.append(Segment(text[position : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], number, finding.severity))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def line_and_column(text, offset):
    """1-based line and column of a character offset, as an editor shows them."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
