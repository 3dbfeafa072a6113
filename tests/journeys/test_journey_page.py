"""The journey pages: where they live, who sees which journey, what is marked as theirs, their support links,
feedback links and QR codes, 'jullie zeiden, wij deden' and the NPS of a partner's own steps."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from http import HTTPStatus

import pytest
import segno
from django.utils import timezone
from PIL import Image
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from journeys import factories
from journeys.models import FeedbackLink, JourneyIndexPage, JourneyPage
from materials import factories as materials_factories
from partners.factories import MembershipFactory, PartnerFactory
from partners.models import Partner, Role
from tools import factories as tools_factories
from training import factories as training_factories

from .helpers import get_page, nps_text, step_items, texts

SVG = "{http://www.w3.org/2000/svg}"

# ---------------------------------------------------------------------------
# Page-tree rules
# ---------------------------------------------------------------------------


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Partnerportaal", slug="portaal", welcome_title="Welkom"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": cls.home})
        cls.index_could_be_created_before = JourneyIndexPage.can_create_at(cls.home)
        cls.index = factories.journey_index(cls.home)
        cls.journey = factories.journey(cls.index, "Auto verzekeren", steps=[factories.step("Advies")])
        cls.member = MembershipFactory(partner=PartnerFactory(), role=Role.STAFF).user

    def test_the_journey_index_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(JourneyIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, JourneyIndexPage)
        self.assertCanNotCreateAt(StandardPage, JourneyIndexPage)
        self.assertCanNotCreateAt(JourneyIndexPage, JourneyIndexPage)

    def test_there_is_at_most_one_journey_index(self):
        self.assertTrue(self.index_could_be_created_before)
        self.assertFalse(JourneyIndexPage.can_create_at(self.home), "a second journey index could be added")

    def test_a_journey_lives_only_under_the_journey_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(JourneyPage, {JourneyIndexPage})
        self.assertAllowedSubpageTypes(JourneyIndexPage, {JourneyPage})
        self.assertAllowedSubpageTypes(JourneyPage, set())
        self.assertCanNotCreateAt(HomePage, JourneyPage)
        self.assertCanNotCreateAt(JourneyPage, JourneyPage)

    def test_pages_render_for_a_partner_user(self):
        self.assertPageIsRenderable(self.index, user=self.member)
        self.assertPageIsRenderable(self.journey, user=self.member)


# ---------------------------------------------------------------------------
# Who sees which journey
# ---------------------------------------------------------------------------


@pytest.fixture
def intermediary_journey(journey_index, kind_intermediary):
    return factories.journey(
        journey_index,
        "Hypotheek afsluiten",
        audiences=[kind_intermediary],
        steps=[factories.step("Gesprek", owner=kind_intermediary)],
    )


@pytest.fixture
def draft_journey(journey_index, kind_intermediary):
    return factories.journey(
        journey_index, "Concept-reis", steps=[factories.step("Iets", owner=kind_intermediary)], publish=False
    )


@pytest.fixture
def journeys(sales_journey, courier_journey, intermediary_journey, draft_journey):
    return {page.title: page for page in (sales_journey, courier_journey, intermediary_journey, draft_journey)}


@pytest.mark.parametrize(
    ("role", "titles"),
    [
        ("staff_a", ["Auto verzekeren", "Hypotheek afsluiten"]),
        ("staff_b", ["Auto verzekeren", "Pakket bezorgen"]),
        ("brand_team", ["Auto verzekeren", "Pakket bezorgen", "Hypotheek afsluiten"]),
    ],
)
def test_the_index_lists_the_live_journeys_aimed_at_my_kinds(client, people, journey_index, journeys, role, titles):
    page = get_page(client, people(role), journey_index.url)

    assert texts(page.select("a.tile h2")) == titles


def test_the_index_counts_the_steps_and_my_own(client, staff_a, journey_index, journeys):
    page = get_page(client, staff_a, journey_index.url)

    tiles = {tile.h2.get_text(strip=True): texts(tile.select("p.muted"))[0] for tile in page.select("a.tile")}
    assert tiles == {
        "Auto verzekeren": "5 stappen · waarvan één van jouw organisatie",
        "Hypotheek afsluiten": "Eén stap · waarvan één van jouw organisatie",
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("staff_a", {"Auto verzekeren", "Hypotheek afsluiten"}),
        ("staff_b", {"Auto verzekeren", "Pakket bezorgen"}),
        ("brand_team", {"Auto verzekeren", "Pakket bezorgen", "Hypotheek afsluiten"}),
    ],
)
def test_a_journey_aimed_at_another_kind_or_not_published_is_not_found(client, people, journeys, role, visible):
    client.force_login(people(role))

    statuses = {title: client.get(page.url).status_code for title, page in journeys.items()}

    assert statuses == {title: HTTPStatus.OK if title in visible else HTTPStatus.NOT_FOUND for title in journeys}


def test_anonymous_visitors_are_sent_to_log_in(client, journey_index, sales_journey):
    for url in (journey_index.url, sales_journey.url):
        response = client.get(url)
        assert response.status_code == HTTPStatus.FOUND
        assert "/account/login/" in response["Location"]


def test_a_deactivated_partners_people_are_told_so(client, staff_a, partner_a, sales_journey):
    partner_a.is_active = False
    partner_a.save()
    client.force_login(staff_a)

    response = client.get(sales_journey.url)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Je organisatie is niet meer actief" in response.content.decode()
    assert not FeedbackLink.objects.exists()


# ---------------------------------------------------------------------------
# What is mine on the map
# ---------------------------------------------------------------------------

STEP_NAMES = ["Eerste contact", "Advies", "Acceptatie", "Levering", "Nazorg"]


@pytest.mark.parametrize(
    ("role", "own", "handovers_mine", "legend"),
    [
        pytest.param("staff_a", {"Advies"}, {"Advies", "Acceptatie"}, ["Tussenpersoon (jouw organisatie)"], id="a"),
        pytest.param("staff_b", {"Levering"}, {"Levering", "Nazorg"}, ["Koerier (jouw organisatie)"], id="b"),
        pytest.param("brand_team", set(), set(), [], id="brand-team"),
    ],
)
def test_my_steps_and_the_handovers_before_and_after_them_are_marked(
    client, people, sales_journey, role, own, handovers_mine, legend
):
    page = get_page(client, people(role), sales_journey.url)

    items = step_items(page)
    assert list(items) == STEP_NAMES
    assert {name for name, item in items.items() if "journey-step--own" in item["class"]} == own
    assert {name for name, item in items.items() if item.select_one("strong.status--own")} == own
    assert texts(page.select("strong.status--own")) == ["jouw stap"] * len(own)
    # Every step but the first receives a hand-over; only those given or received by me are mine.
    assert {name for name, item in items.items() if item.select_one(".journey-handover")} == set(STEP_NAMES[1:])
    assert {name for name, item in items.items() if item.select_one(".journey-handover--mine")} == handovers_mine
    assert texts(page.select(".journey-legend__own")) == legend


def test_a_handover_says_who_gives_what_to_whom(client, staff_a, sales_journey):
    page = get_page(client, staff_a, sales_journey.url)

    handover = step_items(page)["Acceptatie"].select_one(".journey-handover")
    assert texts([handover]) == ["↓ Overdracht van Tussenpersoon aan het merk Het advies en de gekozen dekking"]


def test_the_legend_lists_every_owner_once_in_order(client, staff_a, sales_journey):
    page = get_page(client, staff_a, sales_journey.url)

    assert texts(page.select(".journey-legend__owners li")) == [
        "Het merk",
        "Tussenpersoon (jouw organisatie)",
        "Koerier",
    ]


# ---------------------------------------------------------------------------
# Support links
# ---------------------------------------------------------------------------


@pytest.fixture
def support(home_page, kind_intermediary, kind_courier):
    """Supporting pages by title: for everyone, for one kind, a draft and a withdrawn one."""
    academy = training_factories.academy(home_page)
    library = materials_factories.library(home_page)
    tools = tools_factories.tool_index(home_page)
    withdrawn = training_factories.module(academy, "Oude module")
    withdrawn.unpublish()
    pages = [
        training_factories.module(academy, "Adviesgesprek"),
        training_factories.module(academy, "Alleen tussenpersonen", audiences=[kind_intermediary]),
        training_factories.module(academy, "Bezorgen voor koeriers", audiences=[kind_courier]),
        training_factories.module(academy, "Nog niet af", publish=False, live=False),
        withdrawn,
        materials_factories.material(library, "Folder autoverzekering"),
        tools_factories.checklist(tools, "Intake", sections=[tools_factories.section("Voor", [("Dossier", True)])]),
    ]
    return {page.title: page for page in pages}


def block(page):
    kind = {"trainingmodulepage": "module", "materialpage": "material"}.get(page._meta.model_name, "tool")
    return {"type": kind, "value": page.pk}


@pytest.fixture
def supported_journey(journey_index, kind_intermediary, kind_courier, support):
    advice = factories.step("Advies", owner=kind_intermediary)
    advice.support = [block(page) for page in support.values()]
    delivery = factories.step("Levering", owner=kind_courier)
    delivery.support = [block(support["Bezorgen voor koeriers"])]
    return factories.journey(journey_index, "Met hulp", steps=[advice, delivery])


def support_links(item):
    return [(link.get_text(strip=True), link["href"]) for link in item.select(".journey-step__card ul.plain-list a")]


@pytest.mark.parametrize(
    ("role", "advice", "delivery"),
    [
        pytest.param(
            "staff_a",
            ["Adviesgesprek", "Alleen tussenpersonen", "Folder autoverzekering", "Intake"],
            [],
            id="a",
        ),
        pytest.param(
            "staff_b",
            ["Adviesgesprek", "Bezorgen voor koeriers", "Folder autoverzekering", "Intake"],
            ["Bezorgen voor koeriers"],
            id="b",
        ),
        pytest.param(
            "brand_team",
            ["Adviesgesprek", "Alleen tussenpersonen", "Bezorgen voor koeriers", "Folder autoverzekering", "Intake"],
            ["Bezorgen voor koeriers"],
            id="brand-team",
        ),
    ],
)
def test_support_links_only_to_live_pages_i_may_open(
    client, people, supported_journey, support, role, advice, delivery
):
    page = get_page(client, people(role), supported_journey.url)

    items = step_items(page)
    assert support_links(items["Advies"]) == [(title, support[title].url) for title in advice]
    assert support_links(items["Levering"]) == [(title, support[title].url) for title in delivery]
    assert bool(items["Levering"].find("h4", string="Hulp bij deze stap")) == bool(delivery)


# ---------------------------------------------------------------------------
# Feedback links and QR codes
# ---------------------------------------------------------------------------


def links():
    return sorted(FeedbackLink.objects.values_list("step__name", "partner__name"))


def link_field(item):
    field = item.select_one(".journey-step__link input[readonly]")
    return field["value"] if field else None


def test_a_partner_gets_one_feedback_link_per_own_step(client, staff_a, manager_a, partner_a, sales_journey):
    page = get_page(client, staff_a, sales_journey.url)

    assert links() == [("Advies", "Partner A")]
    code = FeedbackLink.objects.get().code
    items = step_items(page)
    assert link_field(items["Advies"]) == f"http://testserver/f/{code}/"
    assert [name for name, item in items.items() if item.select_one(".journey-step__link")] == ["Advies"]

    again = get_page(client, staff_a, sales_journey.url)
    colleague = get_page(client, manager_a, sales_journey.url)

    assert links() == [("Advies", "Partner A")]
    assert (
        link_field(step_items(again)["Advies"])
        == link_field(step_items(colleague)["Advies"])
        == link_field(items["Advies"])
    )


def test_each_partner_has_its_own_links(client, staff_a, staff_b, sales_journey):
    get_page(client, staff_a, sales_journey.url)
    page_b = get_page(client, staff_b, sales_journey.url)

    assert links() == [("Advies", "Partner A"), ("Levering", "Partner B")]
    code_b = FeedbackLink.objects.get(partner__name="Partner B").code
    assert link_field(step_items(page_b)["Levering"]) == f"http://testserver/f/{code_b}/"


def test_the_brand_side_makes_no_links(client, brand_team, sales_journey):
    page = get_page(client, brand_team, sales_journey.url)

    assert not FeedbackLink.objects.exists()
    assert not page.select(".journey-step__link")


def png_modules(content, size, border):
    """The dark modules of a QR code PNG, read back pixel by pixel at the middle of each module."""
    image = Image.open(io.BytesIO(content)).convert("L")
    scale = image.width // (size + 2 * border)
    return [
        [
            int(image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2)) < 128)
            for x in range(size)
        ]
        for y in range(size)
    ]


def svg_modules(path, size, border):
    """The dark modules of segno's SVG path: 'M x y' then runs of 'h n' (dark) and relative moves 'm dx dy'."""
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, first, second in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            for column in range(int(x), int(x + float(first))):
                grid[int(y) - border][column - border] = 1
            x += float(first)
    return grid


@pytest.fixture
def advice_link(client, staff_a, sales_journey, sales_steps):
    """Partner A's link for 'Advies', made as the journey page makes it."""
    get_page(client, staff_a, sales_journey.url)
    return FeedbackLink.objects.get(step=sales_steps["Advies"])


def test_the_png_qr_code_encodes_the_absolute_feedback_link(client, advice_link):
    response = client.get(f"/klantreizen/stappen/{advice_link.step_id}/qr.png")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    expected = segno.make(f"http://testserver/f/{advice_link.code}/", error="m", micro=False)
    image = Image.open(io.BytesIO(response.content))
    assert image.size == expected.symbol_size(scale=10, border=4)
    assert png_modules(response.content, len(expected.matrix), 4) == [list(row) for row in expected.matrix]
    assert "Content-Disposition" not in response


def test_the_svg_qr_code_encodes_the_absolute_feedback_link(client, advice_link):
    response = client.get(f"/klantreizen/stappen/{advice_link.step_id}/qr.svg")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/svg+xml"
    url = f"http://testserver/f/{advice_link.code}/"
    svg = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title").text == url
    expected = segno.make(url, error="m", micro=False)
    assert (int(svg.get("width")), int(svg.get("height"))) == expected.symbol_size(scale=10, border=4)
    path = svg.find(f"{SVG}path").get("d")
    assert svg_modules(path, len(expected.matrix), 4) == [list(row) for row in expected.matrix]


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_qr_code_can_be_downloaded_under_the_links_code(client, advice_link, kind):
    response = client.get(f"/klantreizen/stappen/{advice_link.step_id}/qr.{kind}?download=1")

    assert response["Content-Disposition"] == f'attachment; filename="feedback-{advice_link.code}.{kind}"'


def test_a_qr_code_makes_the_link_when_the_page_was_not_seen_yet(client, staff_a, sales_steps):
    client.force_login(staff_a)

    response = client.get(f"/klantreizen/stappen/{sales_steps['Advies'].pk}/qr.svg")

    assert response.status_code == HTTPStatus.OK
    assert links() == [("Advies", "Partner A")]
    assert FeedbackLink.objects.get().code in response.content.decode()


@pytest.mark.parametrize("kind", ["png", "svg"])
@pytest.mark.parametrize(
    "step_of",
    [
        pytest.param(lambda j: j["Auto verzekeren"].steps.get(name="Acceptatie"), id="the-brands-step"),
        pytest.param(lambda j: j["Auto verzekeren"].steps.get(name="Levering"), id="another-kinds-step"),
        pytest.param(lambda j: j["Pakket bezorgen"].steps.get(name="Ophalen"), id="my-kind-in-a-journey-not-for-me"),
        pytest.param(lambda j: j["Concept-reis"].steps.get(name="Iets"), id="my-kind-in-an-unpublished-journey"),
    ],
)
def test_no_qr_code_for_a_step_that_is_not_mine_to_hand_out(client, staff_a, journeys, step_of, kind):
    client.force_login(staff_a)

    response = client.get(f"/klantreizen/stappen/{step_of(journeys).pk}/qr.{kind}")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not FeedbackLink.objects.exists()


def test_an_unknown_step_has_no_qr_code(client, staff_a, sales_journey):
    client.force_login(staff_a)

    assert client.get("/klantreizen/stappen/999999/qr.png").status_code == HTTPStatus.NOT_FOUND


def test_the_brand_side_and_visitors_get_no_qr_code(client, brand_team, sales_steps):
    url = f"/klantreizen/stappen/{sales_steps['Advies'].pk}/qr.png"
    assert client.get(url).status_code == HTTPStatus.FOUND

    client.force_login(brand_team)

    assert client.get(url).status_code == HTTPStatus.FORBIDDEN
    assert not FeedbackLink.objects.exists()


# ---------------------------------------------------------------------------
# Jullie zeiden, wij deden
# ---------------------------------------------------------------------------


def test_the_journey_shows_its_own_improvements_newest_first(client, staff_a, sales_journey, sales_steps, claim_steps):
    factories.action(
        sales_steps["Advies"], date(2026, 1, 15), customers_said="Het advies kwam laat.", we_did="Binnen twee dagen."
    )
    factories.action(
        sales_steps["Levering"], date(2026, 3, 2), customers_said="De bezorger belde niet.", we_did="Hij belt nu."
    )
    factories.action(claim_steps["Melding"], date(2026, 2, 1), customers_said="Over iets anders.", we_did="Elders.")

    page = get_page(client, staff_a, sales_journey.url)

    actions = page.select(".journey-actions li.journey-action")
    assert texts(action.h3 for action in actions) == ["Maart 2026 · Levering", "Januari 2026 · Advies"]
    assert texts(actions[1].select("p")) == ["Klanten zeiden: Het advies kwam laat.", "Wij deden: Binnen twee dagen."]
    assert "Over iets anders." not in page.get_text()


def test_without_improvements_the_journey_says_so(client, staff_a, sales_journey):
    page = get_page(client, staff_a, sales_journey.url)

    assert "Nog geen verbeteringen vastgelegd voor deze klantreis." in page.select_one(".journey-actions").get_text()


# ---------------------------------------------------------------------------
# NPS of my steps
# ---------------------------------------------------------------------------


@pytest.fixture
def answers(sales_steps, partner_a, kind_intermediary):
    """Partner A: 10 and 3 today, 9 89 days ago, two 0s 91 days ago; partner C (also an intermediary): three 0s."""
    advice = sales_steps["Advies"]
    now = timezone.now()
    factories.responses(advice, partner_a, [10, 3])
    factories.responses(advice, partner_a, [9], at=now - timedelta(days=89))
    factories.responses(advice, partner_a, [0, 0], at=now - timedelta(days=91))
    factories.responses(advice, PartnerFactory(name="Partner C", kinds=[kind_intermediary]), [0, 0, 0])


def nps_texts(page):
    return {name: texts(item.select(".journey-step__nps")) for name, item in step_items(page).items()}


def test_a_partner_sees_the_nps_of_its_own_answers_on_its_own_steps(client, staff_a, sales_journey, answers):
    page = get_page(client, staff_a, sales_journey.url)

    assert nps_texts(page) == {
        "Eerste contact": [],
        "Advies": [f"Klanten, laatste 90 dagen: {nps_text(33, 2, 0, 1)}"],
        "Acceptatie": [],
        "Levering": [],
        "Nazorg": [],
    }


def test_the_brand_side_sees_every_partners_answers_on_every_step(client, brand_team, sales_journey, answers):
    page = get_page(client, brand_team, sales_journey.url)

    none_yet = ["Klanten, laatste 90 dagen: nog geen antwoorden"]
    assert nps_texts(page) == {
        "Eerste contact": none_yet,
        "Advies": [f"Klanten, laatste 90 dagen: {nps_text(-33, 2, 0, 4)}"],
        "Acceptatie": none_yet,
        "Levering": none_yet,
        "Nazorg": none_yet,
    }


def test_another_partner_of_the_same_kind_sees_only_its_own(client, sales_journey, answers):
    partner_c_member = MembershipFactory(partner=Partner.objects.get(name="Partner C")).user

    page = get_page(client, partner_c_member, sales_journey.url)

    assert nps_texts(page)["Advies"] == [f"Klanten, laatste 90 dagen: {nps_text(-100, 0, 0, 3)}"]
