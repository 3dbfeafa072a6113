"""Sessions: a new id at login, 30 idle minutes and 12 hours at most, and people end their own sessions."""

import time

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.test import Client

from accounts import middleware
from accounts.factories import UserFactory

PASSWORD = "Lang-genoeg-wachtwoord-2026"


@pytest.fixture
def person(staff_a):
    staff_a.set_password(PASSWORD)
    staff_a.save()
    return staff_a


@pytest.fixture
def clock(monkeypatch):
    """The middleware's clock, moved by hand: `clock.now += 60` is a minute later."""

    class Clock:
        now = time.time()

    monkeypatch.setattr(middleware.time, "time", lambda: Clock.now)
    return Clock


def log_in(client, person):
    response = client.post("/account/login/", {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def test_logging_in_issues_a_new_session_id(client, person, home_page):
    client.get("/account/login/")  # an anonymous session, e.g. with a CSRF token or a language choice
    session = client.session
    session["gekozen"] = "ja"
    session.save()
    before = session.session_key

    log_in(client, person)

    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(person.pk)


def test_a_request_within_the_idle_limit_keeps_the_session(client, person, home_page, clock):
    log_in(client, person)
    clock.now += 29 * 60

    assert client.get("/").status_code == 200
    clock.now += 29 * 60  # the last request renewed the idle clock

    assert client.get("/").status_code == 200


def test_thirty_idle_minutes_end_the_session(client, person, home_page, clock):
    log_in(client, person)
    clock.now += 30 * 60 + 1

    response = client.get("/team/", follow=True)

    assert response.redirect_chain[0][0].startswith("/account/login/?next=/team/")
    assert "Je sessie is verlopen" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_twelve_hours_end_even_a_busy_session(client, person, home_page, clock):
    log_in(client, person)
    for _ in range(12 * 4):  # a request every quarter of an hour for twelve hours
        clock.now += 15 * 60
        assert client.get("/").status_code == 200

    clock.now += 60
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_renewal_writes_at_most_once_a_minute(client, person, home_page, clock, settings):
    settings.SESSION_RENEW_INTERVAL = 60  # as in production (the test settings renew less often)
    log_in(client, person)
    client.get("/")
    seen = client.session[middleware.SEEN_AT]

    clock.now += 30
    client.get("/")
    assert client.session[middleware.SEEN_AT] == seen

    clock.now += 31
    client.get("/")
    assert client.session[middleware.SEEN_AT] == int(clock.now)


def test_people_see_their_sessions_and_end_the_others(person, home_page):
    laptop, phone = log_in(Client(), person), log_in(Client(HTTP_USER_AGENT="Telefoon/1.0"), person)

    page = laptop.get("/account/sessions/").content.decode()
    assert "Telefoon/1.0" in page
    assert "deze sessie" in page
    assert UserSession.objects.filter(user=person).count() == 2

    laptop.post("/account/sessions/")

    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 200
    assert UserSession.objects.filter(user=person).count() == 1


def test_log_out_everywhere_ends_every_session_including_this_one(person, home_page):
    laptop, phone = log_in(Client(), person), log_in(Client(), person)
    other = UserFactory(email="collega@tussenpersoon.example")
    other.set_password(PASSWORD)
    other.save()
    colleague = log_in(Client(), other)

    response = laptop.post("/account/sessies/overal-uitloggen/", follow=True)

    assert "Je bent op alle apparaten uitgelogd." in response.content.decode()
    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert not UserSession.objects.filter(user=person).exists()
    assert colleague.get("/").status_code == 200  # nobody else is logged out
    assert UserSession.objects.filter(user=other).exists()


def test_log_out_everywhere_needs_a_post(client, person, home_page):
    log_in(client, person)

    assert client.get("/account/sessies/overal-uitloggen/").status_code == 405
    assert client.get("/").status_code == 200


def test_log_out_everywhere_also_ends_sessions_from_before_they_were_listed(person, home_page):
    """A session started before allauth listed sessions (no UserSession row) is found in the session table."""
    old = Client()
    old.force_login(person)  # Django's own login: nothing listed
    assert not UserSession.objects.filter(user=person).exists()
    laptop = log_in(Client(), person)

    laptop.post("/account/sessies/overal-uitloggen/")

    assert old.get("/").status_code == 302
