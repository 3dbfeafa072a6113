"""The public feedback form at /f/<code>/: a customer rates one step of one partner, without logging in."""

import time
import uuid
from http import HTTPStatus
from types import SimpleNamespace
from unittest import mock

import django_ratelimit.core
import pytest
from django.core import signing

from journeys.forms import SUBMISSION_MAX_AGE, SUBMISSION_SALT, submission_token
from journeys.models import FeedbackLink, FeedbackResponse
from partners.factories import PartnerFactory
from voice.models import AddressOverride, AddressSettings

from .helpers import soup

FORMAL_QUESTION = "Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden, familie of collega's?"
INFORMAL_QUESTION = "Hoe waarschijnlijk is het dat je ons aanbeveelt bij vrienden, familie of collega's?"
FORMAL_COMMENT = "Wilt u uw score toelichten? (niet verplicht)"
INFORMAL_COMMENT = "Wil je je score toelichten? (niet verplicht)"
FORMAL_THANKS = "We hebben uw antwoord ontvangen."
INFORMAL_THANKS = "We hebben je antwoord ontvangen."
CHOOSE_A_SCORE = "Kies een score van 0 tot en met 10."
STALE_FORM = "Dit formulier is verlopen of gewijzigd. Open de link opnieuw en vul het nog een keer in."
LINK_GONE = "Deze link werkt niet (meer)"
LINK_GONE_HELP = "De feedbacklink is niet compleet, is veranderd of wordt niet meer gebruikt."
RATE_LIMITED = "Vanaf dit adres zijn in korte tijd veel antwoorden gegeven. Probeer het over een uur opnieuw."
NOTHING_STORED = "Er is niets opgeslagen."
PROMISE = "Binnen twee werkdagen een advies op maat."


@pytest.fixture
def link(sales_steps, partner_a):
    """Partner A's link for its own step 'Advies'."""
    return FeedbackLink.objects.create(step=sales_steps["Advies"], partner=partner_a)


@pytest.fixture
def address(home_page):
    return AddressSettings.for_site(home_page.get_site())


def url(link):
    return f"/f/{link.code}/"


def thanks_url(link):
    return f"/f/{link.code}/bedankt/"


def post(client, link, *, remote_addr="127.0.0.1", **fields):
    """Send the form as a browser does: a score, an empty comment, a fresh token, an empty honeypot."""
    headers = {name: fields.pop(name) for name in list(fields) if name.startswith("HTTP_")}
    data = {"score": "9", "comment": "", "submission": submission_token(link.code), "website": ""}
    data.update(fields)
    return client.post(
        url(link),
        {name: value for name, value in data.items() if value is not None},
        REMOTE_ADDR=remote_addr,
        **headers,
    )


def submission_of(token):
    return uuid.UUID(signing.loads(token, salt=SUBMISSION_SALT)["submission"])


def token_made_ago(code, seconds):
    """A token signed `seconds` ago, as the form gave it to a customer who left the page open that long."""
    then = signing.b62_encode(int(time.time()) - seconds)
    with mock.patch.object(signing.TimestampSigner, "timestamp", return_value=then):
        return submission_token(code)


# ---------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------


def test_a_customer_sees_the_step_and_the_question_without_logging_in(client, link, sales_journey):
    response = client.get(url(link))

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Advies"
    assert "Partner A · Auto verzekeren" in page.get_text()
    assert [radio["value"] for radio in page.select('input[type="radio"][name="score"]')] == [str(n) for n in range(11)]
    token = page.select_one('input[name="submission"]')["value"]
    assert signing.loads(token, salt=SUBMISSION_SALT, max_age=SUBMISSION_MAX_AGE)["link"] == link.code
    assert page.select_one('input[name="website"]')["tabindex"] == "-1"


def test_every_visit_gets_its_own_token_and_the_page_is_never_cached(client, link):
    first, second = client.get(url(link)), client.get(url(link))

    tokens = {soup(response).select_one('input[name="submission"]')["value"] for response in (first, second)}
    assert len(tokens) == 2
    assert "no-store" in first["Cache-Control"]


# (the brand's default, its overrides as (form, partner kind or None, channel), the form partner A's customers get)
ADDRESS_CASES = [
    pytest.param("u", [], "u", id="the-default-u"),
    pytest.param("jij", [], "jij", id="the-default-jij"),
    pytest.param("u", [("jij", "intermediary", "website")], "jij", id="jij-for-my-kind-on-the-website"),
    pytest.param("u", [("jij", None, "website")], "jij", id="jij-for-everyone-on-the-website"),
    pytest.param("u", [("jij", "intermediary", "letter")], "u", id="another-channel-does-not-count"),
    pytest.param("jij", [("u", "courier", "website")], "jij", id="another-kind-does-not-count"),
]


@pytest.mark.parametrize(("default", "overrides", "form"), ADDRESS_CASES)
def test_the_customer_is_addressed_as_the_brand_addresses_customers_on_its_website(
    client, link, address, kind_intermediary, kind_courier, default, overrides, form
):
    kinds = {"intermediary": kind_intermediary, "courier": kind_courier, None: None}
    address.default_form = default
    address.save()
    for override_form, kind, channel in overrides:
        AddressOverride.objects.create(settings=address, form=override_form, partner_kind=kinds[kind], channel=channel)

    page = soup(client.get(url(link)))
    thanks = client.get(thanks_url(link)).content.decode()

    question, comment = (FORMAL_QUESTION, FORMAL_COMMENT) if form == "u" else (INFORMAL_QUESTION, INFORMAL_COMMENT)
    assert page.legend.get_text(strip=True) == question
    assert page.select_one('label[for="id_comment"]').get_text(strip=True) == comment
    assert (FORMAL_THANKS if form == "u" else INFORMAL_THANKS) in thanks
    assert (INFORMAL_THANKS if form == "u" else FORMAL_THANKS) not in thanks


# ---------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------


def test_an_answer_is_stored_once_with_its_step_journey_and_partner(client, link, sales_journey, partner_a):
    token = submission_token(link.code)

    response = post(client, link, score="9", comment="  Snel en duidelijk geholpen.  ", submission=token)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == thanks_url(link)
    answer = FeedbackResponse.objects.get()
    assert answer.step == link.step
    assert answer.journey_id == sales_journey.pk
    assert answer.partner == partner_a
    assert answer.step_name == "Advies"
    assert answer.score == 9
    assert answer.comment == "Snel en duidelijk geholpen."
    assert answer.submission == submission_of(token)


@pytest.mark.parametrize("score", [0, 6, 7, 10])
def test_every_score_from_0_to_10_is_accepted(client, link, score):
    assert post(client, link, score=str(score)).status_code == HTTPStatus.FOUND

    assert FeedbackResponse.objects.get().score == score


def test_a_comment_of_exactly_the_limit_is_accepted(client, link):
    comment = "Prima. " * 142 + "Top!!!"
    assert len(comment) == 1000

    assert post(client, link, comment=comment).status_code == HTTPStatus.FOUND

    assert FeedbackResponse.objects.get().comment == comment


def test_the_same_form_sent_again_is_stored_once(client, link):
    token = submission_token(link.code)

    first = post(client, link, score="9", submission=token)
    again = post(client, link, score="3", submission=token)

    assert first.status_code == again.status_code == HTTPStatus.FOUND
    assert again["Location"] == thanks_url(link)
    assert list(FeedbackResponse.objects.values_list("score", flat=True)) == [9]


def test_two_forms_are_two_answers(client, link):
    post(client, link, score="9")
    post(client, link, score="3")

    assert sorted(FeedbackResponse.objects.values_list("score", flat=True)) == [3, 9]


def test_the_thank_you_page_repeats_the_promise_of_the_step(client, link):
    response = client.get(thanks_url(link))

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Bedankt!"
    assert page.select_one("blockquote.journey-step__promise").get_text(strip=True) == PROMISE
    assert "Partner A · Auto verzekeren" in page.get_text()


# ---------------------------------------------------------------------------
# What is refused
# ---------------------------------------------------------------------------


BAD_ANSWERS = [
    pytest.param({"score": None}, CHOOSE_A_SCORE, id="no-score"),
    pytest.param({"score": ""}, CHOOSE_A_SCORE, id="empty-score"),
    pytest.param({"score": "-1"}, CHOOSE_A_SCORE, id="below-zero"),
    pytest.param({"score": "11"}, CHOOSE_A_SCORE, id="above-ten"),
    pytest.param({"score": "7.5"}, CHOOSE_A_SCORE, id="a-fraction"),
    pytest.param({"score": "abc"}, CHOOSE_A_SCORE, id="not-a-number"),
    pytest.param({"comment": "x" * 1001}, "Gebruik hoogstens 1000 tekens (nu 1001).", id="comment-too-long"),
    pytest.param(
        {"comment": "Mail mij op jan.jansen@example.nl"},
        "Dit lijkt een e-mailadres. Laat persoonsgegevens weg; de toelichting is anoniem.",
        id="an-email-address",
    ),
    pytest.param(
        {"comment": "Bel me terug op 06-12345678"},
        "Dit lijkt een telefoonnummer. Laat persoonsgegevens weg; de toelichting is anoniem.",
        id="a-phone-number",
    ),
    pytest.param(
        {"comment": "Mijn nummer is +31 6 1234 5678"},
        "Dit lijkt een telefoonnummer. Laat persoonsgegevens weg; de toelichting is anoniem.",
        id="an-international-phone-number",
    ),
]


@pytest.mark.parametrize(("fields", "message"), BAD_ANSWERS)
def test_a_bad_answer_is_refused_with_a_dutch_message_and_nothing_is_stored(client, link, fields, message):
    response = post(client, link, **fields)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    page = soup(response)
    assert message in page.select_one(".error-summary").get_text()
    assert page.h1.get_text(strip=True) == "Advies"
    assert not FeedbackResponse.objects.exists()


def test_a_refused_form_keeps_the_comment_and_can_be_sent_again(client, link):
    token = submission_token(link.code)
    refused = post(client, link, score="", comment="Vriendelijk, maar traag.", submission=token)
    assert refused.status_code == HTTPStatus.BAD_REQUEST
    assert soup(refused).select_one("textarea#id_comment").get_text() == "Vriendelijk, maar traag."

    assert (
        post(client, link, score="5", comment="Vriendelijk, maar traag.", submission=token).status_code
        == HTTPStatus.FOUND
    )

    assert FeedbackResponse.objects.get().score == 5


def other_links_token(link):
    other = FeedbackLink.objects.create(step=link.step, partner=PartnerFactory(name="Partner C"))
    return submission_token(other.code)


def tampered(link):
    token = submission_token(link.code)
    return token[:-1] + ("A" if token[-1] != "A" else "B")


BAD_TOKENS = [
    pytest.param(lambda link: "abc", id="garbage"),
    pytest.param(tampered, id="tampered-signature"),
    pytest.param(lambda link: token_made_ago(link.code, SUBMISSION_MAX_AGE + 60), id="expired"),
    pytest.param(other_links_token, id="made-for-another-link"),
    pytest.param(
        lambda link: signing.dumps({"link": link.code, "submission": uuid.uuid4().hex}), id="signed-for-something-else"
    ),
    pytest.param(
        lambda link: signing.dumps({"link": link.code, "submission": "not-a-uuid"}, salt=SUBMISSION_SALT),
        id="not-a-submission-id",
    ),
    pytest.param(lambda link: signing.dumps(["a", "list"], salt=SUBMISSION_SALT), id="not-a-dict"),
]


@pytest.mark.parametrize("make_token", BAD_TOKENS)
def test_a_missing_changed_or_stale_form_is_refused_and_nothing_is_stored(client, link, make_token):
    response = post(client, link, submission=make_token(link))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert STALE_FORM in soup(response).select_one(".error-summary").get_text()
    assert not FeedbackResponse.objects.exists()


@pytest.mark.parametrize("token", [None, ""], ids=["missing", "empty"])
def test_a_form_without_a_token_is_refused_and_nothing_is_stored(client, link, token):
    response = post(client, link, submission=token)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not FeedbackResponse.objects.exists()


@pytest.mark.parametrize("token", [None, ""], ids=["missing", "empty"])
def test_a_form_without_a_token_is_told_it_is_stale(client, link, token):
    response = post(client, link, submission=token)

    assert STALE_FORM in soup(response).select_one(".error-summary").get_text()


def test_a_form_left_open_almost_a_day_is_still_accepted(client, link):
    response = post(client, link, submission=token_made_ago(link.code, SUBMISSION_MAX_AGE - 60))

    assert response.status_code == HTTPStatus.FOUND
    assert FeedbackResponse.objects.count() == 1


def test_a_filled_in_honeypot_is_thanked_and_forgotten(client, link):
    response = post(client, link, website="https://spam.example")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == thanks_url(link)
    assert not FeedbackResponse.objects.exists()


# ---------------------------------------------------------------------------
# Links that do not (or no longer) work
# ---------------------------------------------------------------------------


def unknown(link):
    return "zzzz2222"


def deactivated_partner(link):
    link.partner.is_active = False
    link.partner.save()
    return link.code


def unpublished_journey(link):
    link.step.journey.unpublish()
    return link.code


def removed_step(link):
    link.step.delete()
    return link.code


def no_longer_the_partners_step(link):
    link.partner.kinds.set([])
    link.partner.save()
    return link.code


def overlong(link):
    return link.code * 30


@pytest.mark.parametrize(
    "gone", [unknown, deactivated_partner, unpublished_journey, removed_step, no_longer_the_partners_step, overlong]
)
@pytest.mark.parametrize("method", ["get", "post", "thanks"])
def test_a_link_that_does_not_work_gets_a_plain_dutch_page_and_stores_nothing(client, link, gone, method):
    code = gone(link)

    if method == "get":
        response = client.get(f"/f/{code}/")
    elif method == "post":
        response = client.post(f"/f/{code}/", {"score": "9", "submission": submission_token(code)})
    else:
        response = client.get(f"/f/{code}/bedankt/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    page = soup(response)
    assert page.h1.get_text(strip=True) == LINK_GONE
    assert LINK_GONE_HELP in page.get_text()
    assert not FeedbackResponse.objects.exists()


def test_the_link_works_again_when_the_journey_is_published_again(client, link):
    journey = link.step.journey
    journey.unpublish()
    assert client.get(url(link)).status_code == HTTPStatus.NOT_FOUND

    journey.get_latest_revision().publish()

    assert client.get(url(link)).status_code == HTTPStatus.OK


# ---------------------------------------------------------------------------
# Rate limit
# ---------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch, settings):
    """Three answers an hour per address and link, on a clock of our own, so no hour's edge falls between two."""
    settings.FEEDBACK_RATE = "3/h"
    now = SimpleNamespace(seconds=1_800_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now.seconds))
    return now


def test_one_address_may_answer_a_few_times_an_hour(client, link, clock):
    statuses = [post(client, link, remote_addr="192.0.2.1").status_code for _ in range(3)]
    assert statuses == [HTTPStatus.FOUND] * 3

    refused = post(client, link, remote_addr="192.0.2.1")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    page = soup(refused)
    assert page.h1.get_text(strip=True) == "Even wachten"
    assert RATE_LIMITED in page.get_text()
    assert NOTHING_STORED in page.get_text()
    assert FeedbackResponse.objects.count() == 3

    assert post(client, link, remote_addr="198.51.100.7").status_code == HTTPStatus.FOUND
    assert FeedbackResponse.objects.count() == 4

    clock.seconds += 3600

    assert post(client, link, remote_addr="192.0.2.1").status_code == HTTPStatus.FOUND
    assert FeedbackResponse.objects.count() == 5


def test_refused_and_spam_answers_count_towards_the_limit(client, link, clock):
    post(client, link, score="11")
    post(client, link, website="https://spam.example")
    post(client, link, submission="abc")

    assert post(client, link).status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert not FeedbackResponse.objects.exists()


def test_reading_the_form_does_not_count(client, link, clock):
    for _ in range(5):
        assert client.get(url(link)).status_code == HTTPStatus.OK

    assert [post(client, link).status_code for _ in range(3)] == [HTTPStatus.FOUND] * 3


def test_the_limit_is_per_link(client, link, sales_steps, partner_b, clock):
    other = FeedbackLink.objects.create(step=sales_steps["Levering"], partner=partner_b)
    for _ in range(3):
        post(client, link)
    assert post(client, link).status_code == HTTPStatus.TOO_MANY_REQUESTS

    assert post(client, other).status_code == HTTPStatus.FOUND
    assert FeedbackResponse.objects.filter(partner=partner_b).count() == 1


def test_behind_a_trusted_proxy_each_customer_has_their_own_limit(client, link, clock, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    for _ in range(3):
        post(client, link, remote_addr=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
    refused = post(client, link, remote_addr=proxy, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS

    another_customer = post(client, link, remote_addr=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert another_customer.status_code == HTTPStatus.FOUND


def test_without_a_trusted_proxy_the_forwarded_header_changes_nothing(client, link, clock):
    for n in range(3):
        post(client, link, remote_addr="192.0.2.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    spoofed = post(client, link, remote_addr="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert spoofed.status_code == HTTPStatus.TOO_MANY_REQUESTS
