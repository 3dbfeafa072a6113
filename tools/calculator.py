"""A calculator's definition as plain data: checked for the editor, computed for partners.

Inputs have names; intermediate values and outputs have names and formulas over inputs and each other, in
any order. The definition works out the order to compute them in, and refuses unknown names and cycles.
"""

import decimal
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .formulas import MAX_MAGNITUDE, FormulaError, evaluate, names_in, validate

YES_WORDS = {"ja", "j", "yes", "y", "1", "waar", "true"}
NO_WORDS = {"nee", "n", "no", "0", "onwaar", "false"}
# A whole number in groups of three (250.000 or 1,250,000); a leading 0 is never a group (0.125 is a fraction).
_GROUPED = {mark: re.compile(rf"^-?[1-9]\d{{0,2}}(\{mark}\d{{3}})+$") for mark in ".,"}
MAX_INPUT_LENGTH = 30


class OutputFormat:
    MONEY = "money"
    PERCENTAGE = "percentage"
    NUMBER = "number"
    MONTHS = "months"
    CHOICES = [
        (MONEY, gettext_lazy("bedrag in euro")),
        (PERCENTAGE, gettext_lazy("percentage")),
        (NUMBER, gettext_lazy("getal")),
        (MONTHS, gettext_lazy("aantal maanden")),
    ]


@dataclass(frozen=True)
class Input:
    kind: str  # number, choice or yes_no
    name: str
    label: str
    help: str = ""
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    step: Decimal | None = None
    default: Decimal | bool | None = None
    options: tuple = ()  # (label, value) pairs of a choice


@dataclass(frozen=True)
class Value:
    kind: str  # intermediate or output
    name: str
    formula: str
    label: str = ""
    format: str = OutputFormat.NUMBER
    decimals: int = 2
    help: str = ""

    @property
    def is_output(self):
        return self.kind == "output"


@dataclass(frozen=True)
class Problem:
    """Something an editor must fix: where (field, block index, part of the block) and what."""

    field: str
    index: int | None  # None: the field as a whole
    part: str
    message: str
    item: int | None = None  # the row inside a list, e.g. an expected value of a test case


@dataclass
class Result:
    value: Value
    number: Decimal
    display: str = field(init=False)

    def __post_init__(self):
        self.display = display(self.value, self.number)


def explain(error):
    """A `FormulaError` in the active language (the evaluator itself only knows Dutch)."""
    message = _(error.message)
    return message % error.params if error.params else message


class CalculationError(Exception):
    def __init__(self, value, error):
        super().__init__(explain(error))
        self.value = value
        self.error = error


def parse_number(text):
    """A number as people type it: 1.250,50 or 1250.50 or € 1 250; raises ValueError with a Dutch message."""
    text = str(text).strip().replace("€", "").replace("%", "").replace("\u00a0", "").replace(" ", "")
    text = text.replace("\u2212", "-")  # a typographic minus
    text = re.sub(r"[,.]-$", "", text)  # 1.250,- is how Dutch writes whole euros
    if not text:
        raise ValueError(_("Vul een getal in."))
    if len(text) > MAX_INPUT_LENGTH:
        raise ValueError(_("Dit getal is te lang."))
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _mark, fraction = text.rpartition(decimal_mark)
        if not (_GROUPED[group_mark].match(whole) or re.fullmatch(r"-?\d{1,3}", whole)) or not fraction.isdigit():
            raise ValueError(_("Vul een getal in, bijvoorbeeld 1250 of 12,5."))
        text = whole.replace(group_mark, "") + "." + fraction
    elif _GROUPED["."].match(text) and formats.get_format("THOUSAND_SEPARATOR") == ".":
        text = text.replace(".", "")  # 250.000 in Dutch is two hundred and fifty thousand
    elif _GROUPED[","].match(text) and formats.get_format("THOUSAND_SEPARATOR") == ",":
        text = text.replace(",", "")
    text = text.replace(",", ".")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        raise ValueError(_("Vul een getal in, bijvoorbeeld 1250 of 12,5."))
    number = Decimal(text)
    if abs(number) > MAX_MAGNITUDE:
        raise ValueError(_("Dit getal is te groot."))
    return number


def parse_editor_number(text):
    """A number in a test case, as in formulas: a point or a comma before the decimals, no grouping (250000, 12.5)."""
    text = str(text).strip().replace(",", ".")
    if not re.fullmatch(r"-?\d{1,16}(\.\d{1,10})?", text):
        raise ValueError(_("Schrijf een getal zonder scheiding in duizendtallen, bijvoorbeeld 250000 of 12.5."))
    return Decimal(text)


def out_of_bounds(item, number):
    """Why a number does not fit the editor's minimum, maximum and step, or None when it does."""
    if item.minimum is not None and number < item.minimum:
        return _("Vul minstens %(minimum)s in.") % {"minimum": show_input(item.minimum, item.unit)}
    if item.maximum is not None and number > item.maximum:
        return _("Vul hoogstens %(maximum)s in.") % {"maximum": show_input(item.maximum, item.unit)}
    if item.step and (number - (item.minimum or 0)) % item.step:
        if item.minimum:
            return _("Kies een waarde in stappen van %(step)s vanaf %(start)s.") % {
                "step": show_input(item.step, item.unit),
                "start": show_input(item.minimum, item.unit),
            }
        return _("Vul een veelvoud van %(step)s in.") % {"step": show_input(item.step, item.unit)}
    return None


def format_number(number, decimals):
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
    return formats.number_format(rounded, decimals, use_l10n=True, force_grouping=True)


def show_input(number, unit=""):
    """An input as people wrote it (no trailing zeros), with its unit: € 250.000, 30 jaar."""
    decimals = min(6, max(0, -number.normalize().as_tuple().exponent))
    text = format_number(number, decimals)
    if not unit:
        return text
    return f"€\u00a0{text}" if unit == "€" else f"{text}\u00a0{unit}"


def display(value, number):
    """The number as the customer should read it: € 1.234,56, 4,5%, 18 maanden."""
    text = format_number(number, value.decimals)
    if value.format == OutputFormat.MONEY:
        return f"€\u00a0{text}"
    if value.format == OutputFormat.PERCENTAGE:
        return f"{text}%"
    if value.format == OutputFormat.MONTHS:
        count = int(number.to_integral_value(rounding=decimal.ROUND_HALF_UP))
        return ngettext("%(count)s maand", "%(count)s maanden", count) % {"count": text}
    return text


def _stored(number):
    """A block's decimal as the editor typed it: the blocks keep four decimals, and JSON may have made it a float."""
    if number is None:
        return None
    return Decimal(number).quantize(Decimal("0.0001")).normalize() + 0


class Definition:
    def __init__(self, inputs, values):
        self.inputs = list(inputs)
        self.values = list(values)
        self._order = None

    @classmethod
    def from_streams(cls, input_blocks, calculation_blocks):
        inputs = []
        for block in input_blocks:
            data = block.value
            common = {"name": data["name"], "label": data["label"], "help": data.get("help") or ""}
            if block.block_type == "number":
                inputs.append(
                    Input(
                        "number",
                        unit=data["unit"] or "",
                        minimum=_stored(data["minimum"]),
                        maximum=_stored(data["maximum"]),
                        step=_stored(data["step"]),
                        default=_stored(data["default"]),
                        **common,
                    )
                )
            elif block.block_type == "choice":
                options = tuple((option["label"], _stored(option["value"])) for option in data["options"])
                inputs.append(Input("choice", options=options, **common))
            else:
                inputs.append(Input("yes_no", default=bool(data["default"]), **common))
        values = []
        for block in calculation_blocks:
            data = block.value
            if block.block_type == "output":
                values.append(
                    Value(
                        "output",
                        data["name"],
                        data["formula"],
                        label=data["label"],
                        format=data["format"],
                        decimals=data["decimals"] if data["decimals"] is not None else 2,
                        help=data["help"] or "",
                    )
                )
            else:
                values.append(Value("intermediate", data["name"], data["formula"], label=data["description"] or ""))
        return cls(inputs, values)

    @property
    def outputs(self):
        return [value for value in self.values if value.is_output]

    def problems(self):
        """Everything that keeps this calculator from computing: duplicate or unknown names, bad formulas, cycles."""
        problems = []
        seen = set()
        for index, item in enumerate(self.inputs):
            if item.name in seen:
                problems.append(Problem("inputs", index, "name", _("Deze naam is al gebruikt.")))
            seen.add(item.name)
        for index, value in enumerate(self.values):
            if value.name in seen:
                problems.append(Problem("calculations", index, "name", _("Deze naam is al gebruikt.")))
            seen.add(value.name)
        for index, value in enumerate(self.values):
            try:
                validate(value.formula, seen)
            except FormulaError as error:
                problems.append(Problem("calculations", index, "formula", explain(error)))
        if not self.outputs:
            problems.append(Problem("calculations", None, "", _("Voeg minstens één uitkomst toe.")))
        if not problems:
            cycle = self._find_cycle()
            if cycle:
                index = next(i for i, value in enumerate(self.values) if value.name == cycle[0])
                problems.append(
                    Problem(
                        "calculations",
                        index,
                        "formula",
                        _("Deze formules vormen een kringverwijzing: %(cycle)s.") % {"cycle": " → ".join(cycle)},
                    )
                )
        return problems

    def _dependencies(self):
        computed = {value.name for value in self.values}
        return {value.name: sorted(names_in(value.formula) & computed) for value in self.values}

    def _find_cycle(self):
        dependencies = self._dependencies()
        state = {}  # name -> "busy" while on the path, "done" after

        def visit(name, path):
            state[name] = "busy"
            for dependency in dependencies[name]:
                if state.get(dependency) == "busy":
                    return [*path[path.index(dependency) :], dependency]
                if dependency not in state:
                    found = visit(dependency, [*path, dependency])
                    if found:
                        return found
            state[name] = "done"
            return None

        for value in self.values:
            if value.name not in state:
                found = visit(value.name, [value.name])
                if found:
                    return found
        return None

    def order(self):
        """The values in an order where each comes after everything its formula uses."""
        if self._order is None:
            dependencies = self._dependencies()
            by_name = {value.name: value for value in self.values}
            done, order = set(), []

            def visit(name):
                if name in done:
                    return
                done.add(name)
                for dependency in dependencies[name]:
                    visit(dependency)
                order.append(by_name[name])

            for value in self.values:
                visit(value.name)
            self._order = order
        return self._order

    def inputs_behind(self, value):
        """The inputs a value depends on, directly or through other values, in the form's order."""
        by_name = {item.name: item for item in self.values}
        names, pending = set(), [value.name]
        while pending:
            used = names_in(by_name[pending.pop()].formula)
            pending.extend(name for name in used if name in by_name and name not in names)
            names |= used
        return [item for item in self.inputs if item.name in names]

    def values_for(self, given):
        """Inputs and every computed value by name; raises `CalculationError` naming the value that failed."""
        known = dict(given)
        for value in self.order():
            try:
                known[value.name] = evaluate(value.formula, known)
            except FormulaError as error:
                raise CalculationError(value, error) from None
        return known

    def compute(self, given):
        """The outputs for these inputs, in the editor's order."""
        known = self.values_for(given)
        return [Result(value, known[value.name]) for value in self.outputs]

    def defaults(self):
        """The value each input has when nobody changed it (a choice: its first option)."""
        defaults = {}
        for item in self.inputs:
            if item.kind == "choice":
                defaults[item.name] = item.options[0][1]
            elif item.kind == "yes_no":
                defaults[item.name] = Decimal(1 if item.default else 0)
            elif item.default is not None:
                defaults[item.name] = item.default
        return defaults

    def test_case_value(self, item, text):
        """An editor's test value for an input: a number, ja/nee, or a choice's label or value."""
        text = str(text).strip()
        if item.kind == "yes_no":
            if text.lower() in YES_WORDS:
                return Decimal(1)
            if text.lower() in NO_WORDS:
                return Decimal(0)
            raise ValueError(_("Vul ja of nee in."))
        if item.kind == "choice":
            for label, value in item.options:
                if text.lower() == label.lower():
                    return value
            try:
                number = parse_editor_number(text)
            except ValueError:
                number = None
            if number is not None and any(number == value for _label, value in item.options):
                return number
            raise ValueError(_("Dit is geen van de keuzes."))
        number = parse_editor_number(text)
        problem = out_of_bounds(item, number)
        if problem:
            raise ValueError(problem)
        return number

    def test_problems(self, test_cases):
        """Run the editor's test cases; every case whose outcome differs is a problem at that case."""
        problems = []
        inputs = {item.name: item for item in self.inputs}
        outputs = {value.name: value for value in self.values}
        for index, case in enumerate(test_cases):
            given = self.defaults()
            case_problems = []
            for row, entry in enumerate(case["inputs"]):
                item = inputs.get(entry["name"].strip())
                if item is None:
                    case_problems.append(
                        Problem("test_cases", index, "inputs", _("%(name)s is geen invoer.") % entry, row)
                    )
                    continue
                try:
                    given[item.name] = self.test_case_value(item, entry["value"])
                except ValueError as error:
                    case_problems.append(Problem("test_cases", index, "inputs", f"{item.name}: {error}", row))
            missing = [item.name for item in self.inputs if item.name not in given]
            if missing and not case_problems:
                case_problems.append(
                    Problem(
                        "test_cases",
                        index,
                        "inputs",
                        ngettext(
                            "Geef een waarde voor %(names)s (er is geen standaardwaarde).",
                            "Geef een waarde voor %(names)s (er zijn geen standaardwaarden).",
                            len(missing),
                        )
                        % {"names": ", ".join(missing)},
                    )
                )
            if case_problems:
                problems.extend(case_problems)
                continue
            try:
                known = self.values_for(given)  # intermediate values can be tested too
            except CalculationError as error:
                problems.append(
                    Problem(
                        "test_cases",
                        index,
                        "expected",
                        _("%(name)s geeft een fout: %(error)s")
                        % {"name": error.value.name, "error": explain(error.error)},
                    )
                )
                continue
            for row, entry in enumerate(case["expected"]):
                name = entry["name"].strip()
                value = outputs.get(name)
                if value is None:
                    problems.append(
                        Problem(
                            "test_cases",
                            index,
                            "expected",
                            _("%(name)s is geen uitkomst of tussenwaarde.") % {"name": name},
                            row,
                        )
                    )
                    continue
                try:
                    expected = parse_editor_number(entry["value"])
                except ValueError as error:
                    problems.append(Problem("test_cases", index, "expected", f"{name}: {error}", row))
                    continue
                decimals = value.decimals if value.is_output else 6
                actual = known[name].quantize(Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP)
                if actual != expected:
                    problems.append(
                        Problem(
                            "test_cases",
                            index,
                            "expected",
                            _("%(name)s: verwacht %(expected)s, berekend %(actual)s.")
                            % {"name": name, "expected": expected, "actual": actual},
                            row,
                        )
                    )
        return problems
