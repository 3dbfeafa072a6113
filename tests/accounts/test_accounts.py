"""The account itself: email as the login, in any case; account pages in Dutch and in our layout."""

from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError

from accounts.factories import UserFactory

User = get_user_model()


def test_email_is_stored_trimmed_and_lower_case(db):
    user = User.objects.create_user("  Anna@Voorbeeld.EXAMPLE ", "Een-lang-wachtwoord-1")
    assert user.email == "anna@voorbeeld.example"
    assert not hasattr(user, "username")


def test_email_is_unique_whatever_its_case(db):
    User.objects.create_user("anna@voorbeeld.example")
    with pytest.raises(IntegrityError):
        User.objects.create_user("ANNA@voorbeeld.example")


@pytest.mark.parametrize("typed", ["anna@voorbeeld.example", "ANNA@Voorbeeld.Example", "  anna@voorbeeld.example  "])
def test_login_accepts_any_case_and_surrounding_spaces(client, typed, home_page):
    UserFactory(email="anna@voorbeeld.example")
    response = client.post("/account/login/", {"login": typed, "password": "Partnerportaal-2026"})
    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/").status_code == HTTPStatus.OK


def test_wrong_password_gets_a_dutch_message(client, db):
    UserFactory(email="anna@voorbeeld.example")
    response = client.post("/account/login/", {"login": "anna@voorbeeld.example", "password": "fout"})
    assert response.status_code == HTTPStatus.OK
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in response.content.decode()


def test_login_is_rate_limited(client, db, settings):
    UserFactory(email="anna@voorbeeld.example")
    for _ in range(6):
        response = client.post("/account/login/", {"login": "anna@voorbeeld.example", "password": "fout"})
    response = client.post("/account/login/", {"login": "anna@voorbeeld.example", "password": "Partnerportaal-2026"})
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS)
    assert client.get("/account/email/").status_code == HTTPStatus.FOUND  # still not logged in


def test_password_reset_mail_is_dutch(client, db):
    UserFactory(email="anna@voorbeeld.example")
    client.post("/account/password/reset/", {"email": "ANNA@voorbeeld.example"})
    assert len(mail.outbox) == 1
    assert "wachtwoord" in mail.outbox[0].body.lower()


def test_adding_an_over_long_address_is_refused_cleanly(client, db):
    user = UserFactory(email="anna@voorbeeld.example")
    client.force_login(user)
    response = client.post("/account/email/", {"action_add": "", "email": ("a" * 250) + "@voorbeeld.example"})
    assert response.status_code == HTTPStatus.OK
    assert "hoogstens 254 tekens" in response.content.decode()
    assert EmailAddress.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    "url", ["/account/login/", "/account/signup/", "/account/password/reset/", "/account/email/", "/account/2fa/"]
)
def test_account_pages_use_the_portal_layout_in_dutch(client, db, url):
    client.force_login(UserFactory()) if url in ("/account/email/", "/account/2fa/") else None
    page = client.get(url).content.decode()
    assert '<html lang="nl">' in page
    assert 'class="skip-link"' in page
    assert "portal.css" in page
