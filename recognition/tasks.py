from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task


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
        "user": notice.user,
        "scorecard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("recognition:scorecard"),
    }
    with translation.override(notice.user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("recognition/email/level_change_subject.txt", context).strip()
        text = render_to_string("recognition/email/level_change.txt", context)
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [notice.user.email])
    LevelNotice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


@task()
def refresh_standings(cause):
    """After the brand team changed the levels or weights: every partner's level again."""
    from .standing import refresh

    refresh(cause=cause)
