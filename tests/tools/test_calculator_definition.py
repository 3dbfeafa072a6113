"""A calculator's definition: the order it computes in, the names it refuses, how people type numbers, how
outcomes read in Dutch, and the editor's test cases."""

import itertools
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils.translation import override

from tools import demo, factories
from tools.calculator import Definition, Input, Problem, Value, display, parse_number
from tools.models import CalculatorPage

# ---------------------------------------------------------------------------
# Order, names and cycles
# ---------------------------------------------------------------------------

AMOUNT = Input("number", "bedrag", "Bedrag", default=Decimal(1000))
RATE = Input("number", "rente", "Rente", default=Decimal(4))

# netto needs bruto and korting; bruto needs rente_bedrag; none of that is visible from the editor's order.
CHAIN = [
    Value("intermediate", "rente_bedrag", "bedrag * rente / 100"),
    Value("output", "bruto", "bedrag + rente_bedrag", label="Bruto"),
    Value("intermediate", "korting", "min(bruto * 0.1, 50)"),
    Value("output", "netto", "bruto - korting", label="Netto"),
]

NO_GROUPING = "Schrijf een getal zonder scheiding in duizendtallen, bijvoorbeeld 250000 of 12.5."


@pytest.mark.parametrize(
    "values", [pytest.param(list(order), id="-".join(v.name for v in order)) for order in itertools.permutations(CHAIN)]
)
def test_values_are_computed_in_dependency_order_whatever_the_editors_order(values):
    definition = Definition([AMOUNT, RATE], values)

    assert definition.problems() == []
    results = definition.compute({"bedrag": Decimal(1000), "rente": Decimal(4)})

    # Outputs come back in the editor's order, with the right numbers.
    assert [(result.value.name, result.number) for result in results] == [
        (value.name, {"bruto": Decimal(1040), "netto": Decimal(990)}[value.name]) for value in values if value.is_output
    ]
    order = [value.name for value in definition.order()]
    for value in values:
        for used in ("rente_bedrag", "bruto", "korting"):
            if used in value.formula:
                assert order.index(used) < order.index(value.name)


@pytest.mark.parametrize(
    ("inputs", "values", "expected"),
    [
        pytest.param(
            [AMOUNT, Input("number", "bedrag", "Nog een bedrag")],
            [Value("output", "totaal", "bedrag")],
            [Problem("inputs", 1, "name", "Deze naam is al gebruikt.")],
            id="two-inputs",
        ),
        pytest.param(
            [AMOUNT],
            [Value("output", "bedrag", "1")],
            [Problem("calculations", 0, "name", "Deze naam is al gebruikt.")],
            id="input-and-output",
        ),
        pytest.param(
            [AMOUNT],
            [Value("intermediate", "totaal", "bedrag"), Value("output", "totaal", "bedrag * 2")],
            [Problem("calculations", 1, "name", "Deze naam is al gebruikt.")],
            id="two-values",
        ),
    ],
)
def test_a_name_used_twice_is_a_problem_at_the_second_one(inputs, values, expected):
    assert Definition(inputs, values).problems() == expected


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("bedrag * rentee", "De formule gebruikt de onbekende naam rentee."),
        ("inleg + rentee", "De formule gebruikt de onbekende namen inleg, rentee."),
    ],
)
def test_an_unknown_name_is_named_in_the_problem(formula, message):
    definition = Definition([AMOUNT, RATE], [Value("output", "goed", "bedrag"), Value("output", "fout", formula)])

    assert definition.problems() == [Problem("calculations", 1, "formula", message)]


@pytest.mark.parametrize(
    ("values", "index", "chain"),
    [
        pytest.param([Value("output", "a", "b + 1"), Value("output", "b", "a * 2")], 0, "a → b → a", id="a-b-a"),
        pytest.param([Value("output", "a", "a + bedrag")], 0, "a → a", id="itself"),
        pytest.param(
            [
                Value("output", "los", "bedrag"),
                Value("intermediate", "x", "z - 1"),
                Value("intermediate", "y", "x * 2"),
                Value("output", "z", "y + bedrag"),
            ],
            1,
            "x → z → y → x",
            id="three-after-a-sound-value",
        ),
    ],
)
def test_a_cycle_is_reported_with_its_chain(values, index, chain):
    problems = Definition([AMOUNT], values).problems()

    assert problems == [
        Problem("calculations", index, "formula", f"Deze formules vormen een kringverwijzing: {chain}.")
    ]


def test_a_calculator_without_an_outcome_is_a_problem_of_the_whole_field():
    definition = Definition([AMOUNT], [Value("intermediate", "dubbel", "bedrag * 2")])

    assert definition.problems() == [Problem("calculations", None, "", "Voeg minstens één uitkomst toe.")]


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("bedrag +", "De formule klopt niet"),
        ("(bedrag * 2", "De formule klopt niet"),
        ("bedrag ^ 2", "Gebruik ** voor machtsverheffen, niet ^."),
        ("bedrag = 2", "gebruik == om te vergelijken"),
        ("bedrag.real", "Een punt na een naam kan niet in een formule."),
        ("", "Vul een formule in."),
    ],
)
def test_bad_formula_syntax_is_a_problem_at_that_formula(formula, message):
    problems = Definition([AMOUNT], [Value("output", "goed", "bedrag"), Value("output", "fout", formula)]).problems()

    assert [(p.field, p.index, p.part) for p in problems] == [("calculations", 1, "formula")]
    assert message in problems[0].message


# ---------------------------------------------------------------------------
# Numbers as people type them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.250,50", Decimal("1250.50")),
        ("250.000", Decimal(250000)),
        ("1.250.000", Decimal(1250000)),
        ("12,5", Decimal("12.5")),
        ("€ 1 250", Decimal(1250)),
        ("€\u00a01.250", Decimal(1250)),
        ("1,250.50", Decimal("1250.50")),
        ("1250.50", Decimal("1250.50")),
        ("12.5", Decimal("12.5")),
        (",5", Decimal("0.5")),
        ("4,5%", Decimal("4.5")),
        ("-12,5", Decimal("-12.5")),
        ("\u22123", Decimal(-3)),
        ("  300000  ", Decimal(300000)),
        ("1000000000000000", Decimal("1e15")),
    ],
)
def test_parse_number_reads_what_dutch_people_type(text, number):
    with override("nl"):
        assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vul een getal in."),
        ("   ", "Vul een getal in."),
        ("€", "Vul een getal in."),
        ("abc", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("1e5", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("--1", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("1.2.3", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("12,5,0", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("NaN", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("Infinity", "Vul een getal in, bijvoorbeeld 1250 of 12,5."),
        ("1" * 31, "Dit getal is te lang."),
        ("9" * 40, "Dit getal is te lang."),
        ("1000000000000001", "Dit getal is te groot."),
        ("-9999999999999999", "Dit getal is te groot."),
    ],
)
def test_parse_number_refuses_what_is_not_a_sensible_number(text, message):
    with override("nl"), pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_number(text)


# ---------------------------------------------------------------------------
# Outcomes as the customer reads them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "decimals", "number", "shown"),
    [
        ("money", 2, "1234.56", "€\u00a01.234,56"),
        ("money", 2, "1234.565", "€\u00a01.234,57"),  # half up, as people round money
        ("money", 2, "0.1", "€\u00a00,10"),
        ("money", 0, "209401.6", "€\u00a0209.402"),
        ("money", 2, "1000000", "€\u00a01.000.000,00"),
        ("percentage", 1, "4.5", "4,5%"),
        ("percentage", 0, "30", "30%"),
        ("months", 0, "1", "1 maand"),
        ("months", 0, "18", "18 maanden"),
        ("months", 0, "360", "360 maanden"),
        ("number", 2, "1234567.891", "1.234.567,89"),
        ("number", 0, "2.5", "3"),
        ("number", 3, "0.0005", "0,001"),
    ],
)
def test_outcomes_are_shown_the_dutch_way(format, decimals, number, shown):
    value = Value("output", "uitkomst", "1", label="Uitkomst", format=format, decimals=decimals)

    with override("nl"):
        assert display(value, Decimal(number)) == shown


# ---------------------------------------------------------------------------
# The editor's test cases
# ---------------------------------------------------------------------------


@pytest.fixture
def definition(calculator_page):
    return CalculatorPage.objects.get(pk=calculator_page.pk).definition()


def case(inputs, expected):
    return {
        "inputs": [{"name": name, "value": value} for name, value in inputs.items()],
        "expected": [{"name": name, "value": value} for name, value in expected.items()],
    }


def run_cases(definition, cases):
    with override("nl"):
        return definition.test_problems(cases)


def test_the_fixtures_test_cases_pass(calculator_page, definition):
    assert run_cases(definition, [block.value for block in calculator_page.test_cases]) == []


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        pytest.param({}, {"totaal": "1100.00", "rente_bedrag": "100"}, id="defaults"),
        # Test values are written as in formulas: no grouping, a point or a comma before the decimals.
        pytest.param({"bedrag": "2500", "rente": "4,5"}, {"totaal": "2612,50"}, id="decimal-comma"),
        pytest.param({"bedrag": "2500", "rente": "4.5"}, {"totaal": "2612.50"}, id="decimal-point"),
        pytest.param({}, {"extra": "0"}, id="an-intermediate-value"),
        pytest.param({"rente": "3"}, {"percentage": "3.0", "maanden": "12"}, id="other-formats"),
    ],
)
def test_a_passing_case_is_no_problem(definition, inputs, expected):
    assert run_cases(definition, [case(inputs, expected)]) == []


def test_a_failing_case_says_what_was_expected_and_what_was_computed(definition):
    cases = [case({}, {"totaal": "1100"}), case({"bedrag": "2000"}, {"rente_bedrag": "200", "totaal": "2100.01"})]

    assert run_cases(definition, cases) == [
        Problem("test_cases", 1, "expected", "totaal: verwacht 2100.01, berekend 2200.00.", 1)
    ]


@pytest.mark.parametrize(
    ("inputs", "expected", "problem"),
    [
        pytest.param(
            {"bedrag": "1000", "looptijd": "12"},
            {"totaal": "1100"},
            Problem("test_cases", 0, "inputs", "looptijd is geen invoer.", 1),
            id="unknown-input",
        ),
        pytest.param(
            {},
            {"totaal": "1100", "eindbedrag": "1100"},
            Problem("test_cases", 0, "expected", "eindbedrag is geen uitkomst of tussenwaarde.", 1),
            id="unknown-output",
        ),
        pytest.param(
            {"bedrag": "veel"},
            {"totaal": "1100"},
            Problem(
                "test_cases",
                0,
                "inputs",
                "bedrag: Schrijf een getal zonder scheiding in duizendtallen, bijvoorbeeld 250000 of 12.5.",
                0,
            ),
            id="bad-input-value",
        ),
        pytest.param(
            {},
            {"totaal": "ongeveer 1100"},
            Problem(
                "test_cases",
                0,
                "expected",
                "totaal: Schrijf een getal zonder scheiding in duizendtallen, bijvoorbeeld 250000 of 12.5.",
                0,
            ),
            id="bad-expected-value",
        ),
        pytest.param(
            {"bonus": "misschien"},
            {"totaal": "1100"},
            Problem("test_cases", 0, "inputs", "bonus: Vul ja of nee in.", 0),
            id="bad-yes-no",
        ),
        pytest.param(
            {"pakket": "36"},
            {"totaal": "1100"},
            Problem("test_cases", 0, "inputs", "pakket: Dit is geen van de keuzes.", 0),
            id="value-no-choice-has",
        ),
    ],
)
def test_a_case_the_calculator_cannot_run_is_a_problem_at_its_row(definition, inputs, expected, problem):
    assert run_cases(definition, [case(inputs, expected)]) == [problem]


def test_a_misspelt_choice_label_is_reported_as_no_choice(definition):
    problems = run_cases(definition, [case({"pakket": "Pluss"}, {"totaal": "1100"})])

    assert problems == [Problem("test_cases", 0, "inputs", "pakket: Dit is geen van de keuzes.", 0)]


@pytest.mark.parametrize("word", ["ja", "Ja", "JA", "j", "yes", "y", "1", "waar", "true"])
def test_yes_words_tick_a_yes_no_input(definition, word):
    assert run_cases(definition, [case({"bonus": word}, {"totaal": "1150"})]) == []
    assert run_cases(definition, [case({"bonus": word}, {"totaal": "1100"})]) != []


@pytest.mark.parametrize("word", ["nee", "Nee", "n", "no", "0", "onwaar", "false"])
def test_no_words_leave_a_yes_no_input_unticked(definition, word):
    assert run_cases(definition, [case({"bonus": word}, {"totaal": "1100"})]) == []
    assert run_cases(definition, [case({"bonus": word}, {"totaal": "1150"})]) != []


@pytest.mark.parametrize(
    ("given", "months"), [("Plus", "24"), ("plus", "24"), ("24", "24"), ("Basis", "12"), ("12", "12")]
)
def test_a_choice_is_given_by_its_label_or_its_value(definition, given, months):
    assert run_cases(definition, [case({"pakket": given}, {"maanden": months})]) == []


def test_an_input_without_default_must_be_given(tool_index):
    page = factories.calculator(
        tool_index,
        "Zonder standaard",
        inputs=[factories.number("bedrag", "Bedrag"), factories.number("jaren", "Jaren")],
        calculations=[factories.output("totaal", "Totaal", "bedrag * jaren")],
    )
    definition = CalculatorPage.objects.get(pk=page.pk).definition()

    assert run_cases(definition, [case({"bedrag": "10"}, {"totaal": "20"})]) == [
        Problem("test_cases", 0, "inputs", "Geef een waarde voor jaren (er is geen standaardwaarde).")
    ]
    assert run_cases(definition, [case({"bedrag": "10", "jaren": "2"}, {"totaal": "20"})]) == []


def test_a_case_that_divides_by_zero_names_the_value(tool_index):
    page = factories.calculator(
        tool_index,
        "Per maand",
        inputs=[factories.number("bedrag", "Bedrag", default=1200), factories.number("maanden", "Maanden", default=12)],
        calculations=[factories.output("per_maand", "Per maand", "bedrag / maanden")],
    )
    definition = CalculatorPage.objects.get(pk=page.pk).definition()

    problems = run_cases(definition, [case({"maanden": "0"}, {"per_maand": "0"})])

    assert problems == [
        Problem(
            "test_cases",
            0,
            "expected",
            "per_maand geeft een fout: Deling door nul: met deze waarden kan de formule niet rekenen.",
        )
    ]


# ---------------------------------------------------------------------------
# The demo calculators
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("build", [demo.premium_calculator, demo.mortgage_calculator])
def test_the_demo_calculators_are_sound_and_their_test_cases_pass(tool_index, build):
    page = CalculatorPage.objects.get(pk=build(tool_index).pk)
    definition = page.definition()
    cases = [block.value for block in page.test_cases]

    assert len(cases) >= 2
    assert definition.problems() == []
    with override("nl"):
        assert definition.test_problems(cases) == []


def test_a_demo_test_case_would_catch_a_changed_formula(tool_index):
    """The demo's test cases are not vacuous: one wrong rate and they fail."""
    page = CalculatorPage.objects.get(pk=demo.premium_calculator(tool_index).pk)
    definition = page.definition()
    definition.values = [
        replace(value, formula="round(premie * 0.20, 2)") if value.name == "belasting" else value
        for value in definition.values
    ]

    with override("nl"):
        problems = definition.test_problems([block.value for block in page.test_cases])

    assert problems and all("belasting: verwacht" in p.message or "totaal: verwacht" in p.message for p in problems)
