"""Uses of the teksttoets as events: who checked how much against which form, never the text itself."""

from .models import TextCheck


def record_check(report, text, *, via, partner=None, user=None, token=None):
    counts = {"error": 0, "warning": 0}
    for finding in report.findings:
        if finding.severity in counts:
            counts[finding.severity] += 1
    return TextCheck.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        partner=partner,
        token=token,
        via=via,
        form=report.form,
        detected=report.detected,
        words=len(text.split()),
        errors=counts["error"],
        warnings=counts["warning"],
    )
