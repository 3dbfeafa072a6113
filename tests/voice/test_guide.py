"""The writing guide: where it lives, what partners see on it, and that its own examples follow it."""

import html
import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage, StandardPage
from partners.factories import MembershipFactory, PartnerFactory
from partners.models import Role
from tests.voice.conftest import BAD_EXAMPLE, GOOD_EXAMPLE
from voice import factories
from voice.models import VoiceGuidePage

INACTIVE = "Je organisatie is niet meer actief"
NOT_SAVED = "De pagina kon niet worden opgeslagen vanwege validatiefouten."

# ---------------------------------------------------------------------------
# Page-tree rules
# ---------------------------------------------------------------------------


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Partnerportaal", slug="portaal", welcome_title="Welkom"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": cls.home})
        cls.could_be_created_before = VoiceGuidePage.can_create_at(cls.home)
        cls.guide = factories.guide(cls.home, body=[factories.principle("Helder", "Korte zinnen, gewone woorden.")])
        cls.member = MembershipFactory(partner=PartnerFactory(), role=Role.STAFF).user

    def test_the_guide_lives_only_directly_under_the_home_page(self):
        self.assertAllowedParentPageTypes(VoiceGuidePage, {HomePage})
        self.assertCanNotCreateAt(StandardPage, VoiceGuidePage)
        self.assertCanNotCreateAt(Page, VoiceGuidePage)

    def test_there_is_at_most_one_guide(self):
        self.assertTrue(self.could_be_created_before)
        self.assertFalse(VoiceGuidePage.can_create_at(self.home), "a second guide could be added")

    def test_the_guide_has_no_children(self):
        self.assertAllowedSubpageTypes(VoiceGuidePage, set())
        self.assertCanNotCreateAt(VoiceGuidePage, StandardPage)

    def test_the_guide_renders_for_a_partner_user(self):
        self.assertPageIsRenderable(self.guide, user=self.member)


# ---------------------------------------------------------------------------
# What partners see
# ---------------------------------------------------------------------------


@pytest.fixture
def read_guide(client, guide_page):
    def read(user):
        client.force_login(user)
        response = client.get(guide_page.url)
        assert response.status_code == HTTPStatus.OK
        return BeautifulSoup(response.content, "html.parser")

    return read


def cells(row):
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def test_partners_read_the_principles_and_the_examples(read_guide, staff_a):
    page = read_guide(staff_a)

    assert page.h1.get_text() == "Schrijfwijzer"
    assert "Zo schrijven we aan klanten, wie de brief ook verstuurt." in page.get_text()
    principle = page.select_one(".principle")
    assert principle.h2.get_text() == "Persoonlijk"
    assert "met de klant, niet over de klant" in principle.get_text()
    example = page.select_one(".example")
    assert example.h2.get_text() == "Een klant mailt met een vraag"
    assert example.select_one(".do-dont__do").get_text(" ", strip=True).endswith(GOOD_EXAMPLE)
    assert "We houden één aanspreekvorm vast." in example.get_text()
    assert page.select_one('a[href="/teksttoets/"]'), "the guide leads to the teksttoets"


def test_the_dont_example_has_its_outlier_marked(read_guide, staff_a):
    dont = read_guide(staff_a).select_one(".do-dont__dont")

    assert [(mark.get_text(), mark["class"]) for mark in dont.find_all("mark")] == [
        ("je", ["finding", "finding--error"])
    ]
    assert dont.find_all("p")[-1].get_text() == BAD_EXAMPLE
    assert not read_guide(staff_a).select_one(".do-dont__do mark"), "the good example has nothing to mark"


def test_the_word_list_shows_the_active_rules(read_guide, staff_a, word_rules):
    factories.word_rule("reeds", "al", active=False)

    word_list = read_guide(staff_a).select_one(".word-list")

    assert word_list.h2.get_text() == "Woorden die we liever niet gebruiken"
    assert [cells(row) for row in word_list.select("tbody tr")] == [
        ["dient u", "wilt u, kunt u", "Dat klinkt als een bevel."],
        ["per omgaande", "meteen", ""],
    ]


def test_the_address_table_shows_every_kind_and_where_it_differs(
    read_guide, staff_a, partner_b, override, kind_intermediary
):
    override("jij", kind=kind_intermediary)
    override("u", kind=kind_intermediary, channel="letter")

    page = read_guide(staff_a)

    table = page.select_one("table.address-table")
    assert cells(table.select_one("thead tr")) == ["Wie", "brief", "e-mail", "telefoon", "website", "sociale media"]
    assert [cells(row) for row in table.select("tbody tr")] == [
        ["Alle partners", "u", "u", "u", "u", "u"],
        ["Koerier", "u", "u", "u", "u", "u"],
        ["Tussenpersoon", "u", *["jij (afwijkend)"] * 4],
    ]
    assert len(table.select(".address-table__differs")) == 4


def test_the_verb_the_brand_chose_is_named_under_the_table(read_guide, staff_a, address):
    address.u_verb = "heeft"
    address.save()

    assert "Bij ‘u’ schrijven we ‘u heeft’." in read_guide(staff_a).get_text()


def test_anonymous_visitors_are_sent_to_log_in(client, guide_page):
    response = client.get(guide_page.url)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/account/login/")


def test_a_deactivated_partners_staff_get_the_message(client, guide_page, staff_a, partner_a):
    partner_a.is_active = False
    partner_a.save()
    client.force_login(staff_a)

    response = client.get(guide_page.url)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert INACTIVE in response.content.decode()
    assert "Persoonlijk" not in response.content.decode()


# ---------------------------------------------------------------------------
# Editing: the guide's "do" examples must pass the teksttoets
# ---------------------------------------------------------------------------


def example_block(do, *, form="", dont=BAD_EXAMPLE):
    return ("example", {"situation": "Een vraag per mail", "form": form, "do": do, "dont": dont, "why": ""})


def page_form(blocks, *, publish=True):
    data = {
        "title": "Schrijfwijzer",
        "slug": "schrijfwijzer",
        "introduction": "Zo schrijven we.",
        "body": streamfield([("principle", {"title": "Helder", "text": "Korte zinnen."}), *blocks]),
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def edit(client, page, blocks, *, publish=True):
    return client.post(f"/admin/pages/{page.pk}/edit/", page_form(blocks, publish=publish))


def block_messages(response, index, part):
    node = response.context["form"].errors.as_data()["body"][0].as_json_data()
    return node["blockErrors"][index]["blockErrors"][part]["messages"]


def refused(found, message):
    return f"Dit voorbeeld volgt de schrijfwijzer zelf niet (‘{found}’: {message}). Pas het aan."


# (the brand's default form, the example's form, the "do" text, the message at the block)
FAILING = [
    pytest.param(
        "u", "", BAD_EXAMPLE, refused("je", "In een tekst met ‘u’ hoort ‘uw’, niet ‘je’."), id="je-in-the-brands-u"
    ),
    pytest.param(
        "jij",
        "",
        "Heb je vragen? Bel uw adviseur.",
        refused("uw", "In een tekst met ‘jij’ hoort ‘je’, niet ‘uw’."),
        id="uw-in-the-brands-jij",
    ),
    pytest.param(
        "jij",
        "u",
        "Heeft u vragen? Dan helpen we je graag.",
        refused("je", "In een tekst met ‘u’ hoort ‘u’, niet ‘je’."),
        id="je-in-an-example-written-for-u",
    ),
    pytest.param(
        "u",
        "",
        "Dient u het formulier in te vullen? Bel ons.",
        refused("Dient u", "Vermijd ‘Dient u’: Dat klinkt als een bevel."),
        id="a-word-the-brand-avoids",
    ),
]
PASSING = [
    pytest.param("u", "", GOOD_EXAMPLE, id="u-in-the-brands-u"),
    pytest.param("u", "jij", "Heb je vragen? Bel ons gerust.", id="jij-in-an-example-written-for-jij"),
    pytest.param("jij", "", "Heb je vragen? Bel je adviseur.", id="jij-in-the-brands-jij"),
    # A generic "je" in a u-text is advice only: it may stand in an example.
    pytest.param("u", "", "Je weet maar nooit wat er gebeurt. Heeft u vragen? Bel ons.", id="advice-only"),
]


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "save-draft"])
@pytest.mark.parametrize(("default", "form", "do", "message"), FAILING)
def test_an_example_that_breaks_the_guide_is_refused_at_the_block(
    brand_editor, guide_page, address, default, form, do, message, publish
):
    address.default_form = default
    address.save()
    revisions = guide_page.revisions.count()

    response = edit(
        brand_editor, guide_page, [example_block(GOOD_EXAMPLE), example_block(do, form=form)], publish=publish
    )

    assert response.status_code == HTTPStatus.OK, "the edit form comes back with the message"
    assert block_messages(response, 2, "do") == [message]
    content = html.unescape(response.content.decode())
    assert NOT_SAVED in content
    assert json.dumps(message)[1:-1] in content, "the block editor shows the message"
    assert guide_page.revisions.count() == revisions
    assert [
        block.value["do"]
        for block in VoiceGuidePage.objects.get(pk=guide_page.pk).body
        if block.block_type == "example"
    ] == [GOOD_EXAMPLE]


@pytest.mark.parametrize(("default", "form", "do"), PASSING)
def test_an_example_that_follows_the_guide_is_published(brand_editor, guide_page, address, default, form, do):
    address.default_form = default
    address.save()

    response = edit(brand_editor, guide_page, [example_block(do, form=form)])

    assert response.status_code == HTTPStatus.FOUND
    live = VoiceGuidePage.objects.get(pk=guide_page.pk)
    assert live.live_revision_id == live.latest_revision_id != guide_page.live_revision_id
    assert [block.value["do"] for block in live.body if block.block_type == "example"] == [do]


def test_the_dont_example_may_break_the_guide(brand_editor, guide_page):
    response = edit(brand_editor, guide_page, [example_block(GOOD_EXAMPLE, dont="Dient u per omgaande je formulier?")])

    assert response.status_code == HTTPStatus.FOUND
