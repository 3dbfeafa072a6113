from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task


def absolute(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (page.get_url() or "/")


@task()
def send_outdated_notice_email(notice_id):
    """One email per notice; running it twice sends nothing the second time."""
    from .models import OutdatedNotice

    notice = (
        OutdatedNotice.objects.select_related("user", "version__material", "version__material__replaced_by")
        .filter(pk=notice_id, emailed_at__isnull=True)
        .first()
    )
    if notice is None or not notice.user.is_active:
        return
    material = notice.version.material
    context = {
        "notice": notice,
        "user": notice.user,
        "material": material,
        "material_url": absolute(material),
        "replacement_url": absolute(material.replaced_by) if material.replaced_by else "",
    }
    with translation.override(notice.user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("materials/email/outdated_subject.txt", context).strip()
        text = render_to_string("materials/email/outdated.txt", context)
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [notice.user.email])
    OutdatedNotice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
