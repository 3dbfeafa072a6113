"""Bad input everywhere: malformed, oversized and hostile values never cause a 500 or a partial write.

Every POST form a partner's staff member, a partner's manager or a stranger can reach in the demo portal is read
from its page and sent again with one field at a time replaced by a hostile value (tests/portal/fuzzing.py). Each
answer must be below 500; an answer that refuses (4xx) must say why in words and must have written nothing but
the session. The JSON endpoints get the same treatment, with Hypothesis generating the documents.
"""

import io
import json
from http import HTTPStatus
from http.cookies import SimpleCookie

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from journeys.models import FeedbackLink
from tests.portal.crawling import body_of, crawl
from tests.portal.fuzzing import get_forms, hostile_values, post_forms, writes
from tools.models import CalculatorPage
from voice.models import ApiToken

MANAGER, STAFF = "sanne@vandijk-assurantien.example", "mehmet@vandijk-assurantien.example"
# Forms that end the session the crawl looks through; logging out takes no input anyway.
SKIPPED_ACTIONS = ("/account/logout/", "/account/sessies/overal-uitloggen/", "/account/sessions/")
GENERIC_REFUSALS = ("Bad Request (400)", "Forbidden (403)", "<h1>Not Found</h1>")


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = False  # as in production: no debug pages that would hide a 500
    call_command("seed_demo", force=True, stdout=io.StringIO())


def client_for(email):
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    return client


def reachable_forms(client, starts, kind=post_forms):
    """One form per shape among all POST (or GET) forms on the pages this client reaches from `starts`."""
    found = {}

    def collect(url, response, content):
        if "html" in response.get("Content-Type", ""):
            for form in kind(content.decode(response.charset or "utf-8", "replace"), url):
                if not form.action.startswith(SKIPPED_ACTIONS):
                    found.setdefault(form.shape, form)

    for start in starts:
        crawl(client, start, visit=collect)
    return list(found.values())


def send(client, url, **request):
    """POST and undo: each hostile request meets the portal as the demo left it, and leaves it so."""
    cookies = SimpleCookie()
    cookies.update(client.cookies)  # a copy: the client changes its own jar in place (language, a new session)
    cache.clear()  # rate limits would otherwise refuse later requests before their input is read
    try:
        with writes() as written, transaction.atomic():
            try:
                response = client.post(url, **request)
                content = body_of(response)
            except Exception as error:  # noqa: BLE001 - the test client re-raises what became a 500
                response, content = None, repr(error).encode()
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, content, written


def messages_in(document, is_message=False):
    """The texts under "error", "errors" or "message" anywhere in a JSON answer (allauth nests them per field)."""
    if isinstance(document, str) and is_message and document.strip():
        yield document
    elif isinstance(document, dict):
        for key, value in document.items():
            yield from messages_in(value, is_message or key in ("error", "errors", "message"))
    elif isinstance(document, list):
        for value in document:
            yield from messages_in(value, is_message)


def problem_with(response, content, written):
    """What is wrong with the portal's answer to bad input, or None."""
    if response is None:
        return f"500: {content.decode()[:300]}"
    if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return f"{response.status_code}"
    if response.status_code < HTTPStatus.BAD_REQUEST:
        return None
    if written:
        return f"{response.status_code} after writing {sorted(set(written))}"
    text = content.decode(response.charset or "utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        return None if list(messages_in(json.loads(text))) else f"{response.status_code} without a message"
    main = BeautifulSoup(text, "html.parser").find("main")
    if any(generic in text for generic in GENERIC_REFUSALS) or main is None or not main.get_text(strip=True):
        return f"{response.status_code} without a message"
    return None


def fuzz(client, forms):
    problems = []
    for form in forms:
        attempts = [("(alle velden leeg)", "", {})]
        for field in form.fields:
            attempts += [(field.name, value, form.data(**{field.name: value})) for value in hostile_values(field)]
        for name, value, data in attempts:
            response, content, written = send(client, form.action, data=data)
            if problem := problem_with(response, content, written):
                problems.append(f"{form.action} {name}={value[:40]!r}: {problem}")
    return problems


ROLES = [
    ("staff", STAFF, ["/"], 10),
    ("manager", MANAGER, ["/"], 15),
    ("anonymous", None, ["/account/login/", "/account/signup/", "/account/password/reset/"], 3),
]
MALFORMED_BODIES = [
    ("application/x-www-form-urlencoded", b"label=%ff%fe%00&note=\xff\xfe"),
    ("application/x-www-form-urlencoded", b"a=" + b"x" * (3 * 1024 * 1024)),
    ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(10_001))),
    ("multipart/form-data; boundary=kapot", b"--kapot\r\nzonder einde"),
    ("application/json", b'{"text": '),
]


def test_no_form_breaks_on_hostile_values_or_malformed_bodies(demo):
    """One test for every role, so the demo is built once: the problems of all forms are listed together."""
    problems = []
    for role, email, starts, at_least in ROLES:
        client = client_for(email)
        if email is None:
            starts = [*starts, *(f"/f/{link.code}/" for link in FeedbackLink.objects.all()[:1])]
        forms = reachable_forms(client, starts)
        assert len(forms) >= at_least, (role, [form.action for form in forms])  # the crawl found the forms
        problems += [f"{role}: {problem}" for problem in fuzz(client, forms)]
        for form in forms:
            for content_type, body in MALFORMED_BODIES:
                response, content, written = send(client, form.action, data=body, content_type=content_type)
                if problem := problem_with(response, content, written):
                    problems.append(f"{role}: {form.action} {content_type} {body[:20]!r}: {problem}")

    assert not problems, "\n".join(problems)


def test_no_search_or_filter_breaks_on_hostile_values(demo):
    """The GET forms (library search, filters, reports of the team): any query is answered, never with a 500."""
    problems, searched = [], 0
    for role, email, starts, _at_least in ROLES[:2]:
        client = client_for(email)
        for form in reachable_forms(client, starts, kind=get_forms):
            for field in form.fields:
                for value in hostile_values(field):
                    searched += 1
                    try:
                        response = client.get(form.action.split("?")[0], form.data(**{field.name: value}))
                    except Exception as error:  # noqa: BLE001 - the test client re-raises what became a 500
                        problems.append(f"{role}: {form.action} {field.name}={value[:40]!r}: 500 {error!r}")
                        continue
                    if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
                        problems.append(f"{role}: {form.action} {field.name}={value[:40]!r}: {response.status_code}")

    assert searched > 50  # the crawl found the search and filter forms
    assert not problems, "\n".join(problems)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
API_DOCUMENTS = st.one_of(
    JSON_VALUES,
    st.fixed_dictionaries({"text": JSON_VALUES, "form": JSON_VALUES}),
    st.fixed_dictionaries({"text": st.text(max_size=500), "form": st.sampled_from(["u", "jij", "auto", "U", ""])}),
)
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def test_json_endpoints_answer_anything_with_a_4xx_or_a_result(demo):
    """Hypothesis writes the documents: the teksttoets API and the calculators' live endpoint."""
    manager = User.objects.get(email=MANAGER)
    _token, key = ApiToken.issue(partner=manager.memberships.get().partner, user=manager, name="fuzz")
    api, staff = Client(), client_for(STAFF)
    calculator = CalculatorPage.objects.live().first()

    @EXAMPLES
    @given(document=API_DOCUMENTS)
    def api_check(document):
        body = json.dumps(document).encode()
        response, content, written = send(
            api, "/api/voice/check/", data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )
        # A check that succeeds counts itself (voice_textcheck): that is the result, not a partial write.
        assert problem_with(response, content, [table for table in written if table != "voice_textcheck"]) is None
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST), content[:300]

    @EXAMPLES
    @given(values=st.dictionaries(st.text(max_size=30), st.text(max_size=300), max_size=8))
    def calculate(values):
        url = f"/hulpmiddelen/rekenhulp/{calculator.pk}/bereken/"
        response, content, written = send(staff, url, data=values)
        assert problem_with(response, content, written) is None, content[:300]

    api_check()
    calculate()
