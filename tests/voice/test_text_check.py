"""The teksttoets at /teksttoets/: paste a text, see every outlier marked in place and listed with a suggestion."""

from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import querydict_from_html

from accounts.factories import UserFactory
from voice import factories
from voice.models import TextCheck, WordRule

URL = "/teksttoets/"
INACTIVE = "Je organisatie is niet meer actief"
# A letter that mixes "u" and "je" and uses two words the brand avoids, over three lines.
LETTER = "Beste mevrouw Jansen,\n\nDient u het formulier per omgaande op te sturen?\nDan hoor je snel van ons."


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def checked_form(response):
    return [radio["value"] for radio in soup(response).select('input[name="form"][checked]')]


def errors(response):
    return [item.get_text(strip=True) for item in soup(response).select(".field .errorlist li")]


def finding_rows(response):
    """(the words found, where, the suggestion) for every row of the list of findings."""
    rows = []
    for row in soup(response).select("ol.findings li"):
        suggestion = row.select_one(".suggestion")
        where = row.select_one(".muted").get_text(strip=True)
        rows.append((row.strong.get_text().strip("‘’"), where, suggestion.get_text() if suggestion else ""))
    return rows


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------


def test_the_form_starts_with_the_brands_default(staff_client, address):
    response = staff_client.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert checked_form(response) == ["u"]
    assert soup(response).select_one("textarea[name=text]").get_text() == ""


def test_the_form_starts_with_the_form_for_the_partners_kind(staff_client, override, kind_intermediary, kind_courier):
    override("jij", kind=kind_intermediary)
    override("u", kind=kind_courier)

    response = staff_client.get(URL)

    assert checked_form(response) == ["jij"]
    assert "Voor jouw organisatie is dat ‘jij’" in response.content.decode()


def test_the_form_shows_the_partners_form_per_channel(staff_client, override, kind_intermediary, kind_courier):
    override("jij", kind=kind_intermediary, channel="social")
    override("jij", kind=kind_courier, channel="email")

    facts = soup(staff_client.get(URL)).select_one(".voice-check__table dl")

    shown = [(term.get_text(), term.find_next_sibling("dd")) for term in facts.find_all("dt")]
    assert [(channel, form.get_text(), bool(form.strong)) for channel, form in shown] == [
        ("Brief", "u", False),
        ("E-mail", "u", False),
        ("Telefoon", "u", False),
        ("Website", "u", False),
        ("Sociale media", "jij", True),
    ], "the partner's own kind only, and where it differs stands out"


# ---------------------------------------------------------------------------
# Checking a text
# ---------------------------------------------------------------------------


def test_a_mixed_text_comes_back_marked_with_suggestions(staff_client, word_rules):
    response = staff_client.post(URL, {"text": LETTER, "form": "u"})

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    summary = page.select_one(".voice-result__summary").get_text(" ", strip=True)
    assert "Deze tekst gebruikt ‘u’ en ‘jij’ door elkaar; getoetst op ‘u’." in summary
    assert "3 punten om naar te kijken." in summary
    marks = page.select(".voice-text mark")
    assert [(mark.find(string=True), mark["class"][-1]) for mark in marks] == [
        ("Dient u", "finding--warning"),
        ("per omgaande", "finding--error"),
        ("je", "finding--error"),
    ]
    assert [mark.a["href"] for mark in marks] == ["#punt-1", "#punt-2", "#punt-3"]
    assert finding_rows(response) == [
        ("Dient u", "regel 3, teken 1", "wilt u / kunt u"),
        ("per omgaande", "regel 3, teken 23", "meteen"),
        ("je", "regel 4, teken 10", "u"),
    ]
    assert "In een tekst met ‘u’ hoort ‘u’, niet ‘je’." in page.select_one("#punt-3").get_text()
    assert page.select_one("textarea[name=text]").get_text() == LETTER, "the text stays, to correct it"
    assert checked_form(response) == ["u"]


def test_a_text_that_follows_the_guide_has_no_findings(staff_client, word_rules):
    response = staff_client.post(URL, {"text": "Heeft u vragen? Bel ons gerust.", "form": "u"})

    assert response.status_code == HTTPStatus.OK
    assert "Geen opmerkingen: de tekst volgt de schrijfwijzer." in response.content.decode()
    assert not soup(response).select("mark, ol.findings")


def test_auto_takes_the_form_most_of_the_text_uses(staff_client):
    response = staff_client.post(URL, {"text": "Heb je vragen? Bel je adviseur of mail uw vraag.", "form": "auto"})

    assert finding_rows(response) == [("uw", "regel 1, teken 40", "je")]


def test_a_valid_check_is_recorded_once_without_the_text(staff_client, staff_a, partner_a, word_rules):
    staff_client.post(URL, {"text": LETTER, "form": "u"})

    check = TextCheck.objects.get()
    assert (check.via, check.partner, check.user, check.form, check.detected) == (
        "page",
        partner_a,
        staff_a,
        "u",
        "mixed",
    )
    assert (check.words, check.errors, check.warnings) == (len(LETTER.split()), 2, 1)
    stored = [str(getattr(check, field.attname)) for field in TextCheck._meta.concrete_fields]
    assert not [value for value in stored if "omgaande" in value or "Jansen" in value]


BAD_INPUT = [
    pytest.param({"form": "u"}, "Plak of typ eerst een tekst.", id="no-text"),
    pytest.param({"text": "", "form": "u"}, "Plak of typ eerst een tekst.", id="empty-text"),
    pytest.param({"text": "  \n\t  ", "form": "u"}, "Plak of typ eerst een tekst.", id="only-spaces"),
    pytest.param(
        {"text": "u " * 10_000 + "x", "form": "u"},
        "Deze tekst heeft 20.001 tekens; de toets neemt er hoogstens 20.000. Toets hem in delen.",
        id="20001-characters",
    ),
    pytest.param(
        {"text": "Heeft u vragen?", "form": "formeel"},
        "Selecteer een geldige keuze. formeel is geen beschikbare keuze.",
        id="unknown-form",
    ),
    pytest.param({"text": "Heeft u vragen?"}, "Dit is een verplicht veld.", id="no-form"),
]


@pytest.mark.parametrize(("data", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message(staff_client, data, message):
    response = staff_client.post(URL, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert errors(response) == [message]
    assert message in soup(response).select_one(".error-summary").get_text()
    assert not soup(response).select(".voice-result")
    assert not TextCheck.objects.exists()


def test_20000_characters_are_accepted(staff_client):
    response = staff_client.post(URL, {"text": "u " * 9_999 + "uw", "form": "u"})

    assert response.status_code == HTTPStatus.OK
    assert TextCheck.objects.get().words == 10_000


# ---------------------------------------------------------------------------
# Who may use it
# ---------------------------------------------------------------------------


def test_the_brand_team_can_use_it(client, brand_team, login_with_mfa, address):
    login_with_mfa(client, brand_team)

    assert checked_form(client.get(URL)) == ["u"]
    response = client.post(URL, {"text": "Heb je vragen? Bel uw adviseur.", "form": "jij"})

    assert response.status_code == HTTPStatus.OK
    assert finding_rows(response) == [("uw", "regel 1, teken 20", "je")]
    check = TextCheck.objects.get()
    assert (check.partner, check.user) == (None, brand_team)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_deactivated_partners_staff_get_the_message(staff_client, partner_a, method):
    partner_a.is_active = False
    partner_a.save()

    response = getattr(staff_client, method)(URL, {"text": "Heeft u vragen?", "form": "u"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert INACTIVE in response.content.decode()
    assert not TextCheck.objects.exists()


def test_someone_without_a_partner_may_not_use_it(client, home_page):
    client.force_login(UserFactory(email="los@elders.example"))

    response = client.post(URL, {"text": "Heeft u vragen?", "form": "u"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not TextCheck.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, home_page):
    response = client.post(URL, {"text": "Heeft u vragen?", "form": "u"})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/account/login/")
    assert not TextCheck.objects.exists()


def test_it_works_without_javascript(staff_client, word_rules):
    """The page's own form, filled in and sent as a browser without JavaScript sends it."""
    page = staff_client.get(URL)
    form = soup(page).select_one("form.voice-check__form")
    assert form["method"] == "post" and urlsplit(form["action"]).path == URL, "the form posts to the page itself"
    assert form.select_one('button[type="submit"]')
    data = querydict_from_html(str(form))
    data["text"] = "Wij verzoeken u per omgaande te betalen."

    response = staff_client.post(URL, data)

    assert response.status_code == HTTPStatus.OK
    assert finding_rows(response) == [("per omgaande", "regel 1, teken 17", "meteen")]


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------

# The request's own cost (session, user, membership with its partner) and the site, + the address settings, their
# overrides and the ids of the partner's kinds. A POST adds the TextCheck. The word rules come from the shared cache,
# however many there are.
BUDGETS = {"get": 7, "post": 8}
SIZES = [2, 200]


def rules_for(size):
    for number in range(WordRule.objects.count(), size):
        factories.word_rule(f"woord{number}", f"beter{number}", reason="Gewone taal.")


def request_for(client, method):
    if method == "get":
        return client.get(URL)
    return client.post(URL, {"text": "Heeft u vragen over woord0 en woord1? Bel je adviseur.", "form": "u"})


def measure(client, method):
    assert request_for(client, method).status_code == HTTPStatus.OK  # warm-up: the site and the rules cache
    with CaptureQueriesContext(connection) as captured:
        response = request_for(client, method)
    assert response.status_code == HTTPStatus.OK
    if method == "post":
        assert len(soup(response).select("ol.findings li")) == 3
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_query_budget(staff_client, address, override, kind_intermediary, django_assert_max_num_queries, method, size):
    override("u", kind=kind_intermediary, channel="letter")
    rules_for(size)
    request_for(staff_client, method)

    with django_assert_max_num_queries(BUDGETS[method]):
        response = request_for(staff_client, method)

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("method", ["get", "post"])
def test_queries_do_not_grow_with_the_word_rules(staff_client, address, method):
    rules_for(SIZES[0])
    small = measure(staff_client, method)

    rules_for(SIZES[1])
    large = measure(staff_client, method)

    assert len(small) == len(large), "\n\n".join(large)
