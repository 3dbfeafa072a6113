"""Monthly reminders: people whose required modules are missing, expiring or expired; a digest for managers."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from partners.models import Membership, Partner

from .models import Reminder
from .team import team_progress

KIND_BY_STATUS = {
    "todo": Reminder.Kind.MISSING,
    "expires_soon": Reminder.Kind.EXPIRING,
    "expired": Reminder.Kind.EXPIRED,
}


def claim(user, kind, period, module=None):
    """Record the reminder; False when it was sent in this period already (also under concurrency)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(user=user, module=module, kind=kind, period=period)
    except IntegrityError:
        return False
    return True


def claim_for(user, cell, period):
    return claim(user, KIND_BY_STATUS[cell["status"]], period, cell["module"])


def send_reminders(now=None):
    """Send what is due this month and was not sent yet. Returns (personal emails, digests)."""
    now = now or timezone.now()
    period = now.strftime("%Y-%m")
    personal = digests = 0
    with translation.override(settings.LANGUAGE_CODE):
        for partner in Partner.objects.filter(is_active=True):
            viewer = Membership.objects.current().filter(partner=partner).select_related("partner", "user").first()
            if viewer is None:
                continue
            _modules, rows = team_progress(viewer)
            team_items = []
            for member, cells in rows:
                due = [cell for cell in cells if cell["status"] in KIND_BY_STATUS]
                if due:
                    team_items.append((member, due))
                # Record and send together: a mail that fails leaves no record, so the next run tries again.
                with transaction.atomic():
                    new = [cell for cell in due if claim_for(member.user, cell, period)]
                    if new:
                        send(
                            member.user, "training/email/reminder", {"member": member, "items": new, "partner": partner}
                        )
                        personal += 1
            if not team_items:
                continue
            for manager in (member for member, _cells in rows if member.is_manager):
                with transaction.atomic():
                    if claim(manager.user, Reminder.Kind.DIGEST, period):
                        context = {"manager": manager, "team": team_items, "partner": partner}
                        send(manager.user, "training/email/digest", context)
                        digests += 1
    return personal, digests


def send(user, template, context):
    context = {**context, "user": user, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
