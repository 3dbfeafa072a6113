"""Error pages speak Dutch in the portal's design, and a crash never shows a trace."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import path

from accounts.factories import UserFactory
from portal import urls as portal_urls


def test_404_in_dutch(client, staff_a, home_page):
    client.force_login(staff_a)
    response = client.get("/bestaat-niet/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert 'class="skip-link"' in page


def test_403_in_dutch(client, staff_a, home_page):
    client.force_login(staff_a)
    response = client.get("/team/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Geen toegang" in response.content.decode()


def broken_view(request):
    raise RuntimeError("kapot")


urlpatterns = [path("kapot/", broken_view), *portal_urls.urlpatterns]
handler500 = portal_urls.handler500


@pytest.mark.urls(__name__)
def test_500_in_dutch_without_details(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    response = client.get("/kapot/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "kapot" not in page.split("<main")[1]


def test_health_check_for_the_load_balancer(client, db):
    response = client.get("/gezond/")
    assert response.json() == {"status": "ok"}


def test_expired_form_gets_a_dutch_explanation(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/login/", {"login": "a@b.example", "password": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Dit formulier is verlopen" in response.content.decode()
