"""Accessibility: axe-core over every page type that partner people and their customers see, with demo content."""

import io
import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from brand.models import BrandSettings
from journeys.feedback import links_for
from journeys.models import JourneyPage, JourneyStep
from materials.models import MaterialIndexPage, MaterialPage, ShareLink
from partners.factories import InvitationFactory
from partners.models import Membership, Partner
from tests.browser.pages import log_in
from tests.browser.test_materials import totp_code
from tools.models import CalculatorPage, ChecklistPage, ChecklistRun, ToolIndexPage
from training.models import Attempt, Completion, TrainingIndexPage, TrainingModulePage
from voice.models import VoiceGuidePage

PASSWORD = "Partnerportaal-2026"  # accounts.demo.DEMO_PASSWORD
DOMAIN = "vandijk-assurantien.example"  # the demo's Van Dijk Assurantiën, an intermediary
STAFF_EMAIL = f"mehmet@{DOMAIN}"
MANAGER_EMAIL = f"sanne@{DOMAIN}"
MFA_EMAIL = f"lotte@{DOMAIN}"  # staff who chose to set up an authenticator app
INACTIVE_EMAIL = "bram@oudenco.example"  # the manager of the demo's deactivated partner
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA; serious and critical are the impacts that keep someone from using a page.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Each page at a phone's width (320 px, where WCAG asks content to reflow) and then at a laptop's, where it stays.
VIEWPORTS = (("320 px", {"width": 320, "height": 720}), ("1280 px", {"width": 1280, "height": 720}))
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(results => results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(node => node.target.join(' ')),
    })))"""
MIXED_TEXT = (
    "Beste mevrouw Jansen,\n\nHeeft u vragen over uw polis? Bel je adviseur gerust. "
    "Wij verzoeken u het formulier te retourneren."
)


@pytest.fixture(scope="session")
def axe_script():
    """axe-core from npm; without it the audit would check nothing, so say how to get it."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"The accessibility tests need axe-core at {AXE_SCRIPT}, which is missing. "
            "Run `make browser` (it runs `npm ci` from package-lock.json).",
            pytrace=False,
        )
    return AXE_SCRIPT


class Audit:
    """Runs axe on each page it is shown and keeps every blocking violation, so one failure lists them all."""

    def __init__(self, script):
        self.script = script
        self.checked = []
        self.failures = []

    def check(self, page, name):
        page.add_script_tag(path=self.script)
        self.checked.append(name)
        for width, viewport in VIEWPORTS:
            page.set_viewport_size(viewport)
            for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                if violation["impact"] in BLOCKING:
                    targets = "".join(f"\n    {target}" for target in violation["targets"])
                    self.failures.append(
                        f"{name} at {width} ({page.url}): {violation['id']} [{violation['impact']}] "
                        f"{violation['help']}{targets}"
                    )

    def visit(self, page, name, path, status=HTTPStatus.OK):
        """Open a page, make sure it is that page (not a redirect, not an error by mistake), and check it."""
        response = page.goto(path)
        assert response.status == status, f"{name}: {path} answered {response.status}, not {status}"
        assert page.url.endswith(path), f"{name}: {path} led to {page.url}"
        self.check(page, name)

    def report(self):
        found = "\n".join(self.failures)
        return f"{len(self.failures)} serious or critical violations on {len(self.checked)} pages:\n{found}"


@pytest.fixture
def demo(portal):
    """The demo the brand team shows: partners with history, modules, materials, tools, journeys and levels."""
    BrandSettings.objects.all().delete()  # the demo brand, with its support email and phone, takes its place
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return portal


def fresh_page(new_context, base_url):
    """A page in its own browser context; bypass_csp lets axe in under the portal's Content-Security-Policy."""
    return new_context(base_url=base_url, bypass_csp=True, viewport=VIEWPORTS[-1][1]).new_page()


def audit_entrance(audit, page):
    """Logging in, signing up (also by invitation) and getting a new password, with the errors people meet."""
    audit.visit(page, "login", "/account/login/")
    page.locator("input[name=login]").fill(STAFF_EMAIL)
    page.locator("input[name=password]").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.locator("[aria-invalid=true], .errorlist, [role=status]").first).to_be_visible()
    audit.check(page, "login, wrong password")
    audit.visit(page, "signup", "/account/signup/")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    audit.check(page, "signup, empty form")
    invitation = InvitationFactory(partner=Partner.objects.get(slug="van-dijk-assurantien"), email=f"nieuw@{DOMAIN}")
    page.goto(f"/uitnodiging/{invitation.token}/")
    expect(page).to_have_url(re.compile("/account/signup/$"))
    audit.check(page, "signup by invitation")
    audit.visit(page, "invitation, unknown link", "/uitnodiging/onbekend/", HTTPStatus.NOT_FOUND)
    audit.visit(page, "password reset", "/account/password/reset/")
    page.locator("input[name=email]").fill(STAFF_EMAIL)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/account/password/reset/done/$"))
    audit.check(page, "password reset, email sent")
    audit.visit(page, "password reset, bad link", "/account/password/reset/key/1-onzin/")
    audit.visit(page, "email confirmation sent", "/account/confirm-email/")


def audit_customer_pages(audit, page):
    """What a partner hands a customer: the certificate check, a shared material and the feedback form."""
    completion = Completion.objects.order_by("-completed_at").first()
    audit.visit(page, "certificate check", f"/certificaat/{completion.certificate_code}/")
    audit.visit(page, "certificate check, unknown code", "/certificaat/onbekend/", HTTPStatus.NOT_FOUND)
    share = ShareLink.objects.get()
    audit.visit(page, "shared material", f"/m/{share.token}/")
    revoked = ShareLink.objects.create(
        material=share.material, partner=share.partner, created_by=share.created_by, revoked_at=timezone.now()
    )
    audit.visit(page, "shared material, link revoked", f"/m/{revoked.token}/", HTTPStatus.GONE)

    partner = Partner.objects.get(slug="van-dijk-assurantien")
    step = JourneyStep.objects.filter(owner__partners=partner, journey__slug="autoschade").first()
    link = links_for(partner, [step])[step.pk]
    audit.visit(page, "customer feedback form", f"/f/{link.code}/")
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check(page, "customer feedback form, no score")
    page.get_by_role("radio", name="8", exact=True).check()
    page.get_by_label(re.compile("score toelichten")).fill("Snel geholpen, fijn.")
    page.get_by_role("button", name="Verstuur").click()
    expect(page).to_have_url(re.compile(f"/f/{link.code}/bedankt/$"))
    audit.check(page, "customer feedback, thanks")
    audit.visit(page, "customer feedback, unknown link", "/f/onbekend/", HTTPStatus.NOT_FOUND)


def audit_second_step(audit, page, base_url, with_mfa):
    """A partner who set up an authenticator app: the code at login, and the two-step page once it is on."""
    with_mfa(get_user_model().objects.get(email=MFA_EMAIL))
    log_in(page, base_url, MFA_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{base_url}/account/2fa/authenticate/")
    audit.check(page, "login, authenticator code")
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    audit.check(page, "login, wrong authenticator code")
    page.get_by_role("textbox", name="Code").fill(totp_code())
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page).to_have_url(f"{base_url}/")
    audit.visit(page, "account: two-step verification, on", "/account/2fa/")


def choose(page, module, *, correct):
    """Tick, for every question, a choice that is right (or wrong): the quiz shuffles choices on each attempt."""
    for question in module.quiz:
        choice = next(c for c in question.value["choices"].bound_blocks if c.value["correct"] == correct)
        page.locator(f'input[value="{choice.id}"]').check()


def audit_training(audit, page):
    academy = TrainingIndexPage.objects.get()
    promise = TrainingModulePage.objects.get(slug="onze-belofte")
    audit.visit(page, "academy", academy.url)
    audit.visit(page, "module overview", promise.url)
    audit.visit(page, "lesson", f"{promise.url}les/1/")
    audit.visit(page, "quiz", f"{promise.url}toets/")
    page.get_by_role("button", name="Toets inleveren").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check(page, "quiz, not every question answered")
    choose(page, promise, correct=False)
    page.get_by_role("button", name="Toets inleveren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nog niet geslaagd")
    audit.check(page, "quiz result, failed")
    TrainingModulePage.objects.filter(pk=promise.pk).update(attempts_per_day=1)
    audit.visit(page, "quiz, no attempts left today", f"{promise.url}toets/", HTTPStatus.TOO_MANY_REQUESTS)
    passed = Attempt.objects.filter(user__email=STAFF_EMAIL, passed=True).select_related("module").first()
    audit.visit(page, "quiz result, passed", f"{passed.module.url}resultaat/{passed.pk}/")
    audit.visit(page, "my certificates", "/certificaten/")


def audit_materials(audit, page):
    library = MaterialIndexPage.objects.get().url
    audit.visit(page, "materials library", library)
    audit.visit(page, "materials library, nothing found", f"{library}?q=onvindbaar&format=onzin")
    audit.visit(page, "material", MaterialPage.objects.get(slug="folder-woonverzekering").url)
    replaced = MaterialPage.objects.get(slug="folder-inboedelverzekering-2025")
    audit.visit(page, "material, replaced", replaced.url)
    audit.visit(page, "material, download refused", f"/materialen/{replaced.pk}/download/", HTTPStatus.GONE)
    audit.visit(page, "my shared links", "/materialen/gedeeld/")


def audit_tools(audit, page):
    audit.visit(page, "tools", ToolIndexPage.objects.get().url)
    audit.visit(page, "calculator", CalculatorPage.objects.get(slug="premie-woonverzekering").url)
    rebuild_value = page.get_by_label("Herbouwwaarde van het huis", exact=True)
    rebuild_value.fill("437.000")
    expect(page.locator("#calculator-results dd").first).to_be_visible()
    audit.check(page, "calculator, with an outcome")
    rebuild_value.fill("drie ton")
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    audit.check(page, "calculator, with an error")
    audit.visit(page, "checklist", ChecklistPage.objects.get(slug="intakegesprek-woonverzekering").url)
    run = ChecklistRun.objects.filter(user__email=STAFF_EMAIL, completed_at=None).get()
    audit.visit(page, "checklist run", f"/hulpmiddelen/rondes/{run.pk}/")
    audit.visit(page, "checklist run, to print", f"/hulpmiddelen/rondes/{run.pk}/afdrukken/")
    audit.visit(page, "my checklist runs", "/hulpmiddelen/rondes/")


def audit_voice(audit, page):
    audit.visit(page, "writing guide", VoiceGuidePage.objects.get().url)
    audit.visit(page, "teksttoets", "/teksttoets/")
    page.get_by_role("button", name="Toets de tekst").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check(page, "teksttoets, no text")
    page.get_by_label("Tekst", exact=True).fill(MIXED_TEXT)
    page.get_by_role("button", name="Toets de tekst").click()
    expect(page.get_by_role("region", name="Uitkomst")).to_be_visible()
    audit.check(page, "teksttoets, with findings")


def audit_journeys(audit, page):
    journey = JourneyPage.objects.live().get(slug="autoschade")
    audit.visit(page, "journeys", journey.get_parent().url)
    audit.visit(page, "journey", journey.url)
    for summary in page.locator("details summary").all():
        summary.click()
    audit.check(page, "journey, feedback link and suggestion form open")
    page.get_by_role("button", name="Verstuur voorstel").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit.check(page, "journey, suggestion without text")
    audit.visit(page, "journey suggestions", "/klantreizen/voorstellen/")
    audit.visit(page, "customer feedback (NPS)", "/klantreizen/nps/")


def audit_account(audit, page):
    """The account pages a partner uses; changing the two-step settings asks for the password first."""
    audit.visit(page, "account: email", "/account/email/")
    audit.visit(page, "account: password", "/account/password/change/")
    audit.visit(page, "account: two-step verification", "/account/2fa/")
    audit.visit(page, "account: sessions", "/account/sessions/")
    page.goto("/account/2fa/totp/activate/")
    expect(page).to_have_url(re.compile("/account/reauthenticate/"))
    audit.check(page, "account: confirm password")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/account/2fa/totp/activate/$"))
    audit.check(page, "account: activate authenticator app")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    audit.check(page, "account: activate authenticator app, no code")
    audit.visit(page, "account: log out", "/account/logout/")


def audit_staff_pages(audit, page, base_url):
    """Everything partner staff use day to day, in the states their work leaves it in."""
    log_in(page, base_url, STAFF_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{base_url}/")
    audit.check(page, "dashboard (staff)")
    audit_training(audit, page)
    audit_materials(audit, page)
    audit_tools(audit, page)
    audit_voice(audit, page)
    audit_journeys(audit, page)
    audit.visit(page, "recognition scorecard (staff)", "/erkenning/")
    audit.visit(page, "recognition leaderboard", "/erkenning/ranglijst/")
    audit.visit(page, "content page", "/samenwerken/")
    audit_account(audit, page)
    audit.visit(page, "403 (a manager's page)", "/team/", HTTPStatus.FORBIDDEN)
    audit.visit(page, "404", "/bestaat-niet/", HTTPStatus.NOT_FOUND)
    page.goto("/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    audit.check(page, "dashboard in English")


def audit_manager_pages(audit, page, base_url):
    """What a partner's manager sees besides: the team, its progress, invitations and the API keys."""
    log_in(page, base_url, MANAGER_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{base_url}/")
    audit.check(page, "dashboard (manager)")
    manager = Membership.objects.select_related("partner", "user").get(user__email=MANAGER_EMAIL)
    InvitationFactory(partner=manager.partner, email=f"collega@{DOMAIN}", invited_by=manager.user)
    audit.visit(page, "team, with an open invitation", "/team/")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator("[aria-invalid=true], [role=alert]").first).to_be_visible()
    audit.check(page, "team, invitation without an address")
    colleague = Membership.objects.get(user__email=STAFF_EMAIL)
    audit.visit(page, "team, remove a member", f"/team/leden/{colleague.pk}/verwijderen/")
    elsewhere = InvitationFactory(partner=Partner.objects.get(slug="de-boer-advies"), email=MANAGER_EMAIL)
    audit.visit(page, "invitation to another partner", f"/uitnodiging/{elsewhere.token}/")
    audit.visit(page, "team progress", "/team/voortgang/")
    audit.visit(page, "team's tools", "/hulpmiddelen/team/")
    audit.visit(page, "API keys", "/teksttoets/sleutels/")
    audit.visit(page, "recognition scorecard (manager)", "/erkenning/")


def test_partner_facing_pages_have_no_serious_accessibility_violations(
    demo, axe_script, new_context, with_mfa, settings
):
    """Visitors, customers, staff and managers on every page type: no serious or critical WCAG 2.1 A/AA violation."""
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed at the end of its 30 seconds still counts
    audit = Audit(axe_script)
    visitor = fresh_page(new_context, demo)
    audit_entrance(audit, visitor)
    audit_customer_pages(audit, visitor)
    audit_second_step(audit, fresh_page(new_context, demo), demo, with_mfa)
    audit_staff_pages(audit, fresh_page(new_context, demo), demo)
    audit_manager_pages(audit, fresh_page(new_context, demo), demo)
    inactive = fresh_page(new_context, demo)
    log_in(inactive, demo, INACTIVE_EMAIL, PASSWORD)
    audit.check(inactive, "dashboard of a deactivated partner")
    if audit.failures:
        pytest.fail(audit.report(), pytrace=False)
