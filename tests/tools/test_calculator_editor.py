"""The brand team builds calculators in the Wagtail admin: publishing is refused while a formula is broken,
names an unknown value, calculates in a circle, or an editor's own test case fails."""

import html
import json
from decimal import Decimal
from http import HTTPStatus

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tools import factories
from tools.models import CalculatorPage

NOT_SAVED = "De pagina kon niet worden opgeslagen vanwege validatiefouten."
NOT_CREATED = "De pagina kon niet aangemaakt worden vanwege validatiefouten."


def form_value(value):
    """A block value written for `tools.factories` as the admin's widgets post it."""
    if isinstance(value, dict):
        return {key: form_value(child) for key, child in value.items() if child is not False}  # unticked: absent
    if isinstance(value, list):  # a ListBlock
        rows = {
            str(index): {"value": form_value(child), "deleted": "", "order": str(index)}
            for index, child in enumerate(value)
        }
        rows["count"] = str(len(value))
        return rows
    if value is None:
        return ""
    if value is True:
        return "on"
    return str(value)


def stream(blocks):
    return streamfield([(block["type"], form_value(block["value"])) for block in blocks])


INPUTS = [
    factories.number("bedrag", "Bedrag", unit="€", minimum=0, maximum=100000, step=1, default=1000),
    factories.number("rente", "Rente", unit="%", minimum=0, maximum=20, step="0.1", default=4),
    factories.choice("pakket", "Pakket", [("Basis", 12), ("Plus", 24)]),
    factories.yes_no("bonus", "Met bonus?"),
]
CALCULATIONS = [
    factories.output("totaal", "Totaal", "bedrag + rente_bedrag + extra"),
    factories.intermediate("rente_bedrag", "bedrag * rente / 100"),
    factories.intermediate("extra", "50 if bonus else 0"),
    factories.output("maanden", "Looptijd", "pakket", format="months", decimals=0),
]
TEST_CASES = [
    factories.test_case("Standaard", {}, {"totaal": "1040"}),
    factories.test_case(
        "Alles aan", {"bonus": "ja", "pakket": "Plus", "rente": "5"}, {"totaal": "1100", "maanden": "24"}
    ),
]


def page_form(
    *, title="Rente-indicatie", slug="rente-indicatie", inputs=INPUTS, calculations=CALCULATIONS, test_cases=TEST_CASES
):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": "Wat levert het op?",
            "inputs": stream(inputs),
            "calculations": stream(calculations),
            "disclaimer": "Een indicatie.",
            "test_cases": stream(test_cases),
            "action-publish": "action-publish",
        }
    )


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


@pytest.fixture
def published(tool_index):
    return factories.calculator(
        tool_index,
        "Rente-indicatie",
        slug="rente-indicatie",
        inputs=INPUTS,
        calculations=CALCULATIONS,
        test_cases=TEST_CASES,
        disclaimer="Een indicatie.",
    )


def add_url(index):
    return f"/admin/pages/add/tools/calculatorpage/{index.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def shows(response, message):
    """The stream editor draws block errors from JSON embedded in the page."""
    return json.dumps(message)[1:-1] in html.unescape(response.content.decode())


def with_formula(index, formula):
    calculations = [dict(block, value=dict(block["value"])) for block in CALCULATIONS]
    calculations[index]["value"]["formula"] = formula
    return calculations


# (what the editor changes, the field and block the message is at, the message)
BROKEN = [
    pytest.param(
        {"calculations": with_formula(1, "bedrag * (rente / 100")},
        ("calculations", 1, "formula"),
        "De formule klopt niet (bij teken 10): controleer haakjes en rekentekens.",
        id="invalid-formula",
    ),
    pytest.param(
        {"calculations": with_formula(0, "bedrag + rente_bedrag + extra + kosten")},
        ("calculations", 0, "formula"),
        "De formule gebruikt de onbekende naam kosten.",
        id="unknown-name",
    ),
    pytest.param(
        {"calculations": with_formula(1, "totaal * rente / 100")},
        ("calculations", 0, "formula"),
        "Deze formules vormen een kringverwijzing: totaal → rente_bedrag → totaal.",
        id="cycle",
    ),
    pytest.param(
        {"test_cases": [*TEST_CASES, factories.test_case("Fout", {"rente": "10"}, {"totaal": "1050"})]},
        ("test_cases", 2, "expected", 0),
        "totaal: verwacht 1050, berekend 1100.00.",
        id="failing-test-case",
    ),
    pytest.param(
        {"test_cases": [factories.test_case("Onbekend", {"looptijd": "10"}, {"totaal": "1040"})]},
        ("test_cases", 0, "inputs", 0),
        "looptijd is geen invoer.",
        id="test-case-with-unknown-input",
    ),
    pytest.param(
        {
            "inputs": [*INPUTS, factories.number("jaren", "Jaren")],
            "calculations": [*CALCULATIONS, factories.output("per_jaar", "Per jaar", "totaal / jaren")],
        },
        ("test_cases", 0, "inputs"),
        "Geef een waarde voor jaren (er is geen standaardwaarde).",
        id="test-case-without-a-needed-value",
    ),
    pytest.param(
        {
            "test_cases": [factories.test_case("Nul", {"bedrag": "0"}, {"totaal": "0"})],
            "calculations": with_formula(1, "rente / bedrag"),
        },
        ("test_cases", 0, "expected"),
        "rente_bedrag geeft een fout: Deling door nul: met deze waarden kan de formule niet rekenen.",
        id="test-case-dividing-by-zero",
    ),
    pytest.param(
        {"inputs": [*INPUTS, factories.number("totaal", "Nog een totaal", default=1)]},
        ("calculations", 0, "name"),
        "Deze naam is al gebruikt.",
        id="duplicate-name",
    ),
    pytest.param(
        {"calculations": [block for block in CALCULATIONS if block["type"] == "intermediate"], "test_cases": []},
        ("calculations", None, ""),
        "Voeg minstens één uitkomst toe.",
        id="no-outcome",
    ),
]


def messages_at(response, field, index, part, row=None):
    """The messages at one part of one block (at one row of a list part), as the block editor receives them."""
    node = response.context["form"].errors.as_data()[field][0].as_json_data()
    if index is None:  # the field as a whole
        return node["messages"]
    node = node["blockErrors"][index]["blockErrors"][part]
    if row is not None:
        node = node["blockErrors"][row]["blockErrors"]["value"]
    return node["messages"]


def test_the_brand_team_publishes_a_new_calculator(editor, tool_index):
    response = editor.post(add_url(tool_index), page_form())

    assert response.status_code == HTTPStatus.FOUND
    page = CalculatorPage.objects.get(slug="rente-indicatie")
    assert page.live
    assert page.live_revision_id == page.latest_revision_id
    assert page.definition().inputs[1].step == Decimal("0.1"), "the editor's numbers are kept exactly"
    results = page.definition().compute({"bedrag": 2000, "rente": 5, "pakket": 24, "bonus": 1})
    assert [(result.value.name, result.number) for result in results] == [("totaal", 2150), ("maanden", 24)]


def test_the_brand_team_publishes_a_change(editor, published):
    calculations = with_formula(1, "bedrag * rente / 100 * 2")
    test_cases = [factories.test_case("Dubbel", {}, {"totaal": "1080"})]

    response = editor.post(edit_url(published), page_form(calculations=calculations, test_cases=test_cases))

    assert response.status_code == HTTPStatus.FOUND
    live = CalculatorPage.objects.get(pk=published.pk)
    assert live.calculations[1].value["formula"] == "bedrag * rente / 100 * 2"
    assert live.live_revision_id == live.latest_revision_id != published.live_revision_id


@pytest.mark.parametrize(("changes", "where", "message"), BROKEN)
def test_publishing_a_change_that_breaks_the_calculator_is_refused(editor, published, changes, where, message):
    revisions_before = published.revisions.count()

    response = editor.post(edit_url(published), page_form(**changes))

    assert response.status_code == HTTPStatus.OK, "the edit form should come back with the message"
    assert messages_at(response, *where) == [message]
    assert NOT_SAVED in response.content.decode()
    assert shows(response, message)
    assert published.revisions.count() == revisions_before
    live = CalculatorPage.objects.get(pk=published.pk)
    assert live.live_revision_id == published.live_revision_id
    assert [block.value["formula"] for block in live.calculations] == [
        block["value"]["formula"] for block in CALCULATIONS
    ]
    assert len(live.inputs) == len(INPUTS) and len(live.test_cases) == len(TEST_CASES)


@pytest.mark.parametrize(("changes", "where", "message"), BROKEN)
def test_a_new_calculator_that_does_not_work_is_not_created(editor, tool_index, changes, where, message):
    response = editor.post(add_url(tool_index), page_form(**changes))

    assert response.status_code == HTTPStatus.OK
    assert messages_at(response, *where) == [message]
    assert NOT_CREATED in response.content.decode()
    assert shows(response, message)
    assert not CalculatorPage.objects.exists()


def test_a_default_the_calculators_own_form_would_refuse_is_not_published(editor, tool_index):
    inputs = [factories.number("bedrag", "Bedrag", minimum=0, step=1000, default=1500)]
    calculations = [factories.output("dubbel", "Dubbel", "bedrag * 2")]

    response = editor.post(add_url(tool_index), page_form(inputs=inputs, calculations=calculations, test_cases=[]))

    assert response.status_code == HTTPStatus.OK
    assert not CalculatorPage.objects.exists()
