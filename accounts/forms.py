from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """Deleting asks for the password here and now, whenever the person last logged in."""

    password = forms.CharField(
        label=_("Je huidige wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account wordt verwijderd en dat dit niet ongedaan kan worden gemaakt."),
        error_messages={"required": _("Vink aan dat je je account wilt verwijderen.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet. Er is niets verwijderd."))
        return password
