"""Partners use a calculator: a plain form post, the JSON endpoint behind the live results, and the PDF for the
customer. Bad input gives a Dutch message at the field and is never counted; what was entered is never stored."""

import io
from decimal import Decimal
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.factories import UserFactory
from tools import demo, factories
from tools.models import CalculatorPage, ToolUse

from .conftest import small_calculator

# What staff type in the small calculator, and the outcomes the customer should read.
VALID = {"invoer-bedrag": "87.650", "invoer-rente": "4,5", "invoer-pakket": "1", "invoer-bonus": "on"}
OUTCOMES = {
    "Totaal na een jaar": "€\u00a091.644,25",
    "Rente": "€\u00a03.944,25",
    "Rente als percentage": "4,5%",
    "Looptijd": "24 maanden",
}
ANSWERS = {"Inleg": "€\u00a087.650", "Rente per jaar": "4,5\u00a0%", "Pakket": "Plus", "Met bonus?": "ja"}
FIX_THE_FIELDS = "Verbeter de gemarkeerde gegevens; dan volgt de uitkomst."
INACTIVE = "Je organisatie is niet meer actief"

# (field, what was typed (None: not posted), the message at that field)
INVALID = [
    pytest.param("bedrag", "", "Vul hier een getal in.", id="empty"),
    pytest.param("bedrag", "   ", "Vul hier een getal in.", id="blank"),
    pytest.param("bedrag", "veel", "Vul een getal in, bijvoorbeeld 1250 of 12,5.", id="not-a-number"),
    pytest.param("bedrag", "1e5", "Vul een getal in, bijvoorbeeld 1250 of 12,5.", id="exponent"),
    pytest.param("bedrag", "50", "Vul minstens €\u00a0100 in.", id="below-minimum"),
    pytest.param("bedrag", "100.050", "Vul hoogstens €\u00a0100.000 in.", id="above-maximum"),
    pytest.param("bedrag", "1.025", "Kies een waarde in stappen van €\u00a050 vanaf €\u00a0100.", id="wrong-step"),
    pytest.param("bedrag", "9" * 40, "Dit getal is te lang.", id="huge-text"),
    pytest.param("bedrag", "9" * 20, "Dit getal is te groot.", id="huge-number"),
    pytest.param("rente", "-0,5", "Vul minstens 0\u00a0% in.", id="negative"),
    pytest.param("rente", "20,5", "Vul hoogstens 20\u00a0% in.", id="percentage-above-maximum"),
    pytest.param("rente", "4,2", "Vul een veelvoud van 0,5\u00a0% in.", id="percentage-wrong-step"),
    pytest.param("pakket", "7", "Kies een van de mogelijkheden.", id="no-such-choice"),
    pytest.param("pakket", None, "Kies een van de mogelijkheden.", id="no-choice"),
]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def results(response):
    """{label: outcome} as the results panel shows them."""
    rows = soup(response).select("#calculator-results .results__row")
    return {row.dt.get_text(strip=True): row.dd.get_text(strip=True) for row in rows}


def answers(response):
    rows = soup(response).select(".results--answers .results__row")
    return {row.dt.get_text(strip=True): row.dd.get_text(strip=True) for row in rows}


def field_errors(response):
    """{field name: [messages]} for every field of the calculator form that shows one."""
    found = {}
    for field in soup(response).select("form.calculator__form [data-field]"):
        messages = [item.get_text(strip=True) for item in field.select(".errorlist li")]
        if messages:
            found[field["data-field"]] = messages
    return found


def typed(response, name):
    return soup(response).find("input", attrs={"name": f"invoer-{name}"})["value"]


def posted(field, value):
    data = dict(VALID)
    if value is None:
        data.pop(f"invoer-{field}")
    else:
        data[f"invoer-{field}"] = value
    return data


def calculate_url(page):
    return reverse("tools:calculate", args=[page.pk])


def pdf_url(page):
    return reverse("tools:calculation_pdf", args=[page.pk])


@pytest.fixture
def dividing(tool_index):
    """A calculator whose outcome divides by what the customer entered, through an intermediate value."""
    return factories.calculator(
        tool_index,
        "Per maand",
        inputs=[
            factories.number("bedrag", "Bedrag", unit="€", default=1200),
            factories.number("maanden", "Aantal maanden", minimum=0, default=12),
            factories.number("korting", "Korting", unit="€", default=0),
        ],
        calculations=[
            factories.output("zonder", "Korting per jaar", "korting * 12"),
            factories.intermediate("termijnen", "maanden * 1"),
            factories.output("per_maand", "Per maand", "bedrag / termijnen"),
        ],
    )


# ---------------------------------------------------------------------------
# The page: a form that posts and shows the outcomes
# ---------------------------------------------------------------------------


def test_the_page_shows_the_form_with_the_defaults_and_counts_nothing(staff_client, calculator_page):
    response = staff_client.get(calculator_page.url)

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    form = page.select_one("form.calculator__form")
    assert form["action"] == calculator_page.url
    assert form["data-calculate-url"] == calculate_url(calculator_page)
    assert typed(response, "bedrag") == "1.000"
    assert typed(response, "rente") == "10"
    assert page.find("input", attrs={"name": "invoer-pakket", "checked": True})["value"] == "0"
    assert not page.find("input", attrs={"name": "invoer-bonus"}).has_attr("checked")
    assert results(response) == {}
    assert "Vul de gegevens in; de uitkomst verschijnt hier." in response.content.decode()
    assert "Een indicatie, geen offerte." in response.content.decode()
    assert field_errors(response) == {}
    assert not ToolUse.objects.exists()


def test_a_calculation_shows_the_outcomes_formatted_and_is_counted(staff_client, calculator_page, staff_a, partner_a):
    response = staff_client.post(calculator_page.url, VALID)

    assert response.status_code == HTTPStatus.OK
    assert results(response) == OUTCOMES
    assert answers(response) == ANSWERS
    assert typed(response, "bedrag") == "87.650", "what was typed stays in the form"
    assert field_errors(response) == {}
    use = ToolUse.objects.get()
    assert (use.tool_id, use.kind, use.partner, use.user, use.run) == (
        calculator_page.pk,
        ToolUse.Kind.CALCULATION,
        partner_a,
        staff_a,
        None,
    )


def test_what_was_entered_is_stored_nowhere(staff_client, calculator_page):
    """The count is the only write, and a count has no room for inputs."""
    assert {field.name for field in ToolUse._meta.concrete_fields} == {
        "id",
        "tool",
        "kind",
        "partner",
        "user",
        "run",
        "used_at",
    }
    staff_client.get(calculator_page.url)  # the session and caches settle first

    with CaptureQueriesContext(connection) as queries:
        response = staff_client.post(calculator_page.url, VALID)

    assert response.status_code == HTTPStatus.OK
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
    ]
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith('INSERT INTO "TOOLS_TOOLUSE"'), writes
    assert "87650" not in writes[0] and "87.650" not in writes[0]


def test_a_managers_calculation_counts_for_their_partner(manager_client, calculator_page, manager_a, partner_a):
    assert manager_client.post(calculator_page.url, VALID).status_code == HTTPStatus.OK
    assert list(ToolUse.objects.values_list("user", "partner")) == [(manager_a.pk, partner_a.pk)]


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_a_bad_value_gives_a_dutch_message_at_its_field_and_is_not_counted(
    staff_client, calculator_page, field, value, message
):
    response = staff_client.post(calculator_page.url, posted(field, value))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert field_errors(response) == {f"invoer-{field}": [message]}
    assert results(response) == {}
    assert FIX_THE_FIELDS in response.content.decode()
    summary = soup(response).select_one(".error-summary")
    assert message in summary.get_text()
    assert not ToolUse.objects.exists()


def test_a_division_by_zero_is_a_message_at_the_inputs_the_formula_uses(staff_client, dividing):
    data = {"invoer-bedrag": "1.200", "invoer-maanden": "0", "invoer-korting": "10"}

    response = staff_client.post(dividing.url, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    message = "Met deze waarden deelt de berekening van ‘Per maand’ door nul."
    assert field_errors(response) == {"invoer-bedrag": [message], "invoer-maanden": [message]}
    assert results(response) == {}
    assert not ToolUse.objects.exists()


def test_a_division_by_zero_never_hides_a_sound_calculation(staff_client, dividing):
    response = staff_client.post(
        dividing.url, {"invoer-bedrag": "1.200", "invoer-maanden": "24", "invoer-korting": "0"}
    )

    assert response.status_code == HTTPStatus.OK
    assert results(response) == {"Korting per jaar": "€\u00a00,00", "Per maand": "€\u00a050,00"}


def test_an_outcome_too_large_is_a_message_not_an_error_page(staff_client, tool_index):
    page = factories.calculator(
        tool_index,
        "Groei",
        inputs=[factories.number("bedrag", "Bedrag", default=1), factories.number("jaren", "Jaren", default=1)],
        calculations=[factories.output("kubus", "Kubus", "bedrag * bedrag * bedrag")],
    )

    response = staff_client.post(page.url, {"invoer-bedrag": "1000000", "invoer-jaren": "1"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    message = "Met deze waarden kan ‘Kubus’ niet berekend worden: De uitkomst is te groot."
    assert field_errors(response) == {"invoer-bedrag": [message]}


def test_the_page_takes_no_other_method(staff_client, calculator_page):
    response = staff_client.put(calculator_page.url)

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not ToolUse.objects.exists()


# ---------------------------------------------------------------------------
# The JSON endpoint behind the live results
# ---------------------------------------------------------------------------


def test_the_endpoint_gives_the_outcomes(staff_client, calculator_page, staff_a, partner_a):
    response = staff_client.post(calculate_url(calculator_page), VALID)

    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["ok"] is True
    assert [(o["name"], o["label"], Decimal(o["value"]), o["display"]) for o in data["outputs"]] == [
        ("totaal", "Totaal na een jaar", Decimal("91644.25"), OUTCOMES["Totaal na een jaar"]),
        ("rente_bedrag", "Rente", Decimal("3944.25"), OUTCOMES["Rente"]),
        ("percentage", "Rente als percentage", Decimal("4.5"), OUTCOMES["Rente als percentage"]),
        ("maanden", "Looptijd", Decimal(24), OUTCOMES["Looptijd"]),
    ]
    assert all(set(output) == {"name", "label", "value", "display", "help"} for output in data["outputs"])
    # What the outcome assumes comes along, so a printout never pairs old inputs with new outcomes.
    assert [(answer["label"], answer["text"]) for answer in data["answers"]] == list(ANSWERS.items())
    assert list(ToolUse.objects.values_list("tool", "kind", "partner", "user")) == [
        (calculator_page.pk, ToolUse.Kind.CALCULATION, partner_a.pk, staff_a.pk)
    ]


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_the_endpoint_gives_field_errors(staff_client, calculator_page, field, value, message):
    response = staff_client.post(calculate_url(calculator_page), posted(field, value))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"ok": False, "errors": {f"invoer-{field}": [message]}}
    assert not ToolUse.objects.exists()


def test_the_endpoint_reports_a_division_by_zero_at_the_fields(staff_client, dividing):
    response = staff_client.post(
        calculate_url(dividing), {"invoer-bedrag": "1200", "invoer-maanden": "0", "invoer-korting": "0"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    message = "Met deze waarden deelt de berekening van ‘Per maand’ door nul."
    assert response.json() == {"ok": False, "errors": {"invoer-bedrag": [message], "invoer-maanden": [message]}}


def test_the_endpoint_only_takes_posts(staff_client, calculator_page):
    response = staff_client.get(calculate_url(calculator_page), VALID)

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not ToolUse.objects.exists()


def test_an_unpublished_calculator_does_not_exist(staff_client, tool_index):
    draft = small_calculator(tool_index, "Nog niet klaar", publish=False)

    assert staff_client.get(draft.url).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(draft.url, VALID).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(calculate_url(draft), VALID).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(pdf_url(draft), VALID).status_code == HTTPStatus.NOT_FOUND
    assert not ToolUse.objects.exists()


def test_a_page_that_is_no_calculator_does_not_exist(staff_client, tool_index):
    assert staff_client.post(calculate_url(tool_index), VALID).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(pdf_url(tool_index), VALID).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url", [lambda page: page.url, calculate_url, pdf_url], ids=["page", "endpoint", "pdf"])
def test_anonymous_visitors_are_sent_to_log_in(client, calculator_page, url):
    response = client.post(url(calculator_page), VALID)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
    assert not ToolUse.objects.exists()


# ---------------------------------------------------------------------------
# The PDF for the customer
# ---------------------------------------------------------------------------


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def test_the_pdf_has_the_brand_the_inputs_the_outcomes_and_the_disclaimer(staff_client, calculator_page):
    response = staff_client.post(pdf_url(calculator_page), VALID)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="spaarhulp.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response)
    for expected in ["Merk", "Spaarhulp", "Partner A", "Een indicatie, geen offerte.", "Inleg", "€ 87.650"]:
        assert expected in text
    for label, outcome in OUTCOMES.items():
        assert label in text and outcome.replace("\u00a0", " ") in text


def test_a_bad_value_gives_the_page_with_the_message_instead_of_a_pdf(staff_client, calculator_page):
    response = staff_client.post(pdf_url(calculator_page), posted("bedrag", "veel"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"].startswith("text/html")
    assert field_errors(response) == {"invoer-bedrag": ["Vul een getal in, bijvoorbeeld 1250 of 12,5."]}
    assert typed(response, "rente") == "4,5"


def test_a_division_by_zero_gives_the_page_with_the_message_instead_of_a_pdf(staff_client, dividing):
    response = staff_client.post(
        pdf_url(dividing), {"invoer-bedrag": "5", "invoer-maanden": "0", "invoer-korting": "0"}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert set(field_errors(response)) == {"invoer-bedrag", "invoer-maanden"}


# ---------------------------------------------------------------------------
# Who may use a calculator
# ---------------------------------------------------------------------------


@pytest.fixture
def for_couriers(tool_index, kind_courier):
    return small_calculator(tool_index, "Voor koeriers", audiences=[kind_courier])


def test_a_calculator_for_another_kind_of_partner_does_not_exist(staff_client, for_couriers):
    assert staff_client.get(for_couriers.url).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(for_couriers.url, VALID).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(calculate_url(for_couriers), VALID).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(pdf_url(for_couriers), VALID).status_code == HTTPStatus.NOT_FOUND
    assert not ToolUse.objects.exists()


def test_the_partner_kind_a_calculator_is_for_uses_it(client, staff_b, for_couriers):
    client.force_login(staff_b)

    assert client.get(for_couriers.url).status_code == HTTPStatus.OK
    assert client.post(calculate_url(for_couriers), VALID).status_code == HTTPStatus.OK
    assert ToolUse.objects.get().user == staff_b


def test_the_brand_team_uses_any_calculator_without_being_counted(client, brand_team, for_couriers):
    client.force_login(brand_team)

    assert client.get(for_couriers.url).status_code == HTTPStatus.OK
    response = client.post(for_couriers.url, VALID)
    assert response.status_code == HTTPStatus.OK
    assert results(response) == OUTCOMES
    assert client.post(calculate_url(for_couriers), VALID).json()["ok"] is True
    pdf = client.post(pdf_url(for_couriers), VALID)
    assert pdf.status_code == HTTPStatus.OK and "Merk" in pdf_text(pdf)
    assert not ToolUse.objects.exists()


def test_someone_without_a_partner_may_not_use_the_endpoints(client, calculator_page):
    client.force_login(UserFactory(email="los@elders.example"))

    assert client.get(calculator_page.url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(calculate_url(calculator_page), VALID).status_code == HTTPStatus.FORBIDDEN
    assert client.post(pdf_url(calculator_page), VALID).status_code == HTTPStatus.FORBIDDEN
    assert not ToolUse.objects.exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", lambda page: page.url),
        ("post", lambda page: page.url),
        ("post", calculate_url),
        ("post", pdf_url),
    ],
    ids=["page", "page-post", "endpoint", "pdf"],
)
def test_a_deactivated_partners_staff_get_the_message(staff_client, calculator_page, partner_a, method, url):
    partner_a.is_active = False
    partner_a.save()

    response = getattr(staff_client, method)(url(calculator_page), VALID if method == "post" else None)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert INACTIVE in response.content.decode()
    assert not ToolUse.objects.exists()


# ---------------------------------------------------------------------------
# The demo calculators, as a partner fills them in
# ---------------------------------------------------------------------------


def form_as_shown(response):
    """What the calculator form posts when nobody changes anything."""
    form = soup(response).select_one("form.calculator__form")
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=text]")}
    data.update({field["name"]: field["value"] for field in form.select("input[type=radio][checked]")})
    data.update({field["name"]: "on" for field in form.select("input[type=checkbox][checked]")})
    return data


def test_the_demo_premium_calculator_gives_its_tested_outcome_for_the_defaults(staff_client, tool_index):
    page = demo.premium_calculator(tool_index)

    response = staff_client.post(page.url, form_as_shown(staff_client.get(page.url)))

    assert response.status_code == HTTPStatus.OK
    assert results(response)["Totaal per maand"] == "€\u00a023,90"


def test_the_demo_mortgage_calculator_accepts_its_own_defaults(staff_client, tool_index):
    page = demo.mortgage_calculator(tool_index)
    shown = staff_client.get(page.url)

    response = staff_client.post(page.url, form_as_shown(shown))

    assert field_errors(response) == {}
    assert response.status_code == HTTPStatus.OK
    assert typed(shown, "rente") == "3,9"
    assert results(response)["Bruto maandlast eerste maand"] == "€\u00a01.415,00"


def test_the_demo_mortgage_calculator_accepts_a_rate_with_decimals(staff_client, tool_index):
    page = demo.mortgage_calculator(tool_index)
    data = {"invoer-hypotheek": "240.000", "invoer-rente": "4,5", "invoer-looptijd": "20", "invoer-vorm": "1"}

    response = staff_client.post(page.url, data)

    assert field_errors(response) == {}
    assert results(response)["Bruto maandlast eerste maand"] == "€\u00a01.900,00"


# ---------------------------------------------------------------------------
# Query budget
# ---------------------------------------------------------------------------

# Session, user, site, the page's route (tree, specific page, the breadcrumb's parent, aliases), view
# restrictions, membership and the audience check: 12. A calculation adds only its count.
GET_BUDGET = 12
POST_BUDGET = 13


def test_the_calculator_page_query_budget(staff_client, calculator_page, django_assert_max_num_queries):
    # Warm-up: fills Wagtail's site-root-paths cache, as in the other budget tests.
    assert staff_client.get(calculator_page.url).status_code == HTTPStatus.OK

    with django_assert_max_num_queries(GET_BUDGET):
        assert staff_client.get(calculator_page.url).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(POST_BUDGET):
        response = staff_client.post(calculator_page.url, VALID)

    assert results(response) == OUTCOMES


def preview(page, user):
    request = RequestFactory().get("/")
    request.user = user
    return page.make_preview_request(original_request=request)


def test_the_editor_previews_a_new_calculator_with_its_defaults(tool_index, brand_team):
    """A calculator not yet saved has no id: the preview computes the defaults on the server, without live results."""
    page = CalculatorPage(
        title="Nieuw",
        slug="nieuw",
        inputs=[factories.number("bedrag", "Bedrag", default=200)],
        calculations=[factories.output("premie", "Premie", "bedrag * 0.05")],
    )
    page.set_url_path(tool_index)
    page.path, page.depth = tool_index.path + "9999", tool_index.depth + 1

    response = preview(page, brand_team)
    response.render()

    assert response.status_code == HTTPStatus.OK
    html = soup(response)
    assert html.select_one("#calculator-results dd").get_text(strip=True) == "€\u00a010,00"
    assert html.select_one("form[data-calculate-url]") is None  # no live results for a page without an id
    assert "In de voorvertoning rekent de rekenhulp met de standaardwaarden." in html.get_text()
    assert not ToolUse.objects.exists()


def test_the_preview_of_a_draft_computes_with_the_draft_formulas(calculator_page, brand_team):
    draft = CalculatorPage.objects.get(pk=calculator_page.pk)
    draft.calculations = [factories.output("dubbel", "Dubbel", "bedrag * 2", decimals=0)]

    response = preview(draft, brand_team)
    response.render()

    assert response.status_code == HTTPStatus.OK
    assert soup(response).select_one("#calculator-results dt").get_text(strip=True) == "Dubbel"
