from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

EMAIL_MAX_LENGTH = 254


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Every allauth form with an address (signup, adding one) stops over-long input cleanly."""
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                _("Een e-mailadres is hoogstens %(max)d tekens lang.") % {"max": EMAIL_MAX_LENGTH}
            )
        return super().clean_email(email)


def client_ip(request):
    """The visitor's address for every rate limit: allauth's reading, which trusts X-Forwarded-For only as far as
    TRUSTED_PROXY_COUNT proxies reach. django-ratelimit uses it too (RATELIMIT_IP_META_KEY), so behind a proxy the
    customers of one partner do not share one limit, and a client cannot pick its own address by sending the header.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no readable address at all: such requests share one limit
        return "0.0.0.0"  # noqa: S104 - a rate-limit key, not a bind address
