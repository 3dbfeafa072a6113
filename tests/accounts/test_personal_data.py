"""Personal data (AVG/GDPR): a person's export holds all of theirs and nothing of anyone else; erasure anonymises
all at once or not at all, and the reports of the past count the same afterwards."""

import json
import uuid
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import personal_data
from journeys import factories as journeys_factories
from materials import factories as materials_factories
from materials.models import Download, LibraryVisit, OutdatedNotice, ShareLink
from materials.versions import current_version
from partners.factories import InvitationFactory
from partners.models import Invitation, Membership
from recognition.models import LevelChange, LevelNotice
from tests.training.helpers import record_completion
from tools import factories as tools_factories
from tools.checklists import start_run
from tools.models import ChecklistRun, ToolUse
from training import factories as training_factories
from training.models import Attempt, Completion, LessonProgress, Reminder
from voice.models import ApiToken, TextCheck

User = get_user_model()
PASSWORD = "Partnerportaal-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # as the with_mfa fixture stores it


@pytest.fixture
def pages(home_page, partner_a, partner_b):
    everyone = [*partner_a.kinds.all(), *partner_b.kinds.all()]
    module = training_factories.module(
        training_factories.academy(home_page), "Belofte", audiences=everyone, validity_months=12
    )
    material = materials_factories.material(materials_factories.library(home_page), "Folder", version_label="2026")
    tools = tools_factories.tool_index(home_page)
    checklist = tools_factories.checklist(
        tools, "Intake", sections=[tools_factories.section("Start", [("Polis bekeken", True), ("Wensen", False)])]
    )
    journey = journeys_factories.journey(
        journeys_factories.journey_index(home_page), "Schade", steps=[journeys_factories.step("Melden")]
    )
    return {"module": module, "material": material, "checklist": checklist, "step": journey.steps.get()}


def history(person, partner, pages, tag):
    """One of everything a person leaves behind, marked with `tag` so another person's export can be searched."""
    module, material, checklist = pages["module"], pages["material"], pages["checklist"]
    questions = [block.id for block in module.quiz]
    Attempt.objects.create(
        user=person,
        module=module,
        token=uuid.uuid4(),
        answers={question: ["x"] for question in questions},
        correct_questions=questions[:1],
        score=50,
        pass_mark=80,
        passed=False,
    )
    completion = record_completion(person, module, partner=partner)
    LessonProgress.objects.get_or_create(user=person, module=module, lesson_id=module.lesson_ids()[0])
    Reminder.objects.get_or_create(user=person, module=module, kind=Reminder.Kind.MISSING, period="2026-01")
    version = current_version(material)
    Download.objects.create(user=person, partner=partner, material=material, version=version)
    ShareLink.objects.create(material=material, partner=partner, created_by=person)
    OutdatedNotice.objects.get_or_create(user=person, version=version, reason=OutdatedNotice.Reason.NEW_VERSION)
    LibraryVisit.objects.update_or_create(user=person, defaults={"seen_at": timezone.now()})
    run = start_run(checklist, person, partner, f"Intake {tag}")
    run.answers = {checklist.items()[0].id: {"done": True, "note": f"Notitie {tag}"}}
    run.save()
    ToolUse.objects.create(tool=checklist, kind=ToolUse.Kind.CALCULATION, partner=partner, user=person)
    TextCheck.objects.create(
        user=person, partner=partner, via=TextCheck.Via.PAGE, detected="u", words=12, errors=1, warnings=0
    )
    ApiToken.issue(partner, person, f"CRM {tag}")
    journeys_factories.suggestion(pages["step"], partner, author=person, problem=f"Probleem {tag}")
    change = LevelChange.objects.create(partner=partner, previous_name="Brons", level_name="Zilver")
    LevelNotice.objects.create(user=person, change=change)
    return completion


@pytest.fixture
def people_with_history(pages, partner_a, partner_b, staff_a, manager_a, staff_b, with_mfa):
    with_mfa(staff_a)
    InvitationFactory(partner=partner_b, email=staff_a.email)  # invited elsewhere, still open
    InvitationFactory(partner=partner_a, email="nieuweling@partner-a.example", invited_by=staff_a)
    # Manager A's notice names the colleagues who held the old version.
    OutdatedNotice.objects.create(
        user=manager_a,
        version=current_version(pages["material"]),
        reason=OutdatedNotice.Reason.NEW_VERSION,
        team_holders=f"{staff_a.get_full_name()}, Iemand Anders",
    )
    return {
        "certificate_a": history(staff_a, partner_a, pages, "van A").certificate_code,
        "certificate_b": history(staff_b, partner_b, pages, "van B").certificate_code,
    }


@pytest.fixture
def client_factory():
    """Another browser: each gets a session of its own."""
    return Client


def items(export, key):
    return export["sections"][key]["items"]


def without_time(export):
    return {key: value for key, value in export.items() if key != "generated_at"}


# Export


def test_export_holds_every_section_of_the_person(staff_a, people_with_history):
    export = personal_data.export(staff_a)
    assert export["schema_version"] == personal_data.SCHEMA_VERSION
    profile = export["profile"]
    assert profile["email"] == staff_a.email
    assert profile["first_name"] == staff_a.first_name
    assert profile["mfa"] == ["totp"]
    assert profile["email_addresses"] == [{"email": staff_a.email, "verified": True, "primary": True}]
    assert [(m["partner"], m["role"], m["ended_at"]) for m in items(export, "memberships")] == [
        ("Partner A", "staff", None)
    ]
    assert {(i["direction"], i["partner"], i["status"]) for i in items(export, "invitations")} == {
        ("received", "Partner B", "pending"),
        ("sent", "Partner A", "pending"),
    }
    (completion,) = items(export, "completions")
    assert completion["certificate_code"] == people_with_history["certificate_a"]
    assert completion["module"] == "Belofte" and completion["status"] == "valid"
    certificate = Completion.objects.get(certificate_code=completion["certificate_code"])
    assert completion["valid_until"] == personal_data.iso(certificate.effective_valid_until()) is not None
    assert sorted((a["score"], a["passed"]) for a in items(export, "quiz_attempts")) == [(50, False), (90, True)]
    assert [p["lesson"] for p in items(export, "lesson_progress")] == ["Les 1"]
    assert [r["period"] for r in items(export, "training_reminders")] == ["2026-01"]
    (download,) = items(export, "downloads")
    assert (download["material"], download["version"], download["partner"]) == ("Folder", "2026", "Partner A")
    assert len(items(export, "share_links")) == 1
    assert [n["reason"] for n in items(export, "material_notices")] == ["new_version"]
    assert items(export, "library_visit")["seen_at"]
    (run,) = items(export, "checklist_runs")
    assert run["label"] == "Intake van A"
    assert run["answers"] == [{"item": "Polis bekeken", "done": True, "note": "Notitie van A"}]
    assert sorted(use["kind"] for use in items(export, "tool_uses")) == ["calculation", "checklist_started"]
    assert [(c["words"], c["errors"]) for c in items(export, "text_checks")] == [(12, 1)]
    assert [k["name"] for k in items(export, "api_keys")] == ["CRM van A"]
    assert [s["problem"] for s in items(export, "suggestions")] == ["Probleem van A"]
    assert [n["level"] for n in items(export, "level_notices")] == ["Zilver"]


def test_export_holds_nobody_elses_data_and_no_secrets(staff_a, staff_b, people_with_history):
    text = json.dumps(personal_data.export(staff_a), ensure_ascii=False)
    for other in [staff_b.email, staff_b.get_full_name(), "van B", "Iemand Anders"]:
        assert other not in text
    assert people_with_history["certificate_b"] not in text
    assert "nieuweling@partner-a.example" not in text  # the invitee's address is theirs, not staff A's
    assert TOTP_SECRET not in text
    assert not any(token.key_hash in text for token in ApiToken.objects.all())


def test_dates_are_iso_8601(staff_a, people_with_history):
    export = personal_data.export(staff_a)
    moment = items(export, "downloads")[0]["downloaded_at"]
    assert timezone.datetime.fromisoformat(moment).tzinfo is not None
    assert timezone.datetime.fromisoformat(export["generated_at"])


def test_export_reads_the_same_number_of_queries_however_much_history(
    staff_a, partner_a, pages, people_with_history, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as once:
        personal_data.export(staff_a)
    for number in range(4):
        history(staff_a, partner_a, pages, f"extra {number}")
    with django_assert_max_num_queries(len(once.captured_queries)):
        personal_data.export(staff_a)


def test_download_is_a_json_attachment_that_is_not_kept(client, staff_a, people_with_history):
    client.force_login(staff_a)
    response = client.get("/account/gegevens/download/")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="mijn-gegevens-{timezone.localdate().isoformat()}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == staff_a.email
    assert items(data, "completions")[0]["certificate_code"] == people_with_history["certificate_a"]


def test_data_page_explains_and_links_without_javascript(client, staff_a, home_page):
    client.force_login(staff_a)
    page = client.get("/account/gegevens/").content.decode()
    assert "Mijn gegevens downloaden (JSON)" in page
    assert 'href="/account/gegevens/download/"' in page
    assert 'href="/account/verwijderen/"' in page
    assert "Checklistrondes" in page  # every registered section is named
    assert "<script" not in page
    # Reachable from the other account pages.
    assert 'href="/account/gegevens/"' in client.get("/account/email/").content.decode()


# Anonymising


def sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user.pk)]


def test_anonymise_erases_what_identifies_and_keeps_the_history(
    client_factory, staff_a, staff_b, manager_a, partner_b, people_with_history
):
    old_name = staff_a.get_full_name()
    staff_a.groups.create(name="Iets")
    client_factory().force_login(staff_a)
    client_factory().force_login(staff_b)
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        UserSession.objects.create(user=staff_a, session_key=sessions_of(staff_a)[0].session_key, ip="127.0.0.1")
    counts = {model: model.objects.count() for model in (Completion, Attempt, Download, ToolUse, TextCheck)}

    personal_data.anonymise(staff_a)

    person = User.objects.get(pk=staff_a.pk)
    assert person.email == f"verwijderd-{person.pk}@anoniem.invalid"
    assert person.is_anonymised and str(person) == "Verwijderde gebruiker"
    assert (person.first_name, person.last_name) == ("Verwijderde gebruiker", "")
    assert not person.has_usable_password() and not person.check_password(PASSWORD)
    assert not (person.is_active or person.is_staff or person.is_superuser)
    assert not person.groups.exists()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert sessions_of(person) == [] and len(sessions_of(staff_b)) == 1
    if apps.is_installed("allauth.usersessions"):
        assert not UserSession.objects.filter(user=person).exists()
    # Team pages drop them; the past stays with the partner it was made for.
    assert not Membership.objects.current().filter(user=person).exists()
    assert Membership.objects.filter(user=person).exists()
    assert not Invitation.objects.pending().filter(partner=partner_b).exists()
    assert not Invitation.objects.filter(email=staff_a.email).exists()
    # Free text goes: runs (their counts stay), notices, the name in a manager's notice.
    assert not ChecklistRun.objects.filter(user=person).exists()
    assert ToolUse.objects.filter(user=person, kind=ToolUse.Kind.CHECKLIST_STARTED, run=None).exists()
    assert not OutdatedNotice.objects.filter(user=person).exists()
    assert not LibraryVisit.objects.filter(user=person).exists()
    assert not LevelNotice.objects.filter(user=person).exists()
    assert OutdatedNotice.objects.get(user=manager_a).team_holders == "Verwijderde gebruiker, Iemand Anders"
    assert old_name not in json.dumps(personal_data.export(person))
    assert {model: model.objects.count() for model in counts} == counts
    assert ChecklistRun.objects.filter(user=staff_b).exists()  # nobody else's


def test_reports_count_the_same_before_and_after(
    client, admin_user, login_with_mfa, staff_a, partner_a, people_with_history
):
    login_with_mfa(client, admin_user)

    def reports():
        def csv(url, **params):
            return b"".join(client.get(url, {"export": "csv", **params}).streaming_content).decode()

        completions = csv("/admin/reports/training/completions/", partner=partner_a.pk)
        return {
            "pass rate per question": csv("/admin/reports/training/questions/"),
            "downloads per material and partner": csv("/admin/reports/materials/downloads/"),
            "tool use": csv("/admin/reports/tools/usage/"),
            "teksttoets use": csv("/admin/reports/voice/usage/"),
            "completions of partner A": len(completions.strip().splitlines()),
            "completions counted": Completion.objects.filter(partner=partner_a).count(),
        }

    before = reports()
    assert "Belofte" in before["pass rate per question"] and before["completions of partner A"] == 2
    personal_data.anonymise(staff_a)
    assert reports() == before


def test_certificate_check_shows_a_deleted_person(client, staff_a, people_with_history):
    name = staff_a.get_full_name()
    personal_data.anonymise(staff_a)
    page = client.get(f"/certificaat/{people_with_history['certificate_a']}/").content.decode()
    assert "Verwijderde gebruiker" in page
    assert name not in page


def test_a_failing_section_changes_nothing(monkeypatch, client, staff_a, people_with_history):
    client.force_login(staff_a)
    before = without_time(personal_data.export(staff_a))
    sessions = len(sessions_of(staff_a))

    def fail(user):
        raise RuntimeError("stuk")

    # Last in line, so every other section has erased its part by then.
    last = personal_data.Section("kapot", "Kapot", lambda user: [], fail, order=10_000)
    monkeypatch.setitem(personal_data._sections, "kapot", last)
    with pytest.raises(RuntimeError):
        personal_data.anonymise(staff_a)

    monkeypatch.delitem(personal_data._sections, "kapot")
    person = User.objects.get(pk=staff_a.pk)
    assert without_time(personal_data.export(person)) == before
    assert person.is_active and person.check_password(PASSWORD)
    assert len(sessions_of(person)) == sessions == 1


# The account page


def delete(client, **data):
    return client.post("/account/verwijderen/", {"password": PASSWORD, "confirm": "on", **data})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "fout-wachtwoord"}, "Dit wachtwoord klopt niet. Er is niets verwijderd."),
        ({"confirm": ""}, "Vink aan dat je je account wilt verwijderen."),
    ],
)
def test_wrong_input_changes_nothing(client, staff_a, people_with_history, data, message):
    client.force_login(staff_a)
    before = without_time(personal_data.export(staff_a))
    response = delete(client, **data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert without_time(personal_data.export(User.objects.get(pk=staff_a.pk))) == before
    assert client.get("/account/gegevens/").status_code == HTTPStatus.OK  # still logged in


def test_password_guesses_are_rate_limited(client, staff_a, home_page):
    client.force_login(staff_a)
    statuses = [delete(client, password="fout").status_code for _ in range(12)]
    assert HTTPStatus.TOO_MANY_REQUESTS in statuses
    assert User.objects.get(pk=staff_a.pk).is_active


def test_deleting_the_account_anonymises_and_logs_out(client, staff_a, people_with_history):
    client.force_login(staff_a)
    assert "Account definitief verwijderen" in client.get("/account/verwijderen/").content.decode()
    response = delete(client)
    assert response.status_code == HTTPStatus.OK
    assert "Je account is verwijderd en je bent uitgelogd." in response.content.decode()
    assert User.objects.get(pk=staff_a.pk).is_anonymised
    assert client.get("/account/gegevens/").status_code == HTTPStatus.FOUND  # to the login page
    login = client.post("/account/login/", {"login": staff_a.email, "password": PASSWORD})
    assert login.status_code != HTTPStatus.FOUND  # the old address and password lead nowhere


def test_the_last_superuser_is_refused(client, admin_user, home_page):
    client.force_login(admin_user)
    message = "Dit is het enige actieve superuser-account."
    assert message in client.get("/account/verwijderen/").content.decode()
    response = delete(client)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.is_superuser and not admin_user.is_anonymised


def test_a_superuser_may_go_when_another_remains(admin_user, home_page):
    User.objects.create_superuser("tweede@merk.example", "Een-lang-wachtwoord-1")
    assert personal_data.anonymise(admin_user).is_anonymised


# The admin's actions


def log_entries(person, action):
    return ModelLogEntry.objects.filter(object_id=str(person.pk), action=action)


def test_admin_exports_a_persons_data_and_it_is_logged(
    client, admin_user, login_with_mfa, staff_a, people_with_history
):
    login_with_mfa(client, admin_user)
    response = client.get(f"/admin/accounts/users/{staff_a.pk}/gegevens/")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["profile"]["email"] == staff_a.email
    (entry,) = log_entries(staff_a, "accounts.export_personal_data")
    assert entry.user == admin_user


def test_admin_anonymises_after_confirming_and_it_is_logged(
    client, admin_user, login_with_mfa, staff_a, people_with_history
):
    login_with_mfa(client, admin_user)
    url = f"/admin/accounts/users/{staff_a.pk}/anonimiseren/"
    assert "Ja, anonimiseren" in client.get(url).content.decode()
    assert User.objects.get(pk=staff_a.pk).is_active  # asking changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain[0] == ("/admin/accounts/persoonsgegevens/", HTTPStatus.FOUND)
    assert "is geanonimiseerd" in response.content.decode()
    assert User.objects.get(pk=staff_a.pk).is_anonymised
    (entry,) = log_entries(staff_a, "accounts.anonymise")
    assert entry.user == admin_user and entry.label == "Verwijderde gebruiker"
    assert "Geanonimiseerd" in client.get(f"/admin/users/history/{staff_a.pk}/").content.decode()


def test_user_listing_offers_both_actions(client, admin_user, login_with_mfa, staff_a, home_page):
    login_with_mfa(client, admin_user)
    page = client.get("/admin/users/").content.decode()
    assert f"/admin/accounts/users/{staff_a.pk}/gegevens/" in page
    assert f"/admin/accounts/users/{staff_a.pk}/anonimiseren/" in page
    assert f"/admin/accounts/users/{admin_user.pk}/anonimiseren/" not in page  # not oneself, here


def test_brand_team_finds_a_partner_user_and_handles_the_request(
    client, brand_team, login_with_mfa, staff_a, people_with_history
):
    login_with_mfa(client, brand_team)
    found = client.get("/admin/accounts/persoonsgegevens/", {"q": staff_a.email.upper()}).content.decode()
    assert f"/admin/accounts/users/{staff_a.pk}/gegevens/" in found

    export = client.get(f"/admin/accounts/users/{staff_a.pk}/gegevens/")
    assert json.loads(export.content)["profile"]["email"] == staff_a.email
    response = client.post(f"/admin/accounts/users/{staff_a.pk}/anonimiseren/")

    assert response["Location"] == "/admin/accounts/persoonsgegevens/"
    assert User.objects.get(pk=staff_a.pk).is_anonymised
    assert [entry.user for entry in ModelLogEntry.objects.filter(object_id=str(staff_a.pk))] == [brand_team] * 2


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", ["gegevens", "anonimiseren"])
def test_brand_team_may_not_handle_accounts_with_admin_access(
    client, brand_team, login_with_mfa, admin_user, home_page, method, action
):
    login_with_mfa(client, brand_team)

    response = getattr(client, method)(f"/admin/accounts/users/{admin_user.pk}/{action}/")

    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert User.objects.get(pk=admin_user.pk).is_active
    assert not ModelLogEntry.objects.filter(object_id=str(admin_user.pk), action__startswith="accounts.").exists()
    found = client.get("/admin/accounts/persoonsgegevens/", {"q": admin_user.email}).content.decode()
    assert "Niemand gevonden" in found


@pytest.mark.parametrize("action", ["gegevens", "anonimiseren"])
def test_admin_staff_without_the_permission_are_sent_away(client, login_with_mfa, staff_a, people_with_history, action):
    editor = User.objects.create_user("schrijver@merk.example", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_with_mfa(client, editor)

    response = client.post(f"/admin/accounts/users/{staff_a.pk}/{action}/")

    # Wagtail turns the refusal into a message on the admin's home page.
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert User.objects.get(pk=staff_a.pk).is_active


def test_admin_cannot_anonymise_themselves_here(client, admin_user, login_with_mfa, home_page):
    User.objects.create_superuser("tweede@merk.example", "Een-lang-wachtwoord-1")
    login_with_mfa(client, admin_user)
    response = client.post(f"/admin/accounts/users/{admin_user.pk}/anonimiseren/")
    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.get(pk=admin_user.pk).is_active


def test_brand_team_may_not_handle_a_colleague_with_admin_access_through_the_group_only(
    client, brand_team, login_with_mfa, home_page
):
    """Wagtail's own user forms give admin access by group and never set is_staff."""
    colleague = User.objects.create_user("collega@merk.example", first_name="Collega")
    colleague.groups.add(*brand_team.groups.all())
    login_with_mfa(client, brand_team)

    export = client.get(f"/admin/accounts/users/{colleague.pk}/gegevens/")
    anonymise = client.post(f"/admin/accounts/users/{colleague.pk}/anonimiseren/")
    found = client.get("/admin/accounts/persoonsgegevens/", {"q": "collega"}).content.decode()

    assert (export.status_code, anonymise.status_code) == (HTTPStatus.FOUND, HTTPStatus.FOUND)
    assert export["Location"] == anonymise["Location"] == "/admin/"
    assert User.objects.get(pk=colleague.pk).is_active
    assert "Niemand gevonden" in found


def test_an_address_someone_added_but_never_proved_is_not_theirs(staff_a, partner_b, home_page):
    """Anyone may add a stranger's address as a pending change; it must not reveal or revoke their invitations."""
    invitation = InvitationFactory(partner=partner_b, email="nieuw@partner-b.example")
    EmailAddress.objects.create(user=staff_a, email="nieuw@partner-b.example", verified=False, primary=False)

    invitations = personal_data.export(staff_a)["sections"]["invitations"]["items"]
    personal_data.anonymise(staff_a)

    assert "nieuw@partner-b.example" not in json.dumps(invitations)
    invitation.refresh_from_db()
    assert invitation.email == "nieuw@partner-b.example" and invitation.revoked_at is None


def test_the_admin_history_of_memberships_and_invitations_loses_the_name_and_address(
    staff_a, partner_a, admin_user, home_page
):
    membership = Membership.objects.get(user=staff_a)
    invitation = InvitationFactory(partner=partner_a, email=staff_a.email)
    for instance in (membership, invitation):
        ModelLogEntry.objects.log_action(instance, "wagtail.edit", user=admin_user)
    name, email = staff_a.get_full_name(), staff_a.email

    personal_data.anonymise(staff_a)

    labels = " ".join(ModelLogEntry.objects.values_list("label", flat=True))
    assert name not in labels and email not in labels
    assert "Verwijderde gebruiker – " in labels
