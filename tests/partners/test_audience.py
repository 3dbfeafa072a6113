"""The one audience mechanism: visible_to(user) on anything that uses AudienceMixin."""

import pytest

from accounts.factories import UserFactory
from home.models import StandardPage
from partners.factories import MembershipFactory, PartnerFactory


@pytest.fixture
def pages(home_page, kind_intermediary, kind_courier):
    def add(title, kinds):
        page = StandardPage(title=title, slug=title.lower())
        page.audiences.set(kinds)
        home_page.add_child(instance=page)
        return page

    return {
        "everyone": add("Iedereen", []),
        "intermediaries": add("Tussenpersonen", [kind_intermediary]),
        "couriers": add("Koeriers", [kind_courier]),
        "both": add("Beide", [kind_intermediary, kind_courier]),
    }


def titles(user):
    return sorted(StandardPage.objects.visible_to(user).values_list("title", flat=True))


def test_partner_staff_see_pages_for_everyone_and_for_their_kind(pages, staff_a, staff_b):
    assert titles(staff_a) == ["Beide", "Iedereen", "Tussenpersonen"]
    assert titles(staff_b) == ["Beide", "Iedereen", "Koeriers"]


def test_brand_team_and_admin_see_everything(pages, brand_team, admin_user):
    assert titles(brand_team) == titles(admin_user) == ["Beide", "Iedereen", "Koeriers", "Tussenpersonen"]


def test_people_without_a_current_active_partner_see_nothing(pages, staff_a, partner_a):
    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser()) == []
    assert titles(UserFactory()) == []
    partner_a.is_active = False
    partner_a.save()
    assert titles(type(staff_a).objects.get(pk=staff_a.pk)) == []


def test_a_partner_of_several_kinds_sees_each_kind_once(pages, kind_intermediary, kind_courier):
    user = MembershipFactory(partner=PartnerFactory(kinds=[kind_intermediary, kind_courier])).user
    assert titles(user) == ["Beide", "Iedereen", "Koeriers", "Tussenpersonen"]


def test_is_visible_to_agrees_with_visible_to(pages, staff_a):
    assert pages["intermediaries"].is_visible_to(staff_a)
    assert not pages["couriers"].is_visible_to(staff_a)


def test_visible_to_is_one_query(pages, staff_a, django_assert_num_queries):
    with django_assert_num_queries(2):  # the membership (then cached on the user) and the pages
        assert len(list(StandardPage.objects.visible_to(staff_a))) == 3


def test_a_child_page_is_no_wider_than_its_parent(client, pages, staff_a):
    child = StandardPage(title="Onder koeriers", slug="onder-koeriers")
    pages["couriers"].add_child(instance=child)
    client.force_login(staff_a)
    assert client.get(child.url).status_code == 404


def test_deactivated_partner_sees_the_message_on_pages(client, pages, staff_a, partner_a):
    partner_a.is_active = False
    partner_a.save()
    client.force_login(staff_a)
    response = client.get(pages["everyone"].url)
    assert response.status_code == 403
    assert "Je organisatie is niet meer actief" in response.content.decode()
