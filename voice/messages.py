"""The checker's messages in the reader's language; the engine itself writes Dutch and knows no Django."""

from django.utils.translation import gettext


def message(finding):
    template = getattr(finding, "template", "")
    if not template:
        return finding.message
    return gettext(template) % getattr(finding, "params", {})


def finding_data(finding):
    """A finding as the API and the command's JSON give it."""
    return {
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": message(finding),
        "suggestion": finding.suggestion,
    }


def report_data(report):
    return {
        "detected": report.detected,
        "form": report.form,
        "counts": {
            severity: sum(1 for finding in report.findings if finding.severity == severity)
            for severity in ("error", "warning", "advice")
        },
        "findings": [finding_data(finding) for finding in report.findings],
    }
