import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .calculator import CalculationError, parse_number, show_input
from .formulas import DivideByZero

PREFIX = "invoer"


class NumberField(forms.Field):
    """A number typed as text (inputmode decimal): accepts 1.250,50 and 1250.50, checks the editor's bounds."""

    def __init__(self, item, **kwargs):
        self.item = item
        self.unit = item.unit
        super().__init__(**kwargs)
        self.error_messages["required"] = _("Vul %(label)s in.") % {"label": item.label.lower()}

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_number(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        item = self.item
        if item.minimum is not None and value < item.minimum:
            raise forms.ValidationError(
                _("Vul minstens %(minimum)s in.") % {"minimum": self._show(item.minimum)}, code="min_value"
            )
        if item.maximum is not None and value > item.maximum:
            raise forms.ValidationError(
                _("Vul hoogstens %(maximum)s in.") % {"maximum": self._show(item.maximum)}, code="max_value"
            )
        if item.step and (value - (item.minimum or 0)) % item.step:
            raise forms.ValidationError(
                _("Vul een veelvoud van %(step)s in.") % {"step": self._show(item.step)}, code="step"
            )

    def _show(self, number):
        return show_input(number, self.item.unit)


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
                    "reason": failure.error,
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


# Things that look like a customer's personal data in a run's label: an e-mail address, a phone number,
# a citizen service number or a postcode.
PERSONAL_DATA = [
    (re.compile(r"\S+@\S+\.\S+"), gettext_lazy("een e-mailadres")),
    (re.compile(r"(?:\+|\b0)\d[\d\s-]{7,}\d\b"), gettext_lazy("een telefoonnummer")),
    (re.compile(r"\b\d{9}\b"), gettext_lazy("een burgerservicenummer")),
    (re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b"), gettext_lazy("een postcode")),
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
        for pattern, what in PERSONAL_DATA:
            if pattern.search(label):
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
