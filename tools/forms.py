import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .calculator import CalculationError, explain, out_of_bounds, parse_number, show_input
from .formulas import DivideByZero

PREFIX = "invoer"


class NumberField(forms.Field):
    """A number typed as text (inputmode decimal): accepts 1.250,50 and 1250.50, checks the editor's bounds."""

    def __init__(self, item, **kwargs):
        self.item = item
        self.unit = item.unit
        super().__init__(**kwargs)
        self.error_messages["required"] = _("Vul hier een getal in.")

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_number(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def validate(self, value):
        super().validate(value)
        problem = out_of_bounds(self.item, value) if value is not None else None
        if problem:
            raise forms.ValidationError(problem, code="out_of_bounds")


class CalculatorForm(forms.Form):
    """The partner's form: one field per input, with the editor's defaults; `calculate` gives the outputs."""

    def __init__(self, definition, *args, **kwargs):
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.results = None
        for item in definition.inputs:
            self.fields[item.name] = self._field(item)

    def _field(self, item):
        common = {"label": item.label, "help_text": item.help}
        if item.kind == "choice":
            choices = [(str(index), label) for index, (label, _value) in enumerate(item.options)]
            widget = forms.RadioSelect if len(choices) <= 4 else forms.Select
            field = forms.TypedChoiceField(choices=choices, coerce=int, initial="0", widget=widget, **common)
            field.error_messages["invalid_choice"] = _("Kies een van de mogelijkheden.")
            field.error_messages["required"] = _("Kies een van de mogelijkheden.")
            return field
        if item.kind == "yes_no":
            return forms.BooleanField(required=False, initial=bool(item.default), **common)
        field = NumberField(item, **common)
        if item.default is not None:
            field.initial = show_input(item.default)
        return field

    def given(self):
        """The cleaned answers as the formulas see them: numbers, a choice's value, 1 or 0 for yes or no."""
        values = {}
        for item in self.definition.inputs:
            answer = self.cleaned_data[item.name]
            if item.kind == "choice":
                values[item.name] = item.options[answer][1]
            elif item.kind == "yes_no":
                values[item.name] = Decimal(1 if answer else 0)
            else:
                values[item.name] = answer
        return values

    def calculate(self):
        """The outputs, or None with the problem put at the inputs behind the formula that failed."""
        if not self.is_valid():
            return None
        try:
            self.results = self.definition.compute(self.given())
        except CalculationError as failure:
            label = failure.value.label or failure.value.name
            if isinstance(failure.error, DivideByZero):
                message = _("Met deze waarden deelt de berekening van ‘%(output)s’ door nul.") % {"output": label}
            else:
                message = _("Met deze waarden kan ‘%(output)s’ niet berekend worden: %(reason)s") % {
                    "output": label,
                    "reason": explain(failure.error),
                }
            behind = self.definition.inputs_behind(failure.value)
            for item in behind:
                self.add_error(item.name, message)
            if not behind:
                self.add_error(None, message)
            return None
        return self.results

    def answers(self):
        """(label, answer as shown) pairs, for the printout and the PDF."""
        shown = []
        for item in self.definition.inputs:
            answer = self.cleaned_data[item.name]
            if item.kind == "choice":
                text = item.options[answer][0]
            elif item.kind == "yes_no":
                text = _("ja") if answer else _("nee")
            else:
                text = show_input(answer, item.unit)
            shown.append((item.label, text))
        return shown

    def error_data(self):
        return {
            (f"{PREFIX}-{name}" if name != "__all__" else "__all__"): [str(message) for message in messages]
            for name, messages in self.errors.items()
        }


DATES_AND_TIMES = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}[:.]\d{2}\b")
# Things that look like a customer's personal data in a run's label: an e-mail address, a phone number,
# a citizen service number or a postcode.
PERSONAL_DATA = [
    (re.compile(r"\S+@\S+\.\S+"), gettext_lazy("een e-mailadres")),
    # Ten digits from a leading 0 or nine after +31/0031, with spaces or hyphens; a date has only eight.
    (re.compile(r"(?:\+31|\b0031|\b0)(?:[\s-]?\d){9}\b"), gettext_lazy("een telefoonnummer")),
    (re.compile(r"\b\d{9}\b"), gettext_lazy("een burgerservicenummer")),
    # 1234 AB or 1234ab, but not a year before a word ("2026 na de zomer").
    (re.compile(r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b"), gettext_lazy("een postcode")),
]


class RunStartForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Korte omschrijving"),
        max_length=80,
        help_text=gettext_lazy(
            "Zodat je de ronde later terugvindt, bijvoorbeeld ‘Intake dinsdagochtend’. "
            "Vul geen naam, adres of andere persoonsgegevens van de klant in."
        ),
        error_messages={
            "required": gettext_lazy("Vul een korte omschrijving in."),
            "max_length": gettext_lazy("Gebruik hoogstens 80 tekens."),
        },
    )

    def clean_label(self):
        label = " ".join(self.cleaned_data["label"].split())
        # Dates and times are fine in a label ("Intake 05-03-2026 10:30"); only the rest is checked.
        rest = DATES_AND_TIMES.sub(" ", label)
        for pattern, what in PERSONAL_DATA:
            if pattern.search(rest):
                raise forms.ValidationError(
                    _("Dit lijkt %(what)s. Laat persoonsgegevens van de klant weg.") % {"what": what}
                )
        return label


class RunForm(forms.Form):
    """Ticks and notes for every item of the checklist as it is now."""

    def __init__(self, items, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"done-{item.id}"] = forms.BooleanField(required=False, label=item.text)
            self.fields[f"note-{item.id}"] = forms.CharField(
                required=False,
                max_length=500,
                label=_("Notitie bij: %(item)s") % {"item": item.text},
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": _("Een notitie is hoogstens 500 tekens.")},
            )

    def answers(self):
        return {
            item.id: {
                "done": self.cleaned_data[f"done-{item.id}"],
                "note": self.cleaned_data[f"note-{item.id}"].strip(),
            }
            for item in self.items
        }
