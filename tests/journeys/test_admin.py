"""The brand team in the admin: answering partners' suggestions and keeping 'jullie zeiden, wij deden'."""

import csv
import io
import json
from datetime import date, timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import UserFactory
from home.brand_team import BRAND_TEAM_GROUP
from journeys import admin_forms, factories
from journeys.models import ImprovementAction, Suggestion
from partners.factories import PartnerFactory

SUGGESTIONS = "/admin/journeys/suggestion/"
ACTIONS = "/admin/journeys/improvementaction/"
NEW_ACTION = ACTIONS + "new/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def field_errors(response, name):
    """The error text shown with the form field `name`."""
    field = soup(response).find(attrs={"name": name})
    wrapper = field.find_parent(attrs={"data-field-wrapper": True})
    return " ".join(error.get_text(" ", strip=True) for error in wrapper.select(".error-message"))


def choices(response, name):
    """{value: label} of a field's options or checkboxes."""
    page = soup(response)
    select = page.find("select", attrs={"name": name})
    if select is not None:
        return {option["value"]: option.get_text(strip=True) for option in select.select("option") if option["value"]}
    return {box["value"]: box.find_parent("label").get_text(" ", strip=True) for box in page.select(f"[name={name}]")}


def listing(response):
    table = soup(response).find("table", class_="listing")
    if table is None:
        return []
    return [[td.get_text(" ", strip=True) for td in row.select("td")] for row in table.select("tbody tr")]


# ---------------------------------------------------------------------------
# The brand team's group
# ---------------------------------------------------------------------------


def test_the_brand_team_group_may_answer_suggestions_and_record_actions_but_not_delete(brand_team):
    group = Group.objects.get(name=BRAND_TEAM_GROUP)
    journeys = set(group.permissions.filter(content_type__app_label="journeys").values_list("codename", flat=True))

    assert journeys == {
        "view_feedbackresponse",
        "view_suggestion",
        "change_suggestion",
        "add_improvementaction",
        "change_improvementaction",
        "view_improvementaction",
    }
    assert not group.permissions.filter(codename__startswith="delete_").exists()


def menu_items(items):
    """{label: url or {label: url}} of the admin sidebar's menu items, as the sidebar's props describe them."""
    found = {}
    for item in items:
        options = item["_args"][0]
        if item["_type"] == "wagtail.sidebar.SubMenuItem":
            found[options["label"]] = menu_items(item["_args"][1])
        elif "url" in options:
            found[options["label"]] = options["url"]
    return found


def test_the_admin_menu_has_the_journeys_group(brand_editor):
    props = soup(brand_editor.get("/admin/")).find(id="wagtail-sidebar-props")
    modules = json.loads(props.string)["modules"]
    main_menu = next(module for module in modules if module["_type"] == "wagtail.sidebar.MainMenuModule")

    assert menu_items(main_menu["_args"][0])["Klantreizen"] == {
        "Verbetervoorstellen": SUGGESTIONS,
        "Jullie zeiden, wij deden": ACTIONS,
    }


# ---------------------------------------------------------------------------
# Suggestions
# ---------------------------------------------------------------------------


@pytest.fixture
def suggestion(claim_steps, partner_a, staff_a):
    return factories.suggestion(
        claim_steps["Melding"],
        partner_a,
        author=staff_a,
        problem="De klant weet niet of de melding binnen is.",
        proposal="Een sms zodra de melding binnen is.",
    )


def edit_suggestion(client, suggestion, **data):
    return client.post(f"{SUGGESTIONS}edit/{suggestion.pk}/", data)


def test_suggestions_are_listed_with_their_status(brand_editor, suggestion, claim_steps, partner_b):
    factories.suggestion(claim_steps["Herstel"], partner_b, at=timezone.now() - timedelta(days=1))

    rows = listing(brand_editor.get(SUGGESTIONS))

    assert [row[1:5] for row in rows] == [
        ["Schade melden", "Melding", "Partner A", "nog geen besluit"],
        ["Schade melden", "Herstel", "Partner B", "nog geen besluit"],
    ]


@pytest.mark.parametrize(
    "params, partners",
    [
        ({"status": "open"}, ["Partner B"]),
        ({"status": "taken_up"}, ["Partner A"]),
        ({"partner": "B"}, ["Partner B"]),
        ({"journey": "switching"}, []),
    ],
)
def test_suggestions_filter(brand_editor, suggestion, claim_steps, partner_b, journey_index, params, partners):
    factories.suggestion(claim_steps["Herstel"], partner_b)
    Suggestion.objects.filter(pk=suggestion.pk).update(status=Suggestion.Status.TAKEN_UP, answer="Doen we.")
    switching = factories.journey(journey_index, "Overstappen", steps=[factories.step("Aanvraag")])
    values = {"partner": {"B": partner_b.pk}, "journey": {"switching": switching.pk}}
    params = {name: values.get(name, {}).get(value, value) for name, value in params.items()}

    rows = listing(brand_editor.get(SUGGESTIONS, params))

    assert [row[3] for row in rows] == partners


def test_suggestions_export_keeps_partners_texts_as_text(brand_editor, claim_steps, partner_a):
    factories.suggestion(claim_steps["Melding"], partner_a, problem="=HYPERLINK(1)", proposal="+31 20 123")

    response = brand_editor.get(SUGGESTIONS, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert rows[0] == [
        "Ingediend op",
        "Klantreis",
        "Naam van de stap",
        "Partner",
        "Wat gaat er mis voor de klant",
        "Wat zou helpen",
        "Status",
        "Antwoord",
        "Beantwoord op",
    ]
    assert rows[1][1:] == [
        "Schade melden",
        "Melding",
        "Partner A",
        "'=HYPERLINK(1)",
        "'+31 20 123",
        "nog geen besluit",
        "",
        "",
    ]


def test_the_proposal_is_shown_but_cannot_be_changed(brand_editor, suggestion):
    response = brand_editor.get(f"{SUGGESTIONS}edit/{suggestion.pk}/")

    page = soup(response)
    assert "De klant weet niet of de melding binnen is." in page.find("main").get_text()
    assert {field["name"] for field in page.select("form [name]") if field["name"] in ("problem", "proposal")} == set()

    edit_suggestion(
        brand_editor, suggestion, status="open", answer="", problem="Iets anders", proposal="Iets anders", partner=""
    )
    suggestion.refresh_from_db()
    assert (suggestion.problem, suggestion.proposal) == (
        "De klant weet niet of de melding binnen is.",
        "Een sms zodra de melding binnen is.",
    )


def test_answering_records_who_answered_and_when(brand_editor, brand_team, suggestion):
    before = timezone.now()

    response = edit_suggestion(
        brand_editor, suggestion, status="taken_up", answer="Goed idee: vanaf juni krijgt de klant een sms."
    )

    assert response.status_code == HTTPStatus.FOUND
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.TAKEN_UP
    assert suggestion.answer == "Goed idee: vanaf juni krijgt de klant een sms."
    assert suggestion.answered_by == brand_team
    assert before <= suggestion.answered_at <= timezone.now()
    assert suggestion.author.email == "medewerker@partner-a.example"  # the partner's author stays


def test_saving_an_unchanged_answer_keeps_when_it_was_given(brand_editor, suggestion, admin_user):
    given = timezone.now() - timedelta(days=3)
    Suggestion.objects.filter(pk=suggestion.pk).update(
        status="not_taken_up", answer="Past niet in de planning.", answered_at=given, answered_by=admin_user
    )

    edit_suggestion(brand_editor, suggestion, status="not_taken_up", answer="Past niet in de planning.")

    suggestion.refresh_from_db()
    assert (suggestion.answered_at, suggestion.answered_by) == (given, admin_user)


def test_removing_the_answer_forgets_when_it_was_given(brand_editor, suggestion, admin_user):
    Suggestion.objects.filter(pk=suggestion.pk).update(answer="Even kijken.", answered_at=timezone.now())

    edit_suggestion(brand_editor, suggestion, status="open", answer="")

    suggestion.refresh_from_db()
    assert (suggestion.answer, suggestion.answered_at, suggestion.answered_by) == ("", None, None)


@pytest.mark.parametrize("status", ["taken_up", "not_taken_up"])
@pytest.mark.parametrize("answer", ["", "   "])
def test_a_decision_needs_an_answer(brand_editor, suggestion, status, answer):
    response = edit_suggestion(brand_editor, suggestion, status=status, answer=answer)

    assert response.status_code == HTTPStatus.OK
    assert "Schrijf de partner een antwoord" in field_errors(response, "answer")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.answered_at) == ("open", None)


def test_suggestions_cannot_be_added_or_deleted_in_the_admin(brand_editor, client, admin_user, suggestion):
    assert brand_editor.get(SUGGESTIONS + "new/").status_code == HTTPStatus.NOT_FOUND
    assert 'href="/admin/journeys/suggestion/new/"' not in brand_editor.get(SUGGESTIONS).content.decode()

    response = brand_editor.post(f"{SUGGESTIONS}delete/{suggestion.pk}/")
    assert response.status_code == HTTPStatus.FOUND
    assert Suggestion.objects.filter(pk=suggestion.pk).exists()


def test_an_administrator_sees_no_add_button_either(client, admin_user, login_with_mfa, suggestion):
    login_with_mfa(client, admin_user)

    response = client.get(SUGGESTIONS)

    assert response.status_code == HTTPStatus.OK
    assert "/new/" not in response.content.decode()


@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
def test_partner_users_cannot_answer(client, request, suggestion, role):
    client.force_login(request.getfixturevalue(role))

    response = edit_suggestion(client, suggestion, status="taken_up", answer="Zelf goedgekeurd.")

    assert response.status_code == HTTPStatus.FORBIDDEN
    suggestion.refresh_from_db()
    assert suggestion.status == "open"


# ---------------------------------------------------------------------------
# Jullie zeiden, wij deden
# ---------------------------------------------------------------------------


@pytest.fixture
def commented(claim_steps, partner_a, partner_b):
    """Commented answers: two about the report step, one about the repair; and one without a comment."""
    now = timezone.now()
    melding, herstel = claim_steps["Melding"], claim_steps["Herstel"]
    return {
        "late": factories.response(melding, partner_a, 3, comment="Niemand belde terug.", at=now - timedelta(hours=3)),
        "unclear": factories.response(melding, partner_b, 5, comment="Onduidelijk formulier.", at=now),
        "repair": factories.response(herstel, partner_b, 9, comment="Snel gerepareerd.", at=now - timedelta(hours=1)),
        "silent": factories.response(melding, partner_a, 2, at=now - timedelta(hours=2)),
    }


def action_data(step, **data):
    return {
        "month": "2026-03-17",
        "step": step.pk,
        "customers_said": "Klanten hoorden niets na hun melding.",
        "we_did": "Iedere melding krijgt nu dezelfde dag een sms.",
        **data,
    }


def test_recording_the_action_of_a_month(brand_editor, brand_team, claim_journey, claim_steps, commented, suggestion):
    melding = claim_steps["Melding"]

    response = brand_editor.post(
        NEW_ACTION,
        action_data(melding, feedback=[commented["late"].pk, commented["unclear"].pk], suggestions=[suggestion.pk]),
    )

    assert response.status_code == HTTPStatus.FOUND
    action = ImprovementAction.objects.get()
    assert action.month == date(2026, 3, 1)
    assert (action.journey, action.step, action.step_name) == (claim_journey, melding, "Melding")
    assert action.created_by == brand_team
    assert set(action.feedback.all()) == {commented["late"], commented["unclear"]}
    assert list(action.suggestions.all()) == [suggestion]
    assert listing(brand_editor.get(ACTIONS))[0][:3] == ["maart 2026", "Schade melden", "Melding"]


def test_editing_keeps_who_recorded_it(brand_editor, claim_steps, admin_user):
    action = factories.action(claim_steps["Melding"], date(2026, 3, 1), created_by=admin_user)

    response = brand_editor.post(
        f"{ACTIONS}edit/{action.pk}/",
        action_data(claim_steps["Herstel"], month="2026-03-31", we_did="De koerier belt vooraf."),
    )

    assert response.status_code == HTTPStatus.FOUND
    action.refresh_from_db()
    assert (action.month, action.step_name, action.we_did) == (date(2026, 3, 1), "Herstel", "De koerier belt vooraf.")
    assert action.created_by == admin_user


def test_one_action_a_month(brand_editor, claim_steps):
    factories.action(claim_steps["Herstel"], date(2026, 3, 1))

    response = brand_editor.post(NEW_ACTION, action_data(claim_steps["Melding"], month="2026-03-09"))

    assert response.status_code == HTTPStatus.OK
    assert "Voor maart 2026 is er al een verbetering" in field_errors(response, "month")
    assert ImprovementAction.objects.count() == 1


def test_another_month_is_fine_and_the_same_action_keeps_its_month(brand_editor, claim_steps):
    march = factories.action(claim_steps["Herstel"], date(2026, 3, 1))

    april = brand_editor.post(NEW_ACTION, action_data(claim_steps["Melding"], month="2026-04-01"))
    assert april.status_code == HTTPStatus.FOUND
    response = brand_editor.post(f"{ACTIONS}edit/{march.pk}/", action_data(claim_steps["Herstel"], month="2026-03-02"))

    assert response.status_code == HTTPStatus.FOUND
    assert sorted(ImprovementAction.objects.values_list("month", flat=True)) == [date(2026, 3, 1), date(2026, 4, 1)]


def test_two_saves_of_the_same_month_at_once_get_the_message_not_an_error(brand_editor, claim_steps, monkeypatch):
    """A colleague saved March after this form was checked: the database refuses the second, and the form says why."""
    factories.action(claim_steps["Herstel"], date(2026, 3, 1))
    # As if the checks ran before the colleague's save.
    monkeypatch.setattr(admin_forms, "month_taken", lambda month, exclude_pk=None: False)
    monkeypatch.setattr(admin_forms.ImprovementActionForm, "validate_unique", lambda form: None)

    response = brand_editor.post(NEW_ACTION, action_data(claim_steps["Melding"]))

    assert response.status_code == HTTPStatus.OK
    assert "Voor maart 2026 is er al een verbetering" in field_errors(response, "month")
    assert ImprovementAction.objects.count() == 1


@pytest.mark.parametrize("field", ["feedback", "suggestions"])
def test_feedback_and_suggestions_must_be_about_the_chosen_step(
    brand_editor, claim_steps, commented, suggestion, field
):
    """The report step's answers and suggestion, with the repair step chosen."""
    chosen = {"feedback": [commented["late"].pk], "suggestions": [suggestion.pk]}[field]

    response = brand_editor.post(NEW_ACTION, action_data(claim_steps["Herstel"], **{field: chosen}))

    assert response.status_code == HTTPStatus.OK
    assert "over de gekozen stap (Herstel)" in field_errors(response, field)
    assert not ImprovementAction.objects.exists()


def test_steps_to_choose_are_those_of_live_journeys(brand_editor, claim_journey, journey_index):
    draft = factories.journey(journey_index, "Verhuizen", steps=[factories.step("Adres wijzigen")], publish=False)

    offered = choices(brand_editor.get(NEW_ACTION), "step")

    assert list(offered.values()) == [f"Schade melden · {name}" for name in ("Melding", "Beoordeling", "Herstel")]
    assert str(draft.steps.get().pk) not in offered


def test_feedback_to_choose_is_the_latest_commented(brand_editor, commented):
    offered = choices(brand_editor.get(NEW_ACTION), "feedback")

    assert list(offered) == [str(commented[name].pk) for name in ("unclear", "repair", "late")]  # newest first
    label = offered[str(commented["late"].pk)]
    assert label.startswith("3 · ")
    assert "Partner A" in label
    assert "Melding" in label
    assert "Niemand belde terug." in label


def test_feedback_choices_are_limited_but_keep_what_an_action_links(brand_editor, claim_steps, partner_a):
    long_ago = timezone.now() - timedelta(days=99)
    old = factories.response(claim_steps["Melding"], partner_a, 1, comment="Oud", at=long_ago)
    recent = [
        factories.response(claim_steps["Melding"], partner_a, 4, comment="x" * 200, at=timezone.now())
        for _number in range(admin_forms.RECENT_CHOICES)
    ]
    action = factories.action(claim_steps["Melding"], date(2026, 3, 1), feedback=[old])

    new = choices(brand_editor.get(NEW_ACTION), "feedback")
    edit = choices(brand_editor.get(f"{ACTIONS}edit/{action.pk}/"), "feedback")

    assert set(new) == {str(answer.pk) for answer in recent}
    assert set(edit) == set(new) | {str(old.pk)}
    assert all(len(label) < 200 for label in new.values())  # long comments are shortened


@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
def test_partner_users_cannot_record_actions(client, request, claim_steps, role):
    client.force_login(request.getfixturevalue(role))

    response = client.post(NEW_ACTION, action_data(claim_steps["Melding"]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not ImprovementAction.objects.exists()


def test_the_brand_team_cannot_delete_an_action(brand_editor, claim_steps):
    action = factories.action(claim_steps["Melding"], date(2026, 3, 1))

    response = brand_editor.post(f"{ACTIONS}delete/{action.pk}/")

    assert response.status_code == HTTPStatus.FOUND
    assert ImprovementAction.objects.filter(pk=action.pk).exists()


# ---------------------------------------------------------------------------
# Query budget
# ---------------------------------------------------------------------------


def get(client, path):
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)  # an export reads its rows while streaming
    return response


def page_queries(client, path):
    get(client, path)  # warm-up: the admin's menu and site caches
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path)
    assert response.status_code == HTTPStatus.OK
    return len(queries.captured_queries)


def add_history(claim_steps, count, first_month):
    partners = PartnerFactory.create_batch(count)
    author = UserFactory()
    steps = list(claim_steps.values())
    for number in range(count):
        step = steps[number % len(steps)]
        factories.suggestion(step, partners[number], author=author)
        factories.response(step, partners[number], number % 11, comment=f"Opmerking {number}")
        factories.action(step, first_month + timedelta(days=31 * number), created_by=author)


@pytest.mark.parametrize(
    "url", [SUGGESTIONS, SUGGESTIONS + "?export=csv", ACTIONS, ACTIONS + "?export=xlsx", NEW_ACTION, "edit"]
)
def test_admin_pages_do_not_grow_with_suggestions_and_actions(
    brand_editor, claim_steps, django_assert_max_num_queries, url
):
    """2 suggestions, answers and actions or 42: each page costs the same number of queries."""
    add_history(claim_steps, 2, date(2020, 1, 1))
    first = ImprovementAction.objects.order_by("month").first()
    path = f"{ACTIONS}edit/{first.pk}/" if url == "edit" else url
    small = page_queries(brand_editor, path)

    add_history(claim_steps, 40, date(2021, 1, 1))
    with django_assert_max_num_queries(small):
        response = get(brand_editor, path)

    assert response.status_code == HTTPStatus.OK
