"""A partner's proposals to improve a step it takes part in, and the brand team's answers as the partner sees them."""

from http import HTTPStatus

import pytest
from django.utils import timezone

from journeys import factories
from journeys.models import Suggestion

from .helpers import get_page, soup, step_items, texts

PROBLEM = "De klant weet na het advies niet wanneer de polis komt."
PROPOSAL = "Noem in het advies de datum waarop de polis komt."
THANKS = "Bedankt voor je voorstel. Het merkteam beantwoordt het; je ziet het antwoord hier."
SUGGESTIONS = "/klantreizen/voorstellen/"


def suggest_url(step):
    return f"/klantreizen/stappen/{step.pk}/voorstel/"


def suggest(client, step, problem=PROBLEM, proposal=PROPOSAL):
    return client.post(suggest_url(step), {"voorstel-problem": problem, "voorstel-proposal": proposal})


@pytest.fixture
def answered(sales_steps, partner_a, staff_a, brand_team):
    """Partner A's proposal for 'Advies', taken up by the brand team."""
    suggestion = factories.suggestion(sales_steps["Advies"], partner_a, author=staff_a, problem=PROBLEM)
    suggestion.status = Suggestion.Status.TAKEN_UP
    suggestion.answer = "Goed idee: vanaf maart staat de datum in elk advies."
    suggestion.answered_at = timezone.now()
    suggestion.answered_by = brand_team
    suggestion.save()
    return suggestion


# ---------------------------------------------------------------------------
# Proposing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("step_name", ["Advies", "Eerste contact", "Acceptatie"])
def test_a_partner_proposes_for_its_own_step_and_the_handovers_around_it(
    staff_a_client, staff_a, partner_a, sales_journey, sales_steps, step_name
):
    step = sales_steps[step_name]

    response = suggest(staff_a_client, step)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{sales_journey.url}#stap-{step.pk}"
    suggestion = Suggestion.objects.get()
    assert suggestion.journey_id == sales_journey.pk
    assert suggestion.step == step
    assert suggestion.step_name == step_name
    assert suggestion.partner == partner_a
    assert suggestion.author == staff_a
    assert (suggestion.problem, suggestion.proposal) == (PROBLEM, PROPOSAL)
    assert suggestion.status == Suggestion.Status.OPEN
    assert (suggestion.answer, suggestion.answered_at, suggestion.answered_by) == ("", None, None)


def test_after_proposing_the_partner_is_thanked_and_sees_the_proposal_at_the_step(
    staff_a_client, sales_journey, sales_steps
):
    response = staff_a_client.post(
        suggest_url(sales_steps["Advies"]),
        {"voorstel-problem": PROBLEM, "voorstel-proposal": PROPOSAL},
        follow=True,
    )

    page = soup(response)
    assert THANKS in page.get_text()
    item = step_items(page)["Advies"].select_one(".suggestion-item")
    assert "Nog geen besluit" in item.get_text()
    assert texts(item.select("p"))[1:] == [f"Wat er misgaat: {PROBLEM}", f"Wat zou helpen: {PROPOSAL}"]


@pytest.mark.parametrize(
    "step_of",
    [
        pytest.param(lambda steps, courier: steps["Levering"], id="another-kinds-step-not-next-to-mine"),
        pytest.param(lambda steps, courier: steps["Nazorg"], id="the-brands-step-not-next-to-mine"),
        pytest.param(lambda steps, courier: courier.steps.get(name="Ophalen"), id="my-kind-in-a-journey-not-for-me"),
        pytest.param(lambda steps, courier: courier.steps.get(name="Bezorgen"), id="a-journey-not-for-me"),
    ],
)
def test_no_proposals_for_steps_i_take_no_part_in(staff_a_client, sales_steps, courier_journey, step_of):
    response = suggest(staff_a_client, step_of(sales_steps, courier_journey))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Suggestion.objects.exists()


def test_no_proposals_for_an_unpublished_journey(staff_a_client, sales_journey, sales_steps):
    sales_journey.unpublish()

    assert suggest(staff_a_client, sales_steps["Advies"]).status_code == HTTPStatus.NOT_FOUND
    assert not Suggestion.objects.exists()


def test_the_courier_proposes_for_its_own_steps_not_the_intermediarys(client, staff_b, sales_steps):
    client.force_login(staff_b)

    statuses = {name: suggest(client, step).status_code for name, step in sales_steps.items()}

    assert statuses == {
        "Eerste contact": HTTPStatus.NOT_FOUND,
        "Advies": HTTPStatus.NOT_FOUND,
        "Acceptatie": HTTPStatus.FOUND,
        "Levering": HTTPStatus.FOUND,
        "Nazorg": HTTPStatus.FOUND,
    }
    assert sorted(Suggestion.objects.values_list("step_name", flat=True)) == ["Acceptatie", "Levering", "Nazorg"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", HTTPStatus.FOUND), ("brand_team", HTTPStatus.FORBIDDEN)],
)
def test_only_partner_people_propose(client, people, sales_steps, role, status):
    if people(role):
        client.force_login(people(role))

    assert suggest(client, sales_steps["Advies"]).status_code == status
    assert not Suggestion.objects.exists()


def test_proposing_needs_a_post(staff_a_client, sales_steps):
    assert staff_a_client.get(suggest_url(sales_steps["Advies"])).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_the_form_is_offered_only_at_steps_i_take_part_in(client, staff_a, brand_team, sales_journey):
    mine = get_page(client, staff_a, sales_journey.url)
    brand = get_page(client, brand_team, sales_journey.url)

    offered = [name for name, item in step_items(mine).items() if item.select_one(".journey-step__suggest form")]
    assert offered == ["Eerste contact", "Advies", "Acceptatie"]
    assert not brand.select(".journey-step__suggest")


@pytest.mark.parametrize(
    ("problem", "proposal", "message"),
    [
        pytest.param("", PROPOSAL, "Beschrijf wat er misgaat voor de klant.", id="no-problem"),
        pytest.param("   \n ", PROPOSAL, "Beschrijf wat er misgaat voor de klant.", id="blank-problem"),
        pytest.param(PROBLEM, "", "Beschrijf wat zou helpen.", id="no-proposal"),
        pytest.param("x" * 2001, PROPOSAL, "Gebruik hoogstens 2000 tekens (nu 2001).", id="problem-too-long"),
        pytest.param(PROBLEM, "x" * 2001, "Gebruik hoogstens 2000 tekens (nu 2001).", id="proposal-too-long"),
    ],
)
def test_an_empty_or_overlong_proposal_is_refused_in_dutch_and_kept(
    staff_a_client, sales_steps, problem, proposal, message
):
    response = suggest(staff_a_client, sales_steps["Advies"], problem, proposal)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Verbetering voorstellen voor ‘Advies’"
    assert message in page.select_one(".error-summary").get_text()
    assert [area.get_text() for area in page.select("textarea")] == [problem, proposal]
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("problem", "what"),
    [
        ("Mevrouw de Vries (j.devries@mail.example) hoorde niets.", "een e-mailadres"),
        ("Klant belde 06-12345678 drie keer.", "een telefoonnummer"),
    ],
)
def test_a_proposal_with_a_customers_personal_data_is_refused(staff_a_client, sales_steps, problem, what):
    response = suggest(staff_a_client, sales_steps["Advies"], problem, PROPOSAL)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert f"Dit lijkt {what}. Beschrijf wat er gebeurt zonder gegevens van klanten." in (
        soup(response).select_one(".error-summary").get_text()
    )
    assert not Suggestion.objects.exists()


def test_a_proposal_of_exactly_the_limit_is_accepted(staff_a_client, sales_steps):
    assert suggest(staff_a_client, sales_steps["Advies"], "p" * 2000, "v" * 2000).status_code == HTTPStatus.FOUND

    assert len(Suggestion.objects.get().problem) == 2000


# ---------------------------------------------------------------------------
# The brand team's answer, and who sees it
# ---------------------------------------------------------------------------


def test_the_answer_is_shown_at_the_step(client, manager_a, sales_journey, answered):
    page = get_page(client, manager_a, sales_journey.url)

    item = step_items(page)["Advies"].select_one(".suggestion-item")
    assert item.select_one(".status--taken_up").get_text(strip=True) == "Overgenomen"
    assert texts(item.select(".suggestion-answer p"))[0] == (
        "Antwoord van het merkteam: Goed idee: vanaf maart staat de datum in elk advies."
    )


def test_the_answers_are_listed_newest_first_on_the_proposals_page(
    client, staff_a, partner_a, sales_journey, sales_steps, answered
):
    older = factories.suggestion(
        sales_steps["Acceptatie"],
        partner_a,
        problem="Het afleveradres klopt vaak niet.",
        at=timezone.now().replace(year=2025),
    )
    older.status = Suggestion.Status.NOT_TAKEN_UP
    older.answer = "Het adres komt uit de aanvraag; daar controleren we het al."
    older.save()

    page = get_page(client, staff_a, SUGGESTIONS)

    cards = page.select("ul.suggestion-list > li.card")
    assert texts(card.h2 for card in cards) == ["Auto verzekeren · Advies", "Auto verzekeren · Acceptatie"]
    assert cards[0].h2.a["href"] == f"{sales_journey.url}#stap-{sales_steps['Advies'].pk}"
    assert "Goed idee: vanaf maart staat de datum in elk advies." in cards[0].get_text()
    assert cards[1].select_one(".status--not_taken_up").get_text(strip=True) == "Niet overgenomen"
    assert "Het adres komt uit de aanvraag; daar controleren we het al." in cards[1].get_text()


def test_a_proposal_keeps_its_step_name_when_the_step_is_removed(client, staff_a, sales_journey, answered):
    answered.step.delete()

    page = get_page(client, staff_a, SUGGESTIONS)

    card = page.select_one("ul.suggestion-list > li.card")
    assert card.h2.get_text(strip=True) == "Auto verzekeren · Advies"
    assert card.h2.a["href"] == sales_journey.url


def test_proposals_for_an_unpublished_journey_are_not_listed(client, staff_a, sales_journey, answered):
    sales_journey.unpublish()

    page = get_page(client, staff_a, SUGGESTIONS)

    assert not page.select("ul.suggestion-list")
    assert "Nog geen voorstellen." in page.get_text()


def test_proposals_for_a_journey_no_longer_aimed_at_us_are_not_listed(
    client, staff_a, sales_journey, answered, kind_courier
):
    sales_journey.audiences.set([kind_courier])
    sales_journey.save_revision().publish()

    page = get_page(client, staff_a, SUGGESTIONS)

    assert not page.select("ul.suggestion-list")


def test_another_partner_never_sees_my_proposals(client, staff_b, manager_b, sales_journey, sales_steps, answered):
    # Partner B takes part in 'Acceptatie' too; a proposal of A there is still A's alone.
    factories.suggestion(sales_steps["Acceptatie"], answered.partner, problem="Alleen voor partner A.")

    journey = get_page(client, staff_b, sales_journey.url)
    listed = get_page(client, manager_b, SUGGESTIONS)

    assert not journey.select(".suggestion-item")
    assert "Goed idee" not in journey.get_text()
    assert "Alleen voor partner A." not in journey.get_text()
    assert not listed.select(".suggestion-item")
    assert "Nog geen voorstellen." in listed.get_text()


def test_my_colleagues_see_our_proposals(client, manager_a, staff_a, sales_steps):
    client.force_login(staff_a)
    suggest(client, sales_steps["Advies"])

    page = get_page(client, manager_a, SUGGESTIONS)

    assert len(page.select(".suggestion-item")) == 1
    assert PROBLEM in page.get_text()
