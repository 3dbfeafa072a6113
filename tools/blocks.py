"""The blocks editors build calculators and checklists from."""

import keyword

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .calculator import OutputFormat, explain
from .formulas import FUNCTIONS, MAX_LENGTH, FormulaError, names_in

NAME_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


def validate_name(value):
    if keyword.iskeyword(value) or keyword.issoftkeyword(value) or value in FUNCTIONS:
        raise ValidationError(_("%(name)s is een gereserveerd woord; kies een andere naam.") % {"name": value})


def validate_formula(value):
    try:
        names_in(value)
    except FormulaError as error:
        raise ValidationError(explain(error)) from None


class NameBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Naam in formules"),
            max_length=40,
            validators=[
                RegexValidator(
                    NAME_PATTERN,
                    _("Gebruik kleine letters, cijfers en _, en begin met een letter: bijvoorbeeld inkomen."),
                ),
                validate_name,
            ],
            help_text=_("Kleine letters, cijfers en _, bijvoorbeeld looptijd_jaren."),
            **kwargs,
        )


class FormulaBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Formule"),
            max_length=MAX_LENGTH,
            validators=[validate_formula],
            help_text=_(
                "Rekenen met + - * / en **, vergelijken met < > == enz., kiezen met: x if voorwaarde else y, "
                "en de functies min, max, round en abs. Gebruik een punt als decimaalteken."
            ),
            **kwargs,
        )


class NumberInputBlock(blocks.StructBlock):
    name = NameBlock()
    label = blocks.CharBlock(label=_("Vraag"), max_length=120)
    unit = blocks.CharBlock(label=_("Eenheid"), max_length=20, required=False, help_text=_("Bijvoorbeeld € of jaar."))
    minimum = blocks.DecimalBlock(label=_("Minimum"), required=False, max_digits=15, decimal_places=4)
    maximum = blocks.DecimalBlock(label=_("Maximum"), required=False, max_digits=15, decimal_places=4)
    step = blocks.DecimalBlock(
        label=_("Stap"),
        required=False,
        max_digits=15,
        decimal_places=4,
        min_value=0.0001,
        help_text=_("Bijvoorbeeld 1 voor hele jaren; leeg laten voor elk getal."),
    )
    default = blocks.DecimalBlock(label=_("Standaardwaarde"), required=False, max_digits=15, decimal_places=4)
    help = blocks.CharBlock(label=_("Toelichting"), max_length=250, required=False)

    class Meta:
        icon = "decimal"
        label = _("Getal")
        label_format = "{label}"

    def clean(self, value):
        value = super().clean(value)
        low, high, default = value["minimum"], value["maximum"], value["default"]
        errors = {}
        if low is not None and high is not None and high < low:
            errors["maximum"] = ValidationError(_("Het maximum is kleiner dan het minimum."))
        elif default is not None and (low is not None and default < low or high is not None and default > high):
            errors["default"] = ValidationError(_("De standaardwaarde ligt buiten minimum en maximum."))
        elif default is not None and value["step"] and (default - (low or 0)) % value["step"]:
            errors["default"] = ValidationError(_("De standaardwaarde past niet bij de stap."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class ChoiceOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Tekst"), max_length=120)
    value = blocks.DecimalBlock(label=_("Waarde in formules"), max_digits=15, decimal_places=4)

    class Meta:
        icon = "list-ul"
        label = _("Keuze")
        label_format = "{label} = {value}"


class ChoiceInputBlock(blocks.StructBlock):
    name = NameBlock()
    label = blocks.CharBlock(label=_("Vraag"), max_length=120)
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Keuzes"), min_num=2, max_num=20)
    help = blocks.CharBlock(label=_("Toelichting"), max_length=250, required=False)

    class Meta:
        icon = "list-ul"
        label = _("Keuze uit waarden")
        label_format = "{label}"


class YesNoInputBlock(blocks.StructBlock):
    name = NameBlock()
    label = blocks.CharBlock(label=_("Vraag"), max_length=120, help_text=_("Ja telt in formules als 1, nee als 0."))
    default = blocks.BooleanBlock(label=_("Standaard aangevinkt"), required=False)
    help = blocks.CharBlock(label=_("Toelichting"), max_length=250, required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Ja of nee")
        label_format = "{label}"


class InputStreamBlock(blocks.StreamBlock):
    number = NumberInputBlock()
    choice = ChoiceInputBlock()
    yes_no = YesNoInputBlock()

    class Meta:
        min_num = 1
        max_num = 30


class IntermediateBlock(blocks.StructBlock):
    name = NameBlock()
    formula = FormulaBlock()
    description = blocks.CharBlock(
        label=_("Omschrijving"), max_length=200, required=False, help_text=_("Alleen voor de redactie.")
    )

    class Meta:
        icon = "cogs"
        label = _("Tussenwaarde")
        label_format = "{name} = {formula}"


class OutputBlock(blocks.StructBlock):
    name = NameBlock()
    label = blocks.CharBlock(label=_("Omschrijving"), max_length=120)
    formula = FormulaBlock()
    format = blocks.ChoiceBlock(
        label=_("Weergave"),
        choices=OutputFormat.CHOICES,
        default=OutputFormat.MONEY,
        help_text=_(
            "Een percentage toont de uitkomst zoals die is: 4.5 wordt 4,5%. Reken een fractie dus eerst × 100."
        ),
    )
    decimals = blocks.IntegerBlock(label=_("Decimalen"), min_value=0, max_value=6, default=2)
    help = blocks.CharBlock(label=_("Toelichting"), max_length=250, required=False)

    class Meta:
        icon = "success"
        label = _("Uitkomst")
        label_format = "{label} ({name})"


class CalculationStreamBlock(blocks.StreamBlock):
    intermediate = IntermediateBlock()
    output = OutputBlock()

    class Meta:
        min_num = 1
        max_num = 40


class TestValueBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Naam"), max_length=40)
    value = blocks.CharBlock(
        label=_("Waarde"),
        max_length=40,
        help_text=_(
            "Een getal zonder scheiding in duizendtallen (250000 of 12.5), ja of nee, of de tekst van een keuze."
        ),
    )

    class Meta:
        icon = "decimal"
        label_format = "{name} = {value}"


class TestCaseBlock(blocks.StructBlock):
    description = blocks.CharBlock(label=_("Omschrijving"), max_length=200)
    inputs = blocks.ListBlock(
        TestValueBlock(),
        label=_("Invoer"),
        help_text=_("Invoer die je niet noemt, krijgt de standaardwaarde."),
    )
    expected = blocks.ListBlock(TestValueBlock(), label=_("Verwachte uitkomsten"), min_num=1)

    class Meta:
        icon = "success"
        label = _("Testgeval")
        label_format = "{description}"


class TestCaseStreamBlock(blocks.StreamBlock):
    test_case = TestCaseBlock()

    class Meta:
        max_num = 50


class ChecklistItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Punt"), max_length=250)
    help = blocks.TextBlock(label=_("Toelichting"), max_length=1000, required=False)
    required = blocks.BooleanBlock(label=_("Verplicht"), required=False, default=True)

    class Meta:
        icon = "check"
        label = _("Punt")
        label_format = "{text}"


class ChecklistSectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    items = blocks.ListBlock(ChecklistItemBlock(), label=_("Punten"), min_num=1, max_num=60)

    class Meta:
        icon = "list-ol"
        label = _("Onderdeel")
        label_format = "{title}"


class ChecklistStreamBlock(blocks.StreamBlock):
    section = ChecklistSectionBlock()

    class Meta:
        min_num = 1
        max_num = 20
