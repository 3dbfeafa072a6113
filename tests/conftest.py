"""Shared fixtures: a site with a home page, two partners and one person for every role."""

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from wagtail.models import Page, Site

from accounts.factories import UserFactory
from brand.models import BrandSettings
from home.brand_team import ensure_brand_team_group
from home.models import HomePage
from partners.factories import MembershipFactory, PartnerFactory, PartnerKindFactory
from partners.models import Role

ROLES = ["anonymous", "staff_a", "manager_a", "staff_b", "manager_b", "brand_team", "admin"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Documents and co-branded copies go to a fresh directory per test, apart from MEDIA_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty rate limits and caches, as if it ran alone."""
    cache.clear()


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Partnerportaal", slug="portaal", welcome_title="Welkom"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    BrandSettings.objects.get_or_create(site=Site.objects.get(is_default_site=True), defaults={"brand_name": "Merk"})
    return home


@pytest.fixture
def kind_intermediary(db):
    return PartnerKindFactory(name="Tussenpersoon", slug="tussenpersoon")


@pytest.fixture
def kind_courier(db):
    return PartnerKindFactory(name="Koerier", slug="koerier")


@pytest.fixture
def partner_a(kind_intermediary):
    return PartnerFactory(name="Partner A", slug="partner-a", kinds=[kind_intermediary], domains=["partner-a.example"])


@pytest.fixture
def partner_b(kind_courier):
    return PartnerFactory(name="Partner B", slug="partner-b", kinds=[kind_courier], domains=["partner-b.example"])


def member(partner, email, role):
    return MembershipFactory(user=UserFactory(email=email), partner=partner, role=role).user


@pytest.fixture
def staff_a(partner_a):
    return member(partner_a, "medewerker@partner-a.example", Role.STAFF)


@pytest.fixture
def manager_a(partner_a):
    return member(partner_a, "beheerder@partner-a.example", Role.MANAGER)


@pytest.fixture
def staff_b(partner_b):
    return member(partner_b, "medewerker@partner-b.example", Role.STAFF)


@pytest.fixture
def manager_b(partner_b):
    return member(partner_b, "beheerder@partner-b.example", Role.MANAGER)


@pytest.fixture
def brand_team(db):
    user = UserFactory(email="redactie@merk.example", is_staff=True)
    user.groups.add(ensure_brand_team_group())
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="beheer@merk.example", is_staff=True, is_superuser=True)


@pytest.fixture
def with_mfa():
    """Give a user a TOTP authenticator, as the admin requires of brand team and administrators."""

    def activate(user):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        return user

    return activate


@pytest.fixture
def login_with_mfa(with_mfa):
    """Log a client in as if the person typed their password and a TOTP code in this session."""

    def login(client, user):
        authenticator = Authenticator.objects.get(user=with_mfa(user), type=Authenticator.Type.TOTP)
        client.force_login(user)
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
        return client

    return login


@pytest.fixture
def people(request, db):
    """Every role's user by name, made on demand; anonymous is None."""

    def get(role):
        if role == "anonymous":
            return None
        return request.getfixturevalue("admin_user" if role == "admin" else role)

    return get
