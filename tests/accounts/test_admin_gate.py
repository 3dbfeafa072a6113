"""The Wagtail admin: reached only through allauth's login, with two-factor login for the brand side."""

from http import HTTPStatus

import pytest


@pytest.mark.parametrize("role", ["brand_team", "admin"])
def test_brand_side_without_mfa_is_sent_to_set_it_up(client, people, role):
    client.force_login(people(role))
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/account/2fa/totp/activate/"
    follow = client.get(response["Location"], follow=True)
    assert "Stel eerst tweestapsverificatie in" in follow.content.decode()


@pytest.mark.parametrize("role", ["brand_team", "admin"])
def test_brand_side_with_mfa_uses_the_admin(client, people, login_with_mfa, role):
    login_with_mfa(client, people(role))
    assert client.get("/admin/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("role", ["brand_team", "admin"])
def test_a_password_only_session_is_asked_for_the_code(client, people, with_mfa, role):
    """Having TOTP on the account is not enough: this session must have used it."""
    client.force_login(with_mfa(people(role)))
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/account/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
def test_partner_users_are_refused_the_admin_in_our_design(client, people, role, home_page):
    client.force_login(people(role))
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/login/", "/_util/login/"])
def test_there_is_no_second_login_form(client, db, url):
    response = client.get(url + "?next=/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/account/login/")


def test_anonymous_admin_visit_goes_to_the_allauth_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/account/login/")


def test_login_with_mfa_asks_for_the_code(client, brand_team, with_mfa):
    with_mfa(brand_team)
    response = client.post("/account/login/", {"login": brand_team.email, "password": "Partnerportaal-2026"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/account/2fa/authenticate/"
    assert client.get("/admin/").status_code == HTTPStatus.FOUND  # not logged in before the code
