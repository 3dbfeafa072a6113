"""`manage.py seed_demo`: refuses outside DEBUG, builds a complete demo once, and every printed login works."""

import io
import re
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from accounts.demo import DEMO_PASSWORD
from brand.models import BrandSettings
from home.models import HomePage
from partners.models import Membership, Partner, PartnerKind, Role
from tools.models import ChecklistRun, ToolUse

LOGIN_LINE = re.compile(r"^(?P<email>\S+@\S+)\s{2,}")


def seed(**options):
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def printed_logins(output):
    return [match["email"] for line in output.splitlines() if (match := LOGIN_LINE.match(line))]


def counts():
    return {
        "users": get_user_model().objects.count(),
        "partners": Partner.objects.count(),
        "partner kinds": PartnerKind.objects.count(),
        "memberships": Membership.objects.count(),
        "pages": Page.objects.count(),
        "page revisions": Revision.page_revisions.count(),
        "email addresses": EmailAddress.objects.count(),
        "sites": Site.objects.count(),
        "brand settings": BrandSettings.objects.count(),
        "tool uses": ToolUse.objects.count(),
        "checklist runs": ChecklistRun.objects.count(),
    }


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = False
    return seed(force=True)


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError, match="draait daarom alleen met DEBUG aan"):
        seed()

    assert counts() == before
    assert not HomePage.objects.exists()


def test_runs_with_debug_on(db, settings):
    settings.DEBUG = True

    output = seed()

    assert HomePage.objects.exists()
    assert printed_logins(output)


def test_builds_partners_of_several_kinds(seeded):
    assert Partner.objects.count() >= 4
    assert PartnerKind.objects.filter(partners__isnull=False).distinct().count() >= 3


def test_builds_an_account_for_every_role(seeded):
    User = get_user_model()
    assert User.objects.filter(is_superuser=True, is_active=True).exists()
    brand_team = [user for user in User.objects.filter(is_superuser=False) if user.is_brand_team]
    assert brand_team, "no brand team member with wagtailadmin.access_admin"
    assert all(user.has_perm("wagtailadmin.access_admin") for user in brand_team)
    active = Membership.objects.current().filter(partner__is_active=True)
    assert active.filter(role=Role.MANAGER).exists()
    assert active.filter(role=Role.STAFF).exists()


def test_home_page_is_the_default_site_root_with_brand_settings(seeded):
    site = Site.objects.get(is_default_site=True)

    assert isinstance(site.root_page.specific, HomePage)
    assert BrandSettings.objects.filter(site=site).exists()


def test_prints_every_login_with_the_demo_password(seeded):
    User = get_user_model()

    assert DEMO_PASSWORD in seeded
    assert sorted(printed_logins(seeded)) == sorted(User.objects.values_list("email", flat=True))


def test_running_twice_changes_nothing(seeded):
    before = counts()

    output = seed(force=True)

    assert counts() == before
    assert sorted(printed_logins(output)) == sorted(printed_logins(seeded))


def test_seeded_home_page_shows_the_dashboard(client, seeded):
    manager = Membership.objects.current().filter(partner__is_active=True, role=Role.MANAGER).first().user
    client.force_login(manager)

    response = client.get("/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Welkom op het partnerportaal" in html
    assert manager.memberships.current().get().partner.name in html


def test_every_printed_login_can_log_in(client, seeded):
    cache.clear()  # allauth's login rate limits live in the cache shared by the whole test run
    logins = printed_logins(seeded)
    assert len(logins) >= 4
    failures = []

    for email in logins:
        client.logout()
        response = client.post("/account/login/", {"login": email, "password": DEMO_PASSWORD})
        user_id = client.session.get("_auth_user_id")
        dashboard = client.get("/")
        if (
            response.status_code != HTTPStatus.FOUND
            or user_id != str(get_user_model().objects.get(email=email).pk)
            or dashboard.status_code != HTTPStatus.OK
        ):
            failures.append(f"{email}: login {response.status_code}, session user {user_id}, / {dashboard.status_code}")

    assert failures == []
