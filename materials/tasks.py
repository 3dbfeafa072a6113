from django.conf import settings
from django.utils import timezone
from django_tasks import task

from accounts.mail import send_to


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
        "material": material,
        "material_url": absolute(material),
        "replacement_url": absolute(material.replaced_by) if material.replaced_by else "",
    }
    send_to(notice.user, "materials/email/outdated", context)
    OutdatedNotice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
