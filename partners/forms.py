from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.adapter import EMAIL_MAX_LENGTH
from accounts.models import normalize_email

from . import invitations
from .models import Role, partner_owning
from .signals import SESSION_KEY


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Vul een e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            "max_length": _("Een e-mailadres is hoogstens 254 tekens lang."),
        },
    )
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.STAFF)

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Rol"), choices=Role.choices, error_messages={"invalid_choice": _("Kies een geldige rol.")}
    )


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
