"""Every URL, every role: the expected HTTP status. A URL without a row fails the suite."""

import re
import uuid
from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver
from wagtail.documents import get_document_model

from brand.models import BrandSettings
from journeys import factories as journeys_factories
from journeys.feedback import links_for
from materials import factories as materials_factories
from materials.models import OutdatedNotice, ShareLink
from materials.versions import current_version
from partners.factories import InvitationFactory
from partners.models import Membership
from recognition.models import LevelChange, LevelNotice, RecognitionLevel, RecognitionSettings
from tests.conftest import ROLES
from tools import factories as tools_factories
from tools.models import ChecklistRun
from training import factories as training_factories
from training.models import Attempt, Completion
from voice import factories as voice_factories
from voice.models import ApiToken

OK = HTTPStatus.OK
FOUND = HTTPStatus.FOUND
FORBIDDEN = HTTPStatus.FORBIDDEN
NOT_FOUND = HTTPStatus.NOT_FOUND
NOT_ALLOWED = HTTPStatus.METHOD_NOT_ALLOWED
CONFLICT = HTTPStatus.CONFLICT
BAD_REQUEST = HTTPStatus.BAD_REQUEST
UNAUTHORIZED = HTTPStatus.UNAUTHORIZED


def everyone(status, anonymous=FOUND):
    """The same status for every logged-in role; anonymous visitors are sent to the login page."""
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], status)}


def managers_of_a(ok, *, staff=FORBIDDEN, other_manager=NOT_FOUND, no_partner=FORBIDDEN):
    """Team actions: only partner A's manager acts; B's manager finds nothing; the rest may not."""
    return {
        "anonymous": FOUND,
        "staff_a": staff,
        "manager_a": ok,
        "staff_b": staff,
        "manager_b": other_manager,
        "brand_team": no_partner,
        "admin": no_partner,
    }


def with_mfa_only(status, *, without):
    """Two-factor pages: brand team and administrators have TOTP here, partner users do not."""
    return {
        "anonymous": FOUND,
        **dict.fromkeys(["staff_a", "manager_a", "staff_b", "manager_b"], without),
        "brand_team": status,
        "admin": status,
    }


def logged_in_redirects_away():
    """Entrance pages: open to visitors; someone already logged in is sent on."""
    return {"anonymous": OK, **dict.fromkeys(ROLES[1:], FOUND)}


BRAND_SIDE_ONLY = {"anonymous": FOUND, **dict.fromkeys(ROLES[1:5], FORBIDDEN), "brand_team": OK, "admin": OK}
# For content aimed at partner A's kind: partner B's people do not find it.
ONLY_A_AND_BRAND = {"anonymous": FOUND, "staff_b": NOT_FOUND, "manager_b": NOT_FOUND}


# Staff A's checklist run: other partner people find nothing, the brand side has no runs at all.
OWN_RUN = {
    "anonymous": FOUND,
    **dict.fromkeys(ROLES[1:5], NOT_FOUND),
    "staff_a": OK,
    "brand_team": FORBIDDEN,
    "admin": FORBIDDEN,
}

# route pattern -> (method, path or a function of the fixtures giving the path, {role: status})
MATRIX = {
    # Pages (Wagtail's catch-all serve view)
    "^((?:[\\w\\-]+/)*)$": ("get", "/", everyone(OK)),
    "gezond/": ("get", "/gezond/", everyone(OK, anonymous=OK)),
    # Team (managers only, own partner only)
    "team/": ("get", "/team/", managers_of_a(OK, other_manager=OK)),
    # B's manager may invite, but not an address on A's registered domain: a clear 400.
    "team/uitnodigen/": ("post", "/team/uitnodigen/", managers_of_a(FOUND, other_manager=BAD_REQUEST)),
    "team/uitnodigingen/<int:pk>/opnieuw/": (
        "post",
        lambda o: f"/team/uitnodigingen/{o['invitation'].pk}/opnieuw/",
        managers_of_a(FOUND),
    ),
    "team/uitnodigingen/<int:pk>/intrekken/": (
        "post",
        lambda o: f"/team/uitnodigingen/{o['invitation'].pk}/intrekken/",
        managers_of_a(FOUND),
    ),
    "team/leden/<int:pk>/rol/": ("post", lambda o: f"/team/leden/{o['membership'].pk}/rol/", managers_of_a(FOUND)),
    "team/leden/<int:pk>/verwijderen/": (
        "post",
        lambda o: f"/team/leden/{o['membership'].pk}/verwijderen/",
        managers_of_a(FOUND),
    ),
    # The invitation link is public; a logged-in person with another address is told it is not theirs.
    "uitnodiging/<str:token>/": (
        "get",
        lambda o: f"/uitnodiging/{o['invitation'].token}/",
        {"anonymous": FOUND, **dict.fromkeys(ROLES[1:], CONFLICT)},
    ),
    # Training: certificates are the owner's; the check page is public and shows only what a certificate says.
    "team/voortgang/": ("get", "/team/voortgang/", managers_of_a(OK, other_manager=OK)),
    "certificaten/": ("get", "/certificaten/", everyone(OK)),
    "certificaten/<slug:code>/pdf/": (
        "get",
        lambda o: f"/certificaten/{o['completion'].certificate_code}/pdf/",
        {"anonymous": FOUND, **dict.fromkeys(ROLES[1:], NOT_FOUND), "staff_a": OK},
    ),
    "certificaat/<slug:code>/": (
        "get",
        lambda o: f"/certificaat/{o['completion'].certificate_code}/",
        everyone(OK, anonymous=OK),
    ),
    # Accounts (allauth)
    "account/login/": ("get", "/account/login/", logged_in_redirects_away()),
    "account/signup/": ("get", "/account/signup/", logged_in_redirects_away()),
    "account/logout/": ("get", "/account/logout/", everyone(OK)),
    "account/inactive/": ("get", "/account/inactive/", everyone(OK, anonymous=OK)),
    "account/reauthenticate/": ("get", "/account/reauthenticate/", everyone(OK)),
    "account/email/": ("get", "/account/email/", everyone(OK)),
    "account/confirm-email/": ("get", "/account/confirm-email/", everyone(OK, anonymous=OK)),
    "account/^confirm-email/(?P<key>[-:\\w]+)/$": (
        "get",
        "/account/confirm-email/onzin-sleutel/",
        everyone(OK, anonymous=OK),
    ),
    "account/password/change/": ("get", "/account/password/change/", everyone(OK)),
    "account/password/set/": ("get", "/account/password/set/", everyone(FOUND)),
    "account/password/reset/": ("get", "/account/password/reset/", everyone(OK, anonymous=OK)),
    "account/password/reset/done/": ("get", "/account/password/reset/done/", everyone(OK, anonymous=OK)),
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "get",
        "/account/password/reset/key/1-onzin/",
        everyone(OK, anonymous=OK),
    ),
    "account/password/reset/key/done/": ("get", "/account/password/reset/key/done/", everyone(OK, anonymous=OK)),
    # Login by code is off: without a pending code everyone is sent back.
    "account/login/code/confirm/": ("get", "/account/login/code/confirm/", everyone(FOUND, anonymous=FOUND)),
    "account/taal/": ("post", "/account/taal/", everyone(FOUND, anonymous=FOUND)),
    # Personal data: everyone logged in reads and downloads their own; deleting the account asks for the password
    # (this POST has none: a 400 that changes nothing).
    "account/gegevens/": ("get", "/account/gegevens/", everyone(OK)),
    "account/gegevens/download/": ("get", "/account/gegevens/download/", everyone(OK)),
    "account/verwijderen/": ("post", "/account/verwijderen/", everyone(BAD_REQUEST)),
    # Sessions (allauth.usersessions): everyone sees their own; ending them is a POST.
    "account/sessions/": ("get", "/account/sessions/", everyone(OK)),
    "account/sessies/overal-uitloggen/": ("post", "/account/sessies/overal-uitloggen/", everyone(FOUND)),
    # Two-factor authentication (allauth.mfa); brand team and administrators have TOTP set up here.
    "account/2fa/": ("get", "/account/2fa/", everyone(OK)),
    # Only reachable half-way through a login; otherwise everyone is sent on.
    "account/2fa/authenticate/": ("get", "/account/2fa/authenticate/", everyone(FOUND, anonymous=FOUND)),
    "account/2fa/reauthenticate/": ("get", "/account/2fa/reauthenticate/", with_mfa_only(OK, without=FOUND)),
    # Changing two-factor settings first asks for the password again (a fresh login in these tests).
    "account/2fa/totp/activate/": ("get", "/account/2fa/totp/activate/", everyone(FOUND)),
    "account/2fa/totp/deactivate/": ("get", "/account/2fa/totp/deactivate/", with_mfa_only(FOUND, without=NOT_FOUND)),
    # No recovery codes were generated for anyone in this fixture.
    "account/2fa/recovery-codes/": ("get", "/account/2fa/recovery-codes/", everyone(NOT_FOUND)),
    "account/2fa/recovery-codes/generate/": ("get", "/account/2fa/recovery-codes/generate/", everyone(FOUND)),
    "account/2fa/recovery-codes/download/": ("get", "/account/2fa/recovery-codes/download/", everyone(NOT_FOUND)),
    # Documents: Wagtail's own URL. One in an open collection is for anyone logged in; a material's file sits in a
    # private collection that only the brand team may open there (partners download through the material views).
    "documents/^(\\d+)/(.*)$": ("get", lambda o: o["document"].url, everyone(OK)),
    "documents/authenticate_with_password/<int:restriction_id>/": (
        "get",
        "/documents/authenticate_with_password/999/",
        everyone(NOT_FOUND),
    ),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        "get",
        "/_util/authenticate_with_password/999/1/",
        everyone(NOT_FOUND),
    ),
    "_util/login/": ("get", "/_util/login/", everyone(FOUND, anonymous=FOUND)),
    # Materials: the material is aimed at partner A's kind; the brand side may download, but has no partner to
    # co-brand or share for.
    "materialen/<int:material_id>/download/": (
        "get",
        lambda o: f"/materialen/{o['material'].pk}/download/",
        {**everyone(OK), **ONLY_A_AND_BRAND},
    ),
    "materialen/<int:material_id>/download/co-branding/": (
        "get",
        lambda o: f"/materialen/{o['material'].pk}/download/co-branding/",
        {**everyone(OK), **ONLY_A_AND_BRAND, "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "materialen/<int:material_id>/delen/": (
        "post",
        lambda o: f"/materialen/{o['material'].pk}/delen/",
        {**everyone(FOUND), **ONLY_A_AND_BRAND, "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "materialen/gedeeld/": (
        "get",
        "/materialen/gedeeld/",
        {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    # Staff A's link: staff A and their manager may revoke it; partner B finds nothing.
    "materialen/gedeeld/<int:pk>/intrekken/": (
        "post",
        lambda o: f"/materialen/gedeeld/{o['share_link'].pk}/intrekken/",
        {**managers_of_a(FOUND, staff=NOT_FOUND), "staff_a": FOUND},
    ),
    # Staff A's own notice; nobody else has it.
    "materialen/meldingen/<int:pk>/verbergen/": (
        "post",
        lambda o: f"/materialen/meldingen/{o['notice'].pk}/verbergen/",
        {"anonymous": FOUND, **dict.fromkeys(ROLES[1:], NOT_FOUND), "staff_a": FOUND},
    ),
    # A share link works for anyone, logged in or not.
    "m/<str:token>/": ("get", lambda o: f"/m/{o['share_link'].token}/", everyone(OK, anonymous=OK)),
    "m/<str:token>/bestand/": ("get", lambda o: f"/m/{o['share_link'].token}/bestand/", everyone(OK, anonymous=OK)),
    # Tools: the calculator's JSON and PDF answer anyone who may see it (400: this POST has none of its inputs).
    "hulpmiddelen/rekenhulp/<int:page_id>/bereken/": (
        "post",
        lambda o: f"/hulpmiddelen/rekenhulp/{o['calculator'].pk}/bereken/",
        {**everyone(BAD_REQUEST), **ONLY_A_AND_BRAND},
    ),
    "hulpmiddelen/rekenhulp/<int:page_id>/pdf/": (
        "post",
        lambda o: f"/hulpmiddelen/rekenhulp/{o['calculator'].pk}/pdf/",
        {**everyone(BAD_REQUEST), **ONLY_A_AND_BRAND},
    ),
    # Checklist runs belong to partner people; this POST has no label, so it is refused with a message.
    "hulpmiddelen/checklist/<int:page_id>/starten/": (
        "post",
        lambda o: f"/hulpmiddelen/checklist/{o['checklist'].pk}/starten/",
        {**everyone(BAD_REQUEST), **ONLY_A_AND_BRAND, "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "hulpmiddelen/rondes/": (
        "get",
        "/hulpmiddelen/rondes/",
        {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    # Staff A's run: only staff A opens it, not even their manager.
    "hulpmiddelen/rondes/<int:pk>/": ("get", lambda o: f"/hulpmiddelen/rondes/{o['run'].pk}/", OWN_RUN),
    "hulpmiddelen/rondes/<int:pk>/afdrukken/": (
        "get",
        lambda o: f"/hulpmiddelen/rondes/{o['run'].pk}/afdrukken/",
        OWN_RUN,
    ),
    "hulpmiddelen/rondes/<int:pk>/verwijderen/": (
        "post",
        lambda o: f"/hulpmiddelen/rondes/{o['run'].pk}/verwijderen/",
        {**OWN_RUN, "staff_a": FOUND},
    ),
    "hulpmiddelen/team/": ("get", "/hulpmiddelen/team/", managers_of_a(OK, other_manager=OK)),
    # Tone of voice: the teksttoets is for partner people and the brand side; API keys are a manager's, per partner.
    "teksttoets/": ("get", "/teksttoets/", everyone(OK)),
    "teksttoets/sleutels/": ("get", "/teksttoets/sleutels/", managers_of_a(OK, other_manager=OK)),
    "teksttoets/sleutels/<int:pk>/intrekken/": (
        "post",
        lambda o: f"/teksttoets/sleutels/{o['api_token'].pk}/intrekken/",
        managers_of_a(FOUND),
    ),
    # The API answers in JSON: anonymous callers get a 401, not the login page; this POST is form data, not JSON.
    "api/voice/check/": ("post", "/api/voice/check/", {**everyone(BAD_REQUEST), "anonymous": UNAUTHORIZED}),
    # Journeys: the customer's feedback link is public; a partner's QR codes are for the step's own partner only,
    # suggestions (this POST has no text: a 400 with a message) for the partners taking part in the step.
    "f/<str:code>/": ("get", lambda o: f"/f/{o['feedback_link'].code}/", everyone(OK, anonymous=OK)),
    "f/<str:code>/bedankt/": ("get", lambda o: f"/f/{o['feedback_link'].code}/bedankt/", everyone(OK, anonymous=OK)),
    "klantreizen/stappen/<int:step_id>/qr.png": (
        "get",
        lambda o: f"/klantreizen/stappen/{o['journey_step'].pk}/qr.png",
        {**everyone(OK), **ONLY_A_AND_BRAND, "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "klantreizen/stappen/<int:step_id>/qr.svg": (
        "get",
        lambda o: f"/klantreizen/stappen/{o['journey_step'].pk}/qr.svg",
        {**everyone(OK), **ONLY_A_AND_BRAND, "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "klantreizen/stappen/<int:step_id>/voorstel/": (
        "post",
        lambda o: f"/klantreizen/stappen/{o['journey_step'].pk}/voorstel/",
        {**everyone(BAD_REQUEST), **ONLY_A_AND_BRAND, "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    # Each partner's own suggestions and NPS; the brand side sees all of it in the admin.
    "klantreizen/voorstellen/": (
        "get",
        "/klantreizen/voorstellen/",
        {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "klantreizen/nps/": ("get", "/klantreizen/nps/", {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN}),
    "klantreizen/nps/export/": (
        "get",
        "/klantreizen/nps/export/",
        {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    # Recognition: each partner's own scorecard; the leaderboard (on in this fixture) shows names and levels only;
    # manager A's notice of a level change is theirs alone. The brand side sees it all in the admin.
    "erkenning/": ("get", "/erkenning/", {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN}),
    "erkenning/ranglijst/": (
        "get",
        "/erkenning/ranglijst/",
        {**everyone(OK), "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    "erkenning/meldingen/<int:pk>/verbergen/": (
        "post",
        lambda o: f"/erkenning/meldingen/{o['level_notice'].pk}/verbergen/",
        {**managers_of_a(FOUND, staff=NOT_FOUND), "brand_team": FORBIDDEN, "admin": FORBIDDEN},
    ),
    # Personal-data requests of staff A, handled by the brand team and administrators (the anonymise GET only
    # asks); partner users meet the admin gate. Accounts with admin access are for administrators alone.
    "admin/accounts/users/<int:pk>/gegevens/": (
        "get",
        lambda o: f"/admin/accounts/users/{o['membership'].user_id}/gegevens/",
        BRAND_SIDE_ONLY,
    ),
    "admin/accounts/users/<int:pk>/anonimiseren/": (
        "get",
        lambda o: f"/admin/accounts/users/{o['membership'].user_id}/anonimiseren/",
        BRAND_SIDE_ONLY,
    ),
    "admin/accounts/persoonsgegevens/": ("get", "/admin/accounts/persoonsgegevens/?q=a", BRAND_SIDE_ONLY),
    # The Wagtail admin: one row per URL is Wagtail's own business; the gate in front of all of it is ours.
    "admin/login/": (
        "get",
        "/admin/login/",
        {"anonymous": FOUND, **dict.fromkeys(ROLES[1:5], FORBIDDEN), "brand_team": FOUND, "admin": FOUND},
    ),
}

# Every admin URL sits behind the same gate (AdminGateMiddleware, then Wagtail's access_admin check);
# this row proves the gate for Wagtail's own admin URLs. Our own admin URLs (below) each have a row.
ADMIN_PREFIX = "admin/"
ADMIN_ROW = ("get", "/admin/", BRAND_SIDE_ONLY)

# Admin URLs this project adds: snippets of partners, word rules and recognition levels, the brand settings, the
# reports, partners' suggestions and the improvements of the month (journeys' model viewsets, at
# admin/journeys/<model>/), and the brand team's scorecard of a partner (admin/recognition/partners/<pk>/).
OWN_ADMIN_PREFIXES = (
    "admin/snippets/partners/",
    "admin/snippets/choose/partners/",
    "admin/snippets/voice/",
    "admin/snippets/choose/voice/",
    "admin/settings/",
    "admin/reports/training/",
    "admin/reports/materials/",
    "admin/reports/tools/",
    "admin/reports/voice/",
    "admin/journeys/",
    "admin/reports/journeys/",
    "admin/reports/recognition/",
    "admin/recognition/",
    "admin/snippets/recognition/",
    "admin/snippets/choose/recognition/",
)
# Brand-side answers that are not a plain 200, found by a part of the route.
OWN_ADMIN_EXCEPTIONS = [
    # The brand team's group (Redactie) deliberately cannot delete: they revoke or deactivate instead.
    (r"/delete/", {"brand_team": FOUND}),
    # Settings without a pk redirect to the current site's settings.
    (r"<slug:model_name>/$", {"brand_team": FOUND, "admin": FOUND}),
    # Settings have no preview.
    (r"/preview/", {"brand_team": NOT_FOUND, "admin": NOT_FOUND}),
]


def own_admin_route(route):
    return route.startswith(OWN_ADMIN_PREFIXES)


def own_admin_path(route):
    """A concrete path for one of our admin routes, pointing at a fixture object of the right model."""

    def build(objects):
        snippet = re.match(
            r"admin/(?:snippets/(?:choose/)?(?:partners|voice|recognition)|journeys|recognition)/(\w+)/", route
        )
        model = snippet[1] if snippet else "brandsettings"
        path = route.replace("<slug:app_name>/<slug:model_name>", "brand/brandsettings")
        pk = objects["admin_objects"][model].pk
        return "/" + re.sub(r"<(int|str):pk>", str(pk), path)

    return build


def all_routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def needs_a_row(route):
    return not route.startswith(ADMIN_PREFIX) or own_admin_route(route)


def test_every_url_has_a_row():
    covered = set(MATRIX) | {row[0] for row in own_admin_rows()}
    missing = [route for route in all_routes() if needs_a_row(route) and route not in covered]
    assert missing == [], f"URLs without a row in the permission matrix: {missing}"


def own_admin_rows():
    rows = []
    for route in all_routes():
        if own_admin_route(route):
            expected = dict(BRAND_SIDE_ONLY)
            for pattern, statuses in OWN_ADMIN_EXCEPTIONS:
                if re.search(pattern, route):
                    expected.update(statuses)
            rows.append((route, "get", own_admin_path(route), expected))
    return rows


def test_no_row_for_a_url_that_is_gone():
    routes = set(all_routes())
    assert [route for route in MATRIX if route not in routes] == []


# Routes inside pages (Wagtail's serve view and routable pages): one row each, like a URL of their own.
# The module is aimed at partner A's kind, so partner B's people do not find it.
PAGE_ROUTES = {
    "academy": ("get", lambda o: o["academy"].url, everyone(OK)),
    "module overview": ("get", lambda o: o["module"].url, {**everyone(OK), **ONLY_A_AND_BRAND}),
    "module lesson": ("get", lambda o: o["module"].url + "les/1/", {**everyone(OK), **ONLY_A_AND_BRAND}),
    "module lesson read": ("post", lambda o: o["module"].url + "les/1/", {**everyone(FOUND), **ONLY_A_AND_BRAND}),
    "module quiz": ("get", lambda o: o["module"].url + "toets/", {**everyone(OK), **ONLY_A_AND_BRAND}),
    # A submission without a valid token is refused with a message, never scored.
    "module quiz submit": (
        "post",
        lambda o: o["module"].url + "toets/",
        {**everyone(HTTPStatus.BAD_REQUEST), **ONLY_A_AND_BRAND},
    ),
    # Only staff A's own attempt; everyone else finds nothing.
    "library": ("get", lambda o: o["library"].url, everyone(OK)),
    "material": ("get", lambda o: o["material"].url, {**everyone(OK), **ONLY_A_AND_BRAND}),
    # Wagtail's document URL for a material's file (a private collection): only the brand side opens it there.
    "material file at Wagtail's document URL": ("get", lambda o: o["material"].document.url, BRAND_SIDE_ONLY),
    "tools": ("get", lambda o: o["tools"].url, everyone(OK)),
    "calculator": ("get", lambda o: o["calculator"].url, {**everyone(OK), **ONLY_A_AND_BRAND}),
    # The plain form post without JavaScript; this POST has none of the inputs, so every field says so.
    "calculator post": ("post", lambda o: o["calculator"].url, {**everyone(BAD_REQUEST), **ONLY_A_AND_BRAND}),
    "checklist": ("get", lambda o: o["checklist"].url, {**everyone(OK), **ONLY_A_AND_BRAND}),
    "module result": (
        "get",
        lambda o: o["module"].url + f"resultaat/{o['completion'].attempt_id}/",
        {"anonymous": FOUND, **dict.fromkeys(ROLES[1:], NOT_FOUND), "staff_a": OK},
    ),
    # The writing guide is for every partner.
    "voice guide": ("get", lambda o: o["guide"].url, everyone(OK)),
    # Journeys: the index for everyone; this journey is aimed at partner A's kind.
    "journeys": ("get", lambda o: o["journey"].get_parent().url, everyone(OK)),
    "journey": ("get", lambda o: o["journey"].url, {**everyone(OK), **ONLY_A_AND_BRAND}),
}

# Every site setting shares Wagtail's settings routes; the admin rows open the brand settings, these our others.
OWN_SETTINGS = {
    "address settings": (
        "get",
        lambda o: f"/admin/settings/voice/addresssettings/{o['admin_objects']['brandsettings'].pk}/",
        BRAND_SIDE_ONLY,
    ),
    "recognition settings": (
        "get",
        lambda o: f"/admin/settings/recognition/recognitionsettings/{RecognitionSettings.load().pk}/",
        BRAND_SIDE_ONLY,
    ),
    "recognition settings without a pk": (
        "get",
        "/admin/settings/recognition/recognitionsettings/",
        {**BRAND_SIDE_ONLY, "brand_team": FOUND, "admin": FOUND},
    ),
    "address settings of the current site": (
        "get",
        "/admin/settings/voice/addresssettings/",
        {**BRAND_SIDE_ONLY, "brand_team": FOUND, "admin": FOUND},
    ),
}


@pytest.fixture
def objects(home_page, partner_a, staff_a, manager_a):
    document = get_document_model().objects.create(
        title="Folder", file=ContentFile(b"%PDF-1.4 demo", name="folder.pdf")
    )
    academy = training_factories.academy(home_page)
    module = training_factories.module(academy, "Belofte", audiences=partner_a.kinds.all())
    attempt = Attempt.objects.create(
        user=staff_a, module=module, token=uuid.uuid4(), score=100, pass_mark=80, passed=True
    )
    completion = Completion.objects.create(user=staff_a, module=module, attempt=attempt, partner=partner_a, score=100)
    invitation = InvitationFactory(partner=partner_a, email="nieuw@partner-a.example")
    membership = Membership.objects.get(user=staff_a)
    library = materials_factories.library(home_page)
    material = materials_factories.material(library, "Folder", audiences=partner_a.kinds.all(), co_brandable=True)
    share_link = ShareLink.objects.create(material=material, partner=partner_a, created_by=staff_a)
    notice = OutdatedNotice.objects.create(user=staff_a, version=current_version(material), reason="new_version")
    tools = tools_factories.tool_index(home_page)
    calculator = tools_factories.calculator(
        tools,
        "Premie",
        inputs=[tools_factories.number("bedrag", "Bedrag", default=100)],
        calculations=[tools_factories.output("premie", "Premie", "bedrag * 0.05")],
        audiences=partner_a.kinds.all(),
    )
    checklist = tools_factories.checklist(
        tools,
        "Intake",
        sections=[tools_factories.section("Start", [("Polis bekeken", True)])],
        audiences=partner_a.kinds.all(),
    )
    run = ChecklistRun.objects.create(checklist=checklist, user=staff_a, partner=partner_a, label="Intake dinsdag")
    guide = voice_factories.guide(
        home_page,
        body=[
            voice_factories.example("Heeft u vragen? Bel ons.", "Heeft u vragen? Bel je adviseur."),
            voice_factories.word_list(),
        ],
    )
    api_token, _key = ApiToken.issue(partner_a, manager_a, "CRM")
    journey = journeys_factories.journey(
        journeys_factories.journey_index(home_page),
        "Schade",
        steps=[journeys_factories.step("Melden"), journeys_factories.step("Herstel", owner=partner_a.kinds.first())],
        audiences=partner_a.kinds.all(),
    )
    journey_step = journey.steps.get(name="Herstel")
    feedback_link = links_for(partner_a, [journey_step])[journey_step.pk]
    recognition_settings = RecognitionSettings.load()
    recognition_settings.show_leaderboard = True
    recognition_settings.save()
    level_change = LevelChange.objects.create(partner=partner_a, previous_name="Goud", level_name="Zilver")
    level_notice = LevelNotice.objects.create(user=manager_a, change=level_change)
    return {
        "level_notice": level_notice,
        "journey": journey,
        "journey_step": journey_step,
        "feedback_link": feedback_link,
        "guide": guide,
        "api_token": api_token,
        "tools": tools,
        "calculator": calculator,
        "checklist": checklist,
        "run": run,
        "library": library,
        "material": material,
        "share_link": share_link,
        "notice": notice,
        "academy": academy,
        "module": module,
        "completion": completion,
        "invitation": invitation,
        "membership": membership,
        "document": document,
        "admin_objects": {
            "partner": partner_a,
            "partnerkind": partner_a.kinds.first(),
            "membership": membership,
            "invitation": InvitationFactory(partner=partner_a, email="ander@partner-a.example"),
            "wordrule": voice_factories.word_rule("per omgaande", "meteen"),
            "suggestion": journeys_factories.suggestion(journey_step, partner_a, author=staff_a),
            "improvementaction": journeys_factories.action(journey_step),
            "recognitionlevel": RecognitionLevel.objects.get(name="Brons"),  # made by a migration
            "partners": partner_a,  # the brand team's scorecard of a partner
            # Site settings are edited per site: the pk in their URL is the site's.
            "brandsettings": BrandSettings.objects.get().site,
        },
    }


ROWS = (
    [(route, *row) for route, row in MATRIX.items()]
    + [(f"page: {name}", *row) for name, row in PAGE_ROUTES.items()]
    + [(f"settings: {name}", *row) for name, row in OWN_SETTINGS.items()]
    + [("admin/", *ADMIN_ROW), *own_admin_rows()]
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("route", "method", "url", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_status_by_role(client, people, login_with_mfa, objects, role, route, method, url, expected):
    user = people(role)
    if role in ("brand_team", "admin"):
        login_with_mfa(client, user)
    elif user is not None:
        client.force_login(user)
    path = url(objects) if callable(url) else url
    data = {"email": "collega@partner-a.example", "role": "staff", "language": "en"} if method == "post" else None
    response = getattr(client, method)(path, data)
    assert response.status_code == expected[role], f"{method.upper()} {path} as {role}"
