from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from accounts.mail import send_to


@task()
def send_level_notice_email(notice_id):
    """One email per notice; running it twice sends nothing the second time."""
    from .models import LevelNotice

    notice = (
        LevelNotice.objects.select_related("user", "change__partner", "change__level")
        .filter(pk=notice_id, emailed_at__isnull=True)
        .first()
    )
    if notice is None or not notice.user.is_active:
        return
    context = {
        "notice": notice,
        "change": notice.change,
        "scorecard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("recognition:scorecard"),
    }
    send_to(notice.user, "recognition/email/level_change", context)
    LevelNotice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


@task()
def refresh_standings(cause):
    """After the brand team changed the levels or weights: every partner's level again."""
    from .standing import refresh

    refresh(cause=cause)
