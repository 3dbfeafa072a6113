"""partners.access: the helpers every partner view uses instead of writing its own check."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from accounts.factories import UserFactory
from partners.access import current_membership, get_for_my_partner, manager_required, membership_required
from partners.models import Invitation, Membership


@membership_required
def member_view(request):
    return HttpResponse(request.membership.partner.name)


@manager_required
def manager_view(request):
    return HttpResponse("ok")


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_current_membership_ignores_ended_memberships(staff_a):
    membership = Membership.objects.get(user=staff_a)
    assert current_membership(staff_a) == membership
    membership.ended_at = membership.started_at
    membership.save()
    staff_a.refresh_from_db()
    assert current_membership(type(staff_a).objects.get(pk=staff_a.pk)) is None


def test_membership_required(staff_a, partner_a, home_page):
    assert member_view(request_for(staff_a)).content == b"Partner A"
    response = member_view(request_for(UserFactory()))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "hoort (nog) niet bij een partner" in response.content.decode()


def test_deactivated_partner_gets_a_message(staff_a, partner_a, home_page):
    partner_a.is_active = False
    partner_a.save()
    response = member_view(request_for(type(staff_a).objects.get(pk=staff_a.pk)))
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Je organisatie is niet meer actief" in response.content.decode()


def test_manager_required(staff_a, manager_a):
    assert manager_view(request_for(manager_a)).status_code == HTTPStatus.OK
    with pytest.raises(PermissionDenied):
        manager_view(request_for(staff_a))


def test_get_for_my_partner_hides_other_partners_objects(manager_a, partner_a, partner_b):
    mine = Invitation.objects.create(partner=partner_a, email="a@partner-a.example")
    theirs = Invitation.objects.create(partner=partner_b, email="b@partner-b.example")
    request = request_for(manager_a)
    request.membership = current_membership(manager_a)
    assert get_for_my_partner(Invitation.objects.all(), request, pk=mine.pk) == mine
    with pytest.raises(Http404):
        get_for_my_partner(Invitation.objects.all(), request, pk=theirs.pk)
