"""Fixtures for the tools tests: the tool index, a small calculator and logged-in partner clients."""

import pytest

from tools import factories


@pytest.fixture
def tool_index(home_page):
    return factories.tool_index(home_page)


def small_calculator(index, title="Spaarhulp", **fields):
    """A calculator with every kind of input, an intermediate value and outputs in several formats.

    Its intermediate value and first output are listed after the outputs that use them, so nothing works
    unless the definition computes in dependency order.
    """
    fields.setdefault(
        "test_cases",
        [
            factories.test_case("Standaardwaarden", {}, {"totaal": "1100.00", "rente_bedrag": "100.00"}),
            factories.test_case(
                "Met bonus en hoge rente",
                {"bonus": "ja", "rente": "12,5", "pakket": "Plus"},
                {"totaal": "1175.00", "maanden": "24"},
            ),
        ],
    )
    fields.setdefault("disclaimer", "Een indicatie, geen offerte.")
    return factories.calculator(
        index,
        title,
        introduction="Wat levert sparen op?",
        inputs=[
            factories.number(
                "bedrag", "Inleg", unit="€", minimum=100, maximum=100000, step=50, default=1000, help="Het begin."
            ),
            factories.number("rente", "Rente per jaar", unit="%", minimum=0, maximum=20, step="0.5", default=10),
            factories.choice("pakket", "Pakket", [("Basis", 12), ("Plus", 24)]),
            factories.yes_no("bonus", "Met bonus?", help="Vijftig euro extra."),
        ],
        calculations=[
            factories.output("totaal", "Totaal na een jaar", "bedrag + rente_bedrag + extra"),
            factories.output("rente_bedrag", "Rente", "bedrag * rente / 100"),
            factories.output("percentage", "Rente als percentage", "rente", format="percentage", decimals=1),
            factories.output("maanden", "Looptijd", "pakket", format="months", decimals=0),
            factories.intermediate("extra", "50 if bonus else 0", "De bonus"),
        ],
        **fields,
    )


@pytest.fixture
def calculator_page(tool_index):
    return small_calculator(tool_index)


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


@pytest.fixture
def manager_client(client, manager_a):
    client.force_login(manager_a)
    return client
