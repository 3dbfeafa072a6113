"""Who asks and what: logged-in sessions made in the shared session store, and the pages under load.

Runs inside the benchmark process after bench.harness.setup_django, against the servers' own database and cache.
"""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from journeys.models import JourneyPage
from materials.models import MaterialIndexPage
from partners.models import Membership
from tools.models import CalculatorPage
from training.models import TrainingIndexPage, TrainingModulePage


def session_cookie(user, second_factor=False):
    """A session as after logging in; with `second_factor`, as after a password and a TOTP code."""
    client = Client()
    client.force_login(user)
    if second_factor:
        authenticator, _ = Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def partner_sessions(count, pages):
    """Sessions of `count` active people of as many different partners that see every one of `pages`."""
    people, seen = [], set()
    for membership in members_seeing(pages):
        if membership.partner_id not in seen:
            seen.add(membership.partner_id)
            people.append(membership.user)
        if len(people) == count:
            return [session_cookie(person) for person in people]
    raise SystemExit(f"Te weinig partners die alle pagina's zien voor {count} gelijktijdige gebruikers: {len(people)}")


def pool_of_sessions(count, pages):
    """Sessions of `count` people who see `pages`, for forms a person may only send so often (the quiz)."""
    return [session_cookie(membership.user) for membership, _ in zip(members_seeing(pages), range(count), strict=False)]


def members_seeing(pages):
    """Current, active people of active partners that see all of these pages, partner by partner."""
    seeing = {}
    members = Membership.objects.counted().filter(user__is_staff=False, partner__is_active=True)
    for membership in members.select_related("user").order_by("partner_id", "pk").iterator():
        if membership.partner_id not in seeing:
            seeing[membership.partner_id] = all(
                type(page).objects.aimed_at(membership.partner_id).filter(pk=page.pk).exists() for page in pages
            )
        if seeing[membership.partner_id]:
            yield membership


def someone_else():
    """The address of a partner person picked at random (the large set shares the demo's password)."""
    membership = Membership.objects.counted().filter(user__is_staff=False, partner__is_active=True).order_by("?")
    return membership.select_related("user").first().user.email


def brand_team_session():
    """The demo's brand team member, with a second factor, for the admin's reports."""
    user = get_user_model().objects.get(email="redactie@polderzorg.example")
    return session_cookie(user, second_factor=True)


def first_live(queryset, test=bool):
    """The first live page of this type that passes `test`: one aimed at everyone if there is one, in tree order."""
    pages = [page for page in queryset.live().order_by("path").prefetch_related("audiences") if test(page)]
    if not pages:
        raise SystemExit(f"Geen live {queryset.model._meta.verbose_name} in de gegevens")
    return next((page for page in pages if not page.audiences.all()), pages[0])


def audience_pages():
    """The pages under load whose audience may be limited: the people under load must see them all."""
    return {
        "module": first_live(TrainingModulePage.objects, lambda module: len(module.quiz)),
        "rekenhulp": first_live(CalculatorPage.objects),
        "klantreis": first_live(JourneyPage.objects),
    }


def targets(pages):
    """(name, path) of the main logged-in pages, and the trivial view that is the ceiling."""
    return [
        ("leeg", reverse("bench_trivial")),
        ("dashboard", "/"),
        ("academie", TrainingIndexPage.objects.live().get().url),
        ("module", pages["module"].url),
        ("bibliotheek", MaterialIndexPage.objects.live().get().url),
        ("rekenhulp", pages["rekenhulp"].url),
        ("teksttoets", reverse("voice:text_check")),
        ("klantreis", pages["klantreis"].url),
    ]


def quiz_module():
    """A module with a quiz; one without a daily limit of attempts when there is one."""
    modules = TrainingModulePage.objects
    unlimited = [module for module in modules.live() if len(module.quiz) and not module.attempts_per_day]
    return unlimited[0] if unlimited else first_live(modules, lambda module: len(module.quiz))


def quiz_path(module):
    return module.url + module.reverse_subpage("take_quiz")
