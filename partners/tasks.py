from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_invitation_email(invitation_id):
    from .models import Invitation

    invitation = Invitation.objects.select_related("partner", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        return
    context = {
        "invitation": invitation,
        "accept_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + invitation.get_accept_url(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("partners/email/invitation_subject.txt", context).strip()
        text = render_to_string("partners/email/invitation.txt", context)
        html = render_to_string("partners/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
