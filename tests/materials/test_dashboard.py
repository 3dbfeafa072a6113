"""The materials section of the dashboard: new since the last library visit, for this partner's kinds only."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from materials import factories
from materials.models import LibraryVisit, MaterialVersion

NEW_HEADING = "Nieuw sinds je vorige bezoek aan de bibliotheek"


@pytest.fixture
def dashboard_library(home_page):
    return factories.library(home_page)


def new_session(user):
    """A fresh browser: a new session, as after logging in again."""
    client = Client()
    client.force_login(user)
    return client


def section(client):
    """The materials section of the dashboard, or None when it is not shown."""
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "materials-title"})


def new_titles(client):
    found = section(client)
    if found is None:
        return []
    return [item.a.get_text(strip=True) for item in found.select("ul.plain-list li")]


def visit_library(client, library):
    response = client.get(library.url)
    assert response.status_code == HTTPStatus.OK


def backdate(material, days):
    MaterialVersion.objects.filter(material=material).update(published_at=timezone.now() - timedelta(days=days))


def test_first_visit_shows_materials_of_the_last_month(dashboard_library, staff_a):
    factories.material(dashboard_library, "Folder")
    old = factories.material(dashboard_library, "Oude poster")
    backdate(old, 40)

    found = section(new_session(staff_a))

    assert found is not None
    assert NEW_HEADING in found.get_text()
    assert [item.a.get_text(strip=True) for item in found.select("ul.plain-list li")] == ["Folder"]
    assert "versie 1" in found.get_text()


def test_since_stays_the_same_for_the_whole_session(dashboard_library, staff_a):
    factories.material(dashboard_library, "Folder")
    client = new_session(staff_a)
    assert new_titles(client) == ["Folder"]

    visit_library(client, dashboard_library)

    assert LibraryVisit.objects.filter(user=staff_a).exists()
    assert new_titles(client) == ["Folder"]


def test_nothing_new_in_a_new_session_after_visiting_the_library(dashboard_library, staff_a):
    factories.material(dashboard_library, "Folder")
    visit_library(new_session(staff_a), dashboard_library)

    assert section(new_session(staff_a)) is None


def test_material_published_after_the_visit_is_new_in_the_next_session(dashboard_library, staff_a):
    factories.material(dashboard_library, "Folder")
    first = new_session(staff_a)
    visit_library(first, dashboard_library)
    factories.material(dashboard_library, "Poster")

    second = new_session(staff_a)
    assert new_titles(second) == ["Poster"]
    visit_library(second, dashboard_library)
    assert new_titles(second) == ["Poster"]  # still this session's "since"

    assert new_titles(new_session(staff_a)) == []


def test_dashboard_alone_does_not_count_as_a_library_visit(dashboard_library, staff_a):
    factories.material(dashboard_library, "Folder")
    new_titles(new_session(staff_a))

    assert not LibraryVisit.objects.filter(user=staff_a).exists()
    assert new_titles(new_session(staff_a)) == ["Folder"]


def test_new_version_of_an_old_material_counts_as_new(dashboard_library, staff_a):
    folder = factories.material(dashboard_library, "Folder")
    backdate(folder, 40)
    assert new_titles(new_session(staff_a)) == []

    factories.publish_changes(folder, version_label="2")

    assert new_titles(new_session(staff_a)) == ["Folder"]


def test_newest_first(dashboard_library, staff_a):
    first = factories.material(dashboard_library, "Eerste")
    factories.material(dashboard_library, "Tweede")
    backdate(first, 2)

    assert new_titles(new_session(staff_a)) == ["Tweede", "Eerste"]


def test_only_materials_aimed_at_the_partners_kinds(dashboard_library, partner_a, staff_a, staff_b):
    factories.material(dashboard_library, "Alleen A", audiences=partner_a.kinds.all())

    assert new_titles(new_session(staff_a)) == ["Alleen A"]
    assert section(new_session(staff_b)) is None


def test_unavailable_materials_are_not_new(dashboard_library, staff_a):
    today = timezone.localdate()
    withdrawn = factories.material(dashboard_library, "Ingetrokken")
    factories.publish_changes(withdrawn, withdrawal_reason="Fout")
    factories.material(dashboard_library, "Verlopen", valid_until=today - timedelta(days=1))
    factories.material(dashboard_library, "Straks", valid_from=today + timedelta(days=3))
    factories.material(dashboard_library, "Concept", publish=False)
    factories.material(dashboard_library, "Beschikbaar")

    assert new_titles(new_session(staff_a)) == ["Beschikbaar"]


def test_at_most_five_with_a_link_to_all_new(dashboard_library, staff_a):
    for number in range(6):
        factories.material(dashboard_library, f"Materiaal {number}", slug=f"materiaal-{number}")

    found = section(new_session(staff_a))

    assert len(found.select("ul.plain-list li")) == 5
    link = found.find("a", string="Alle nieuwe materialen")
    assert link is not None
    assert link["href"] == f"{dashboard_library.url}?new=on"
