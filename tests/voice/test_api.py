"""The teksttoets API at /api/voice/check/ for partners' own systems, and the keys a manager makes for it."""

import json
from datetime import timedelta
from http import HTTPStatus
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from voice.models import ApiToken, TextCheck
from voice.views import rate_text

API = "/api/voice/check/"
TOKENS = "/teksttoets/sleutels/"
UNKNOWN_KEY = "Deze API-sleutel is onbekend of ingetrokken."
MIXED = "Beste Zoë,\n\nDient u het formulier per omgaande op te sturen? Dan hoor je snel van ons."


def call(client, data, *, key=None):
    """POST a JSON body (or raw text or bytes, sent as they are), with an API key in the header when given."""
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.post(API, body, content_type="application/json", **headers)


@pytest.fixture
def key(home_page, partner_a, manager_a):
    """A usable key of partner A, as the manager made it."""
    _token, raw = ApiToken.issue(partner_a, manager_a, "CRM")
    return raw


def token_for(raw):
    return ApiToken.objects.get(hint=raw[:8])


# ---------------------------------------------------------------------------
# Who may call it
# ---------------------------------------------------------------------------


def test_a_logged_in_partner_checks_a_text(client, staff_a, partner_a, word_rules):
    client.force_login(staff_a)

    response = call(client, {"text": MIXED, "form": "u"})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["detected"] == "mixed"
    check = TextCheck.objects.get()
    assert (check.via, check.partner, check.user, check.token) == ("api", partner_a, staff_a, None)
    assert (check.errors, check.warnings) == (2, 1)


def test_a_session_must_send_the_csrf_token(staff_a, home_page):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_a)

    refused = call(browser, {"text": "Heeft u vragen?", "form": "u"})

    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert refused.json() == {"error": "De CSRF-controle is mislukt; laad de pagina opnieuw."}
    assert not TextCheck.objects.exists()

    browser.get("/teksttoets/")  # the page that sets the CSRF cookie
    response = browser.post(
        API,
        json.dumps({"text": "Heeft u vragen?", "form": "u"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )

    assert response.status_code == HTTPStatus.OK
    assert TextCheck.objects.count() == 1


def test_a_key_needs_no_session_and_no_csrf_token(key, partner_a):
    system = Client(enforce_csrf_checks=True)

    response = call(system, {"text": "Heeft u vragen? Bel je adviseur.", "form": "u"}, key=key)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["counts"] == {"error": 1, "warning": 0, "advice": 0}
    check = TextCheck.objects.get()
    assert (check.via, check.partner, check.user, check.token) == ("api", partner_a, None, token_for(key))


def test_a_key_records_when_it_was_last_used(client, key):
    assert token_for(key).last_used_at is None
    before = timezone.now()

    call(client, {"text": "Heeft u vragen?"}, key=key)

    assert before <= token_for(key).last_used_at <= timezone.now()


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda key: f"Bearer {key}x", id="unknown-key"),
        pytest.param(lambda key: "Bearer tt_" + "a" * 43, id="made-up-key"),
        pytest.param(lambda key: "Bearer ", id="empty-key"),
        pytest.param(lambda key: f"Basic {key}", id="other-scheme"),
        pytest.param(lambda key: "Bearer " + "a" * 300, id="overlong-key"),
    ],
)
def test_an_unknown_key_is_refused(client, key, header):
    response = client.post(
        API, json.dumps({"text": "Heeft u vragen?"}), content_type="application/json", HTTP_AUTHORIZATION=header(key)
    )

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json() == {"error": UNKNOWN_KEY}
    assert not TextCheck.objects.exists()


def test_a_revoked_key_is_refused(client, key):
    token = token_for(key)
    token.revoked_at = timezone.now()
    token.save()

    response = call(client, {"text": "Heeft u vragen?"}, key=key)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json() == {"error": UNKNOWN_KEY}
    assert token_for(key).last_used_at is None
    assert not TextCheck.objects.exists()


def test_a_deactivated_partners_key_is_refused(client, key, partner_a):
    partner_a.is_active = False
    partner_a.save()

    response = call(client, {"text": "Heeft u vragen?"}, key=key)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json() == {"error": UNKNOWN_KEY}
    assert not TextCheck.objects.exists()


def test_a_deactivated_partners_staff_are_refused(client, staff_a, partner_a, home_page):
    partner_a.is_active = False
    partner_a.save()
    client.force_login(staff_a)

    response = call(client, {"text": "Heeft u vragen?"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == {"error": "Dit partneraccount is gedeactiveerd."}
    assert not TextCheck.objects.exists()


def test_anonymous_callers_get_a_401_in_json_not_the_login_page(client, home_page):
    response = call(client, {"text": "Heeft u vragen?"})

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Log in, of stuur een API-sleutel mee in de kop ‘Authorization: Bearer …’."}
    assert not TextCheck.objects.exists()


@pytest.mark.parametrize("with_key", [False, True], ids=["anonymous", "with-key"])
def test_only_post_is_allowed(client, key, with_key):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if with_key else {}

    response = client.get(API, {"text": "Heeft u vragen?"}, **headers)

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Allow"] == "POST"
    assert not TextCheck.objects.exists()


# ---------------------------------------------------------------------------
# What it takes and gives
# ---------------------------------------------------------------------------

TEXT_MISSING = "Het veld ‘text’ ontbreekt of is leeg; het moet een tekst zijn."
BAD_INPUT = [
    pytest.param('{"text": "Heeft u vragen?"', "De inhoud is geen geldige JSON.", id="invalid-json"),
    pytest.param(b"\xff\xfe{}", "De inhoud is geen geldige JSON.", id="not-utf8"),
    pytest.param("[" * 100_000, "De inhoud is geen geldige JSON.", id="nested-too-deeply"),
    pytest.param(
        ["Heeft u vragen?"], 'Stuur een JSON-object, zoals {"text": "...", "form": "u"}.', id="a-list-not-an-object"
    ),
    pytest.param({"form": "u"}, TEXT_MISSING, id="missing-text"),
    pytest.param({"text": 42, "form": "u"}, TEXT_MISSING, id="text-not-a-string"),
    pytest.param({"text": ["Heeft u vragen?"]}, TEXT_MISSING, id="text-a-list"),
    pytest.param({"text": ""}, TEXT_MISSING, id="empty-text"),
    pytest.param({"text": " \n\t "}, TEXT_MISSING, id="only-spaces"),
    pytest.param(
        {"text": "u " * 10_000 + "x"},
        "De tekst heeft 20.001 tekens; de API neemt er hoogstens 20.000.",
        id="20001-characters",
    ),
    pytest.param(
        {"text": "Heeft u vragen?", "form": "formeel"}, "Het veld ‘form’ moet ‘u’, ‘jij’ of ‘auto’ zijn.", id="formeel"
    ),
    pytest.param(
        {"text": "Heeft u vragen?", "form": ["u"]}, "Het veld ‘form’ moet ‘u’, ‘jij’ of ‘auto’ zijn.", id="form-a-list"
    ),
]


@pytest.mark.parametrize(("body", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message(client, key, body, message):
    response = call(client, body, key=key)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == {"error": message}
    assert not TextCheck.objects.exists()


def test_the_longest_text_is_accepted(client, key, settings):
    assert settings.VOICE_MAX_TEXT_LENGTH == 20_000

    response = call(client, {"text": "u " * 9_999 + "uw"}, key=key)

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param({"text": "Heb je vragen? Bel ons."}, "jij", id="missing-form"),
        pytest.param({"text": "Heb je vragen? Bel ons.", "form": None}, "jij", id="null-form"),
        pytest.param({"text": "Heb je vragen? Bel ons.", "form": "u"}, "u", id="asked-for-u"),
        pytest.param({"text": "Heeft u vragen? Bel ons.", "form": "auto"}, "u", id="auto"),
    ],
)
def test_without_a_form_the_partners_own_form_is_used(client, key, override, kind_intermediary, body, expected):
    override("jij", kind=kind_intermediary)

    response = call(client, body, key=key)

    assert response.json()["form"] == expected


def test_without_a_form_and_without_a_partner_the_brands_default_is_used(client, brand_team, address):
    address.default_form = "jij"
    address.save()
    client.force_login(brand_team)

    response = call(client, {"text": "Heeft u vragen?"})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["form"] == "jij"
    assert (TextCheck.objects.get().partner, TextCheck.objects.get().user) == (None, brand_team)


def test_the_report_gives_every_finding_with_offsets_into_the_text(client, key, word_rules):
    response = call(client, {"text": MIXED, "form": "u"}, key=key)

    report = response.json()
    assert set(report) == {"detected", "form", "counts", "findings"}
    assert (report["detected"], report["form"]) == ("mixed", "u")
    assert report["counts"] == {"error": 2, "warning": 1, "advice": 0}
    for finding in report["findings"]:
        assert set(finding) == {"start", "end", "text", "rule", "severity", "message", "suggestion"}
        assert MIXED[finding["start"] : finding["end"]] == finding["text"], "offsets count characters of the text"
    assert [
        (finding["text"], finding["severity"], finding["suggestion"], finding["message"])
        for finding in report["findings"]
    ] == [
        ("Dient u", "warning", "wilt u / kunt u", "Vermijd ‘Dient u’: Dat klinkt als een bevel."),
        ("per omgaande", "error", "meteen", "Vermijd ‘per omgaande’."),
        ("je", "error", "u", "In een tekst met ‘u’ hoort ‘u’, niet ‘je’."),
    ]
    assert report["findings"][2]["rule"] == "address-u"


def test_the_brands_verb_choice_is_applied(client, key, address):
    address.u_verb = "heeft"
    address.save()

    response = call(client, {"text": "Heeft u vragen? U hebt recht op hulp.", "form": "u"}, key=key)

    [finding] = response.json()["findings"]
    assert (finding["text"], finding["suggestion"], finding["message"]) == (
        "hebt",
        "heeft",
        "Wij schrijven ‘u heeft’, niet ‘u hebt’.",
    )


# ---------------------------------------------------------------------------
# Rate limit
# ---------------------------------------------------------------------------

TOO_MANY = "Te veel verzoeken achter elkaar; probeer het over een minuut opnieuw."


@pytest.fixture
def clock(monkeypatch, settings):
    """Three requests a minute, on a clock of our own, so no minute's edge falls between two requests."""
    settings.VOICE_API_RATE = "3/m"
    now = SimpleNamespace(seconds=1_800_000_000.0)
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now.seconds))
    return now


def test_the_fourth_request_in_a_minute_is_refused(client, key, clock):
    answers = [call(client, {"text": "Heeft u vragen?"}, key=key).status_code for _ in range(4)]

    assert answers == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    response = call(client, {"text": "Heeft u vragen?"}, key=key)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response.json() == {"error": TOO_MANY}
    assert TextCheck.objects.count() == 3

    clock.seconds += 60

    assert call(client, {"text": "Heeft u vragen?"}, key=key).status_code == HTTPStatus.OK


def test_bad_requests_count_too(client, key, clock):
    for _ in range(3):
        assert call(client, {"text": ""}, key=key).status_code == HTTPStatus.BAD_REQUEST

    assert call(client, {"text": "Heeft u vragen?"}, key=key).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_every_key_and_every_person_has_its_own_budget(client, key, partner_a, manager_a, staff_a, clock):
    _token, second_key = ApiToken.issue(partner_a, manager_a, "Website")
    for _ in range(3):
        call(client, {"text": "Heeft u vragen?"}, key=key)
    assert call(client, {"text": "Heeft u vragen?"}, key=key).status_code == HTTPStatus.TOO_MANY_REQUESTS

    assert call(client, {"text": "Heeft u vragen?"}, key=second_key).status_code == HTTPStatus.OK
    client.force_login(staff_a)
    assert call(client, {"text": "Heeft u vragen?"}).status_code == HTTPStatus.OK


def test_a_person_is_limited_by_their_session(client, staff_a, manager_a, home_page, clock):
    client.force_login(staff_a)
    for _ in range(3):
        call(client, {"text": "Heeft u vragen?"})

    assert call(client, {"text": "Heeft u vragen?"}).status_code == HTTPStatus.TOO_MANY_REQUESTS
    client.force_login(manager_a)
    assert call(client, {"text": "Heeft u vragen?"}).status_code == HTTPStatus.OK


# ---------------------------------------------------------------------------
# The manager's keys at /teksttoets/sleutels/
# ---------------------------------------------------------------------------


def shown_key(response):
    field = BeautifulSoup(response.content, "html.parser").select_one("input#new-key")
    return field["value"] if field else None


def listed(response):
    """(name, status) of every key in the table; the status of a usable key is its revoke button."""
    rows = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
    return [
        (row.th.get_text(strip=True), "knop" if row.button else row.find_all("td")[-1].get_text(" ", strip=True))
        for row in rows
    ]


@pytest.fixture
def manager_client(client, manager_a, home_page):
    client.force_login(manager_a)
    return client


def test_a_manager_makes_a_key_that_is_shown_once(manager_client, partner_a, manager_a):
    response = manager_client.post(TOKENS, {"name": "CRM"})

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == TOKENS
    page = manager_client.get(TOKENS)
    raw = shown_key(page)
    assert raw.startswith("tt_") and len(raw) > 40
    assert listed(page) == [("CRM", "knop")]
    token = ApiToken.objects.get()
    assert (token.partner, token.created_by, token.hint) == (partner_a, manager_a, raw[:8])
    assert raw not in {token.key_hash, token.hint, token.name}, "only the key's hash is kept"

    assert shown_key(manager_client.get(TOKENS)) is None, "the key is shown once"
    assert raw not in manager_client.get(TOKENS).content.decode()
    assert call(Client(), {"text": "Heeft u vragen?"}, key=raw).status_code == HTTPStatus.OK


def test_a_key_without_a_name_is_refused(manager_client):
    response = manager_client.post(TOKENS, {"name": "  "})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = BeautifulSoup(response.content, "html.parser").select(".errorlist li")
    assert [error.get_text() for error in errors] == ["Geef de sleutel een naam."]
    assert not ApiToken.objects.exists()


def test_a_manager_revokes_a_key(manager_client, key):
    token = token_for(key)

    response = manager_client.post(f"{TOKENS}{token.pk}/intrekken/", follow=True)

    assert response.redirect_chain == [(TOKENS, HTTPStatus.FOUND)]
    assert "De sleutel ‘CRM’ is ingetrokken; hij werkt niet meer." in response.content.decode()
    [(name, status)] = listed(response)
    assert (name, status.startswith("ingetrokken op")) == ("CRM", True)
    answer = call(Client(), {"text": "Heeft u vragen?"}, key=key)
    assert answer.status_code == HTTPStatus.UNAUTHORIZED


def test_revoking_twice_keeps_the_first_date(manager_client, key):
    token = token_for(key)
    earlier = timezone.now() - timedelta(days=3)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=earlier)

    response = manager_client.post(f"{TOKENS}{token.pk}/intrekken/")

    assert response.status_code == HTTPStatus.FOUND
    assert token_for(key).revoked_at == earlier


def test_another_partners_manager_cannot_see_or_revoke_a_key(client, manager_b, key):
    client.force_login(manager_b)
    token = token_for(key)

    assert listed(client.get(TOKENS)) == []
    response = client.post(f"{TOKENS}{token.pk}/intrekken/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert token_for(key).revoked_at is None
    assert call(Client(), {"text": "Heeft u vragen?"}, key=key).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", lambda token: TOKENS),
        ("post", lambda token: TOKENS),
        ("post", lambda token: f"{TOKENS}{token.pk}/intrekken/"),
    ],
    ids=["list", "make", "revoke"],
)
def test_staff_cannot_manage_keys(client, staff_a, key, method, path):
    client.force_login(staff_a)

    response = getattr(client, method)(path(token_for(key)), {"name": "Eigen sleutel"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert ApiToken.objects.get().revoked_at is None


@pytest.mark.parametrize(
    ("rate", "text"),
    [("60/m", "60 per minuut"), ("1000/h", "1000 per uur"), ("5/s", "5 per seconde"), ("10/5m", "10/5m")],
)
def test_the_limit_is_shown_as_people_read_it(rate, text):
    assert rate_text(rate) == text


def test_the_keys_page_names_the_limit(client, manager_a, settings):
    settings.VOICE_API_RATE = "30/m"
    client.force_login(manager_a)

    assert (
        "Per sleutel kunnen er 30 per minuut verzoeken worden gedaan."
        in client.get("/teksttoets/sleutels/").content.decode()
    )
