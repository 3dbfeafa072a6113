"""Fixtures for the tone-of-voice tests: the brand's address settings, word rules and the writing guide."""

import pytest

from voice import factories
from voice.models import AddressOverride, AddressSettings

# A guide's "do" example the checker accepts, and its "don't" with a "je" in a u-text.
GOOD_EXAMPLE = "Heeft u vragen? Bel ons gerust."
BAD_EXAMPLE = "Heeft u vragen? Bel je adviseur."


@pytest.fixture
def address(home_page):
    """The brand's address settings on the default site: "u" for everyone until an override says otherwise."""
    return AddressSettings.for_site(home_page.get_site())


@pytest.fixture
def override(address):
    """Add an override to the address settings: for a partner kind, a channel or both."""

    def add(form, *, kind=None, channel=""):
        return AddressOverride.objects.create(settings=address, partner_kind=kind, channel=channel, form=form)

    return add


@pytest.fixture
def word_rules(db):
    """Two of the brand's word rules, as the brand team fills them in."""
    return [
        factories.word_rule("dient u", "wilt u, kunt u", reason="Dat klinkt als een bevel."),
        factories.word_rule("per omgaande", "meteen", severity="error"),
    ]


@pytest.fixture
def guide_page(home_page, address, word_rules):
    return factories.guide(
        home_page,
        introduction="Zo schrijven we aan klanten, wie de brief ook verstuurt.",
        body=[
            factories.principle("Persoonlijk", "We schrijven zoals we praten: met de klant, niet over de klant."),
            factories.example(
                GOOD_EXAMPLE,
                BAD_EXAMPLE,
                situation="Een klant mailt met een vraag",
                why="We houden één aanspreekvorm vast.",
            ),
            factories.word_list("Woorden die we liever niet gebruiken"),
            factories.address_table("U of jij? Zo spreken we klanten aan"),
        ],
    )


@pytest.fixture
def brand_editor(client, brand_team, login_with_mfa, home_page):
    """A client logged in as the brand team with two-factor authentication, as the admin requires."""
    return login_with_mfa(client, brand_team)
