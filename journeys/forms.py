"""The customer's feedback form (public, spam-resistant), a partner's suggestion, and the NPS period."""

import uuid

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tools.forms import PERSONAL_DATA

from .models import COMMENT_MAX_LENGTH, Suggestion
from .nps import HIGHEST, LOWEST

SUBMISSION_SALT = "journeys.feedback"
SUBMISSION_MAX_AGE = 60 * 60 * 24  # a form left open for a day is stale
HONEYPOT = "website"

# The customer is addressed as the brand addresses customers on its website: formal or informal.
QUESTIONS = {
    "u": {
        "score": pgettext_lazy(
            "formal", "Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden, familie of collega's?"
        ),
        "comment": pgettext_lazy("formal", "Wilt u uw score toelichten? (niet verplicht)"),
    },
    "jij": {
        "score": pgettext_lazy(
            "informal", "Hoe waarschijnlijk is het dat je ons aanbeveelt bij vrienden, familie of collega's?"
        ),
        "comment": pgettext_lazy("informal", "Wil je je score toelichten? (niet verplicht)"),
    },
}
SCORE_CHOICES = [(score, str(score)) for score in range(LOWEST, HIGHEST + 1)]
STALE_FORM = _("Dit formulier is verlopen of gewijzigd. Open de link opnieuw en vul het nog een keer in.")


def refuse_personal_data(text, message):
    """Raise with `message` (which names %(what)s) when the text looks like it holds someone's personal data."""
    for pattern, what in PERSONAL_DATA:
        if pattern.search(text):
            raise forms.ValidationError(message % {"what": what})


def submission_token(code):
    """A signed, fresh submission id for one filled-in form of one link."""
    return signing.dumps({"link": code, "submission": uuid.uuid4().hex}, salt=SUBMISSION_SALT)


class FeedbackForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een score van 0 tot en met 10."),
            "invalid_choice": _("Kies een score van 0 tot en met 10."),
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    submission = forms.CharField(widget=forms.HiddenInput, error_messages={"required": STALE_FORM})
    # Hidden from people (and from screen readers); bots fill in every field they find.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    def __init__(self, *args, code, form="u", **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code
        texts = QUESTIONS.get(form, QUESTIONS["u"])
        self.fields["score"].label = texts["score"]
        self.fields["comment"].label = texts["comment"]
        self.fields["comment"].help_text = _("Noem geen namen, adressen, telefoonnummers of andere persoonsgegevens.")
        self.fields[HONEYPOT].widget.attrs.update(tabindex="-1", autocomplete="off")
        if not self.is_bound:
            self.initial["submission"] = submission_token(code)

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT))

    def clean_submission(self):
        try:
            data = signing.loads(self.cleaned_data["submission"], salt=SUBMISSION_SALT, max_age=SUBMISSION_MAX_AGE)
            if data["link"] != self.code:
                raise ValueError
            return uuid.UUID(data["submission"])
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise forms.ValidationError(STALE_FORM) from error

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        refuse_personal_data(comment, _("Dit lijkt %(what)s. Laat persoonsgegevens weg; de toelichting is anoniem."))
        return comment


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["problem", "proposal"]
        labels = {"problem": _("Wat gaat er mis voor de klant?"), "proposal": _("Wat zou helpen?")}
        widgets = {"problem": forms.Textarea(attrs={"rows": 3}), "proposal": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "problem": {
                "required": _("Beschrijf wat er misgaat voor de klant."),
                "max_length": _("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
            },
            "proposal": {
                "required": _("Beschrijf wat zou helpen."),
                "max_length": _("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
            },
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "voorstel")
        super().__init__(*args, **kwargs)

    def _without_personal_data(self, name):
        text = self.cleaned_data[name].strip()
        refuse_personal_data(text, _("Dit lijkt %(what)s. Beschrijf wat er gebeurt zonder gegevens van klanten."))
        return text

    def clean_problem(self):
        return self._without_personal_data("problem")

    def clean_proposal(self):
        return self._without_personal_data("proposal")


PERIODS = [
    (30, _("de laatste 30 dagen")),
    (90, _("de laatste 90 dagen")),
    (365, _("het laatste jaar")),
    (0, _("altijd")),
]


class PeriodForm(forms.Form):
    periode = forms.TypedChoiceField(
        label=_("Periode"), choices=PERIODS, coerce=int, initial=90, required=False, empty_value=90
    )

    def days(self):
        return self.cleaned_data["periode"] if self.is_valid() else 90
