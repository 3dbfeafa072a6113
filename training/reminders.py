"""Monthly reminders: people whose required modules are missing, expiring or expired; a digest for managers."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.mail import send_to
from partners.models import Membership, Partner

from .models import Reminder
from .team import team_progress

logger = logging.getLogger(__name__)
SENT, SKIPPED, FAILED = "sent", "skipped", "failed"

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


@dataclass
class Summary:
    personal: int = 0
    digests: int = 0
    failed: int = 0

    def count(self, outcome, kind):
        if outcome == SENT:
            setattr(self, kind, getattr(self, kind) + 1)
        elif outcome == FAILED:
            self.failed += 1


def send_reminders(now=None):
    """Send what is due this month and was not sent yet; one failing address does not stop the rest."""
    now = now or timezone.now()
    period = timezone.localtime(now).strftime("%Y-%m")
    sent = set(Reminder.objects.filter(period=period).values_list("user_id", "module_id", "kind"))
    summary = Summary()
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
                fresh = [c for c in due if (member.user_id, c["module"].pk, KIND_BY_STATUS[c["status"]]) not in sent]
                if fresh:
                    context = {"member": member, "partner": partner}
                    summary.count(deliver(member.user, "training/email/reminder", context, fresh, period), "personal")
            managers = [member for member, _cells in rows if member.is_manager]
            for manager in managers if team_items else []:
                if (manager.user_id, None, Reminder.Kind.DIGEST) not in sent:
                    context = {"manager": manager, "team": team_items, "partner": partner}
                    summary.count(deliver(manager.user, "training/email/digest", context, None, period), "digests")
    return summary


def deliver(user, template, context, items, period):
    """Record and send in one transaction: a mail that fails leaves no record, so the next run tries again."""
    try:
        with transaction.atomic():
            if items is None:
                claimed = claim(user, Reminder.Kind.DIGEST, period)
            else:
                items = [cell for cell in items if claim(user, KIND_BY_STATUS[cell["status"]], period, cell["module"])]
                claimed = bool(items)
                context = {**context, "items": items}
            if not claimed:
                return SKIPPED
            send(user, template, context)
            return SENT
    except Exception:  # one bad address or a hiccup of the mail server must not stop everyone else's reminders
        logger.exception("Training reminder to user %s failed", user.pk)
        return FAILED


def send(user, template, context):
    send_to(user, template, {**context, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")})
