from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import start_session_clock


@receiver(user_logged_in)
def clock_new_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
