from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role


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
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Rol"), choices=Role.choices, error_messages={"invalid_choice": _("Kies een geldige rol.")}
    )
