"""Closed signup: by invitation, or with a verified address on a partner's registered domain."""

import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.factories import UserFactory
from partners.models import Membership, Role

User = get_user_model()
REFUSED = "Aanmelden kan alleen met een e-mailadres van een aangesloten partner"


def signup(client, email, **extra):
    data = {
        "email": email,
        "first_name": "Iris",
        "last_name": "Kok",
        "password1": "Een-lang-wachtwoord-1",
        "password2": "Een-lang-wachtwoord-1",
        **extra,
    }
    return client.post("/account/signup/", data)


@pytest.mark.parametrize("email", ["iemand@onbekend.example", "iemand@gmail.com", "iemand@sub.partner-a.example"])
def test_unregistered_domain_is_refused_with_a_dutch_message(client, partner_a, email):
    response = signup(client, email)
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert REFUSED in page
    assert f'value="{email}"' in page
    assert not User.objects.filter(email=email).exists()
    assert mail.outbox == []


def test_domain_of_a_deactivated_partner_is_refused(client, partner_a):
    partner_a.is_active = False
    partner_a.save()
    assert REFUSED in signup(client, "iemand@partner-a.example").content.decode()
    assert not User.objects.exists()


def test_partner_domain_signs_up_verifies_and_joins_as_staff(client, partner_a, home_page):
    response = signup(client, "  Iris@Partner-A.example ")
    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(email="iris@partner-a.example")
    # No membership and no login before the address is verified.
    assert not Membership.objects.filter(user=user).exists()
    assert client.get("/").status_code == HTTPStatus.FOUND

    confirm_url = re.search(r"http://testserver(/account/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)
    client.post(confirm_url)

    membership = Membership.objects.get(user=user)
    assert (membership.partner, membership.role) == (partner_a, Role.STAFF)
    assert EmailAddress.objects.get(user=user).verified
    assert "Partner A" in client.get("/").content.decode()


def test_address_with_an_account_already_gets_no_second_account(client, partner_a):
    UserFactory(email="iris@partner-a.example")
    signup(client, "IRIS@partner-a.example")
    assert User.objects.filter(email__iexact="iris@partner-a.example").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "x" * 151, "niet meer dan 150 tekens"),
        ("last_name", "", "Dit is een verplicht veld."),
        ("email", ("a" * 250) + "@partner-a.example", "hoogstens 254 tekens"),
        ("password2", "iets-anders-9", "hetzelfde wachtwoord"),
    ],
)
def test_bad_signup_input_explains_and_creates_nothing(client, partner_a, field, value, message):
    data = {"email": "iris@partner-a.example", field: value}
    response = signup(client, **data)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not User.objects.exists()
