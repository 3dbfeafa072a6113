"""Per-audience parts come from the shared cache and are made anew whenever what a partner may see changes."""

import pytest
from bs4 import BeautifulSoup

from partners import audience_cache
from tools import factories
from tools.models import ChecklistPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return factories.tool_index(home_page)


def dashboard_tools(client):
    section = BeautifulSoup(client.get("/").content, "html.parser").find(
        "section", attrs={"aria-labelledby": "tools-title"}
    )
    return [link.get_text() for link in section.select("ul.tool-links a")] if section else []


def checklist(index, title, **fields):
    return factories.add_tool(index, ChecklistPage, title, **fields)


def test_the_part_is_made_once_per_partner(client, index, staff_a):
    checklist(index, "Intake")
    client.force_login(staff_a)
    assert dashboard_tools(client) == ["Intake"]
    built = []
    audience_cache.cached_for_partner("tools:dashboard", staff_a.memberships.get().partner_id, lambda: built.append(1))
    assert built == []  # already there for this partner


def test_publishing_unpublishing_and_deleting_a_page_show_at_once(client, index, staff_a):
    intake = checklist(index, "Intake")
    client.force_login(staff_a)
    assert dashboard_tools(client) == ["Intake"]

    handover = checklist(index, "Overdracht")
    assert dashboard_tools(client) == ["Intake", "Overdracht"]

    intake.unpublish()
    assert dashboard_tools(client) == ["Overdracht"]

    handover.delete()
    assert dashboard_tools(client) == []


def test_a_new_kind_for_the_partner_shows_what_is_aimed_at_it(client, index, staff_a, partner_a, kind_courier):
    checklist(index, "Intake")
    checklist(index, "Pakket aannemen", audiences=[kind_courier])
    client.force_login(staff_a)
    assert dashboard_tools(client) == ["Intake"]

    partner_a.kinds.add(kind_courier)
    partner_a.save()  # as the admin's form does: a cluster's kinds are written with the partner
    assert dashboard_tools(client) == ["Intake", "Pakket aannemen"]


def test_partners_of_another_kind_never_get_each_others_part(client, index, staff_a, staff_b, kind_courier):
    checklist(index, "Intake")
    checklist(index, "Pakket aannemen", audiences=[kind_courier])
    client.force_login(staff_b)
    assert dashboard_tools(client) == ["Intake", "Pakket aannemen"]
    client.force_login(staff_a)
    assert dashboard_tools(client) == ["Intake"]


def test_a_change_moves_the_generation_on_again_once_committed(django_capture_on_commit_callbacks):
    before = audience_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        audience_cache.content_changed()
        assert audience_cache.generation() == before + 1  # at once
    assert audience_cache.generation() == before + 2  # and after the commit


def test_a_lost_generation_starts_anew_without_reusing_old_parts():
    from django.core.cache import cache

    audience_cache.cached_for_partner("test", 1, lambda: "old")
    cache.delete(audience_cache.GENERATION_KEY)
    audience_cache.content_changed()
    assert audience_cache.cached_for_partner("test", 1, lambda: "new") == "new"


def test_someone_without_a_partner_is_never_handed_a_kept_part():
    assert audience_cache.cached_for_partner("test", None, lambda: "brand") == "brand"
    assert audience_cache.cached_for_partner("test", None, lambda: "someone else") == "someone else"
