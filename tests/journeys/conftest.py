"""Fixtures for the customer journey tests."""

import pytest

from journeys import factories

# ---------------------------------------------------------------------------
# Brand team admin (suggestions, "jullie zeiden, wij deden", reports): start
# ---------------------------------------------------------------------------


@pytest.fixture
def journey_index(home_page):
    return factories.journey_index(home_page)


@pytest.fixture
def claim_journey(journey_index, kind_intermediary, kind_courier):
    """'Schade melden': the intermediary takes the claim, the brand assesses it, the courier repairs."""
    return factories.journey(
        journey_index,
        "Schade melden",
        steps=[
            factories.step("Melding", owner=kind_intermediary),
            factories.step("Beoordeling"),
            factories.step("Herstel", owner=kind_courier),
        ],
    )


@pytest.fixture
def claim_steps(claim_journey):
    """The steps of 'Schade melden' by name."""
    return {step.name: step for step in claim_journey.steps.all()}


@pytest.fixture
def brand_editor(client, brand_team, login_with_mfa, home_page):
    """A client logged in as the brand team with two-factor authentication, as the admin requires."""
    return login_with_mfa(client, brand_team)


# ---------------------------------------------------------------------------
# Brand team admin: end
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Partner side (journey map, feedback, suggestions, NPS): start
# ---------------------------------------------------------------------------


@pytest.fixture
def sales_journey(journey_index, kind_intermediary, kind_courier):
    """'Auto verzekeren' for every partner: the brand, the intermediary's advice, the brand's acceptance, the
    courier's delivery and the brand's aftercare, each handing over to the next."""
    return factories.journey(
        journey_index,
        "Auto verzekeren",
        steps=[
            factories.step("Eerste contact", handover="De wensen van de klant"),
            factories.step(
                "Advies",
                owner=kind_intermediary,
                promise="Binnen twee werkdagen een advies op maat.",
                handover="Het advies en de gekozen dekking",
            ),
            factories.step("Acceptatie", handover="De polis en het afleveradres"),
            factories.step("Levering", owner=kind_courier, handover="Het getekende afleverbewijs"),
            factories.step("Nazorg"),
        ],
    )


@pytest.fixture
def sales_steps(sales_journey):
    """The steps of 'Auto verzekeren' by name."""
    return {step.name: step for step in sales_journey.steps.all()}


@pytest.fixture
def courier_journey(journey_index, kind_courier, kind_intermediary):
    """'Pakket bezorgen', aimed at couriers only, though its first step is the intermediary's."""
    return factories.journey(
        journey_index,
        "Pakket bezorgen",
        audiences=[kind_courier],
        steps=[factories.step("Ophalen", owner=kind_intermediary), factories.step("Bezorgen", owner=kind_courier)],
    )


@pytest.fixture
def staff_a_client(client, staff_a):
    client.force_login(staff_a)
    return client


# ---------------------------------------------------------------------------
# Partner side: end
# ---------------------------------------------------------------------------
