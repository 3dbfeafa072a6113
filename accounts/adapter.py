from allauth.account.adapter import DefaultAccountAdapter
from django import forms
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
