from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

FORM_CHOICES = [
    ("u", _("u (formeel)")),
    ("jij", _("jij (informeel)")),
    ("auto", _("laat de tekst het zeggen (de eerste duidelijke vorm of de meerderheid)")),
]


def max_text_length():
    return settings.VOICE_MAX_TEXT_LENGTH


def grouped(number):
    return number_format(number, force_grouping=True)


class TextCheckForm(forms.Form):
    """The teksttoets: a pasted text and the form it should keep to."""

    text = forms.CharField(
        label=_("Tekst"),
        strip=False,  # findings point at characters of the text as it was pasted
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
        error_messages={"required": _("Plak of typ eerst een tekst.")},
    )
    form = forms.ChoiceField(label=_("Aanspreekvorm"), choices=FORM_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength attribute: a browser would cut a longer paste off without a word; the server explains.
        self.fields["text"].help_text = _("Hoogstens %(limit)s tekens.") % {"limit": grouped(max_text_length())}

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("Plak of typ eerst een tekst."), code="required")
        if len(text) > max_text_length():
            raise forms.ValidationError(
                _("Deze tekst heeft %(length)s tekens; de toets neemt er hoogstens %(limit)s. Toets hem in delen."),
                code="max_length",
                params={"length": grouped(len(text)), "limit": grouped(max_text_length())},
            )
        return text


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Waarvoor is de sleutel?"),
        max_length=80,
        help_text=_("Bijvoorbeeld ‘CRM’ of ‘website’; zo weet je later welke je intrekt."),
        error_messages={"required": _("Geef de sleutel een naam.")},
    )
