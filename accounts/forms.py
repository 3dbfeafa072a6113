from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from partners import invitations
from partners.models import partner_owning
from partners.signals import SESSION_KEY

from .adapter import EMAIL_MAX_LENGTH


class SignupForm(AllauthSignupForm):
    """Only invited addresses and addresses on a registered partner domain may sign up."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)

    field_order = ["email", "first_name", "last_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.widget.attrs["maxlength"] = str(EMAIL_MAX_LENGTH)
        self.invitation = self._invitation()
        if self.invitation is not None:
            email.initial = self.invitation.email
            email.disabled = True
            email.help_text = _("Je bent uitgenodigd door %(partner)s.") % {"partner": self.invitation.partner}

    def _invitation(self):
        token = context.request.session.get(SESSION_KEY) if context.request else None
        if not token:
            return None
        try:
            return invitations.find_usable(token)
        except invitations.InvitationError:
            return None

    def clean_email(self):
        email = super().clean_email()
        if self.invitation is not None and email == self.invitation.email:
            return email
        owner = partner_owning(email)
        if owner is None or not owner.is_active:
            raise forms.ValidationError(
                _(
                    "Aanmelden kan alleen met een e-mailadres van een aangesloten partner of via een "
                    "uitnodiging. Vraag je leidinggevende om een uitnodiging."
                ),
                code="domain_not_registered",
            )
        return email
