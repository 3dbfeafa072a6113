"""Dutch by default whatever the browser says; English when the person chooses it, remembered."""

from http import HTTPStatus


def test_dutch_even_when_the_browser_prefers_english(client, db):
    page = client.get("/account/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in page
    assert "Inloggen" in page


def test_visitor_chooses_english_in_a_cookie(client, db):
    response = client.post("/account/taal/", {"language": "en", "next": "/account/login/"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/account/login/"
    page = client.get("/account/login/").content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page


def test_logged_in_choice_is_kept_on_the_account(client, staff_a, home_page):
    client.force_login(staff_a)
    client.post("/account/taal/", {"language": "en", "next": "/"})
    staff_a.refresh_from_db()
    assert staff_a.language == "en"
    client.cookies.clear()
    client.force_login(staff_a)
    assert '<html lang="en">' in client.get("/").content.decode()


def test_unknown_language_and_foreign_next_change_nothing(client, staff_a):
    client.force_login(staff_a)
    response = client.post("/account/taal/", {"language": "xx", "next": "https://kwaad.example/"})
    assert response["Location"] == "/"
    staff_a.refresh_from_db()
    assert staff_a.language == ""
