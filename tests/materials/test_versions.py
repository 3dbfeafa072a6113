"""Versions of a material and the notices (dashboard and one email) for those holding an outdated one."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import timezone

from accounts.factories import UserFactory
from materials import factories
from materials.models import Download, MaterialPage, MaterialVersion, OutdatedNotice
from materials.tasks import send_outdated_notice_email
from materials.versions import current_version
from partners.factories import MembershipFactory
from partners.models import Role


@pytest.fixture
def versions_library(home_page):
    return factories.library(home_page)


@pytest.fixture
def folder(versions_library):
    return factories.material(versions_library, "Folder", version_label="1")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def download(user, material):
    response = logged_in(user).get(f"/materialen/{material.pk}/download/")
    assert response.status_code == HTTPStatus.OK
    b"".join(response.streaming_content)
    return response


def publish(capture, material, **changes):
    with capture(execute=True):
        return factories.publish_changes(material, **changes)


def notices_by_user(**filters):
    return {notice.user: notice for notice in OutdatedNotice.objects.filter(**filters).select_related("user")}


def mails_to(mailoutbox, user):
    return [mail for mail in mailoutbox if mail.to == [user.email]]


def full_name(user):
    return f"{user.first_name} {user.last_name}"


# ---------------------------------------------------------------------------
# Recording versions
# ---------------------------------------------------------------------------


def test_first_publish_records_a_version(folder):
    version = MaterialVersion.objects.get(material=folder)

    assert version.label == "1"
    assert version.document_id == folder.document_id
    assert version.file_hash == folder.document.file_hash and version.file_hash
    assert version.is_current
    assert current_version(folder) == version


def test_unpublished_material_has_no_version(versions_library):
    draft = factories.material(versions_library, "Concept", publish=False)

    assert not MaterialVersion.objects.filter(material=draft).exists()


def test_republishing_the_same_file_and_label_records_nothing(folder):
    factories.publish_changes(folder, summary="Andere samenvatting.")
    factories.publish_changes(folder)

    assert MaterialVersion.objects.filter(material=folder).count() == 1
    assert MaterialVersion.objects.get(material=folder).is_current


@pytest.mark.parametrize(
    "change",
    [
        lambda: {"version_label": "2"},
        lambda: {"document": factories.document("Folder nieuw", factories.pdf_bytes("Folder nieuw"))},
    ],
    ids=["label", "document"],
)
def test_new_label_or_document_supersedes_the_old_version(folder, change):
    old = current_version(folder)

    folder = factories.publish_changes(folder, **change())

    old.refresh_from_db()
    new = current_version(folder)
    assert new != old
    assert old.superseded_at is not None and not old.is_current
    assert new.superseded_at is None and new.is_current
    assert (new.label, new.document_id) == (folder.version_label, folder.document_id)
    assert MaterialVersion.objects.filter(material=folder, superseded_at__isnull=True).count() == 1


def test_downloads_record_the_version_they_got(folder, staff_a, partner_a):
    download(staff_a, folder)
    folder = factories.publish_changes(folder, version_label="2")
    download(staff_a, folder)

    assert list(Download.objects.order_by("downloaded_at").values_list("version__label", "partner")) == [
        ("1", partner_a.pk),
        ("2", partner_a.pk),
    ]


# ---------------------------------------------------------------------------
# Notices and emails for a new version
# ---------------------------------------------------------------------------


def test_new_version_notifies_downloaders_and_their_managers_once(
    folder, staff_a, manager_a, manager_b, staff_b, partner_a, django_capture_on_commit_callbacks, mailoutbox
):
    colleague = MembershipFactory(user=UserFactory(email="collega@partner-a.example"), partner=partner_a).user
    old = current_version(folder)
    download(staff_a, folder)
    download(staff_a, folder)

    folder = publish(django_capture_on_commit_callbacks, folder, version_label="2")

    notices = notices_by_user()
    assert set(notices) == {staff_a, manager_a}
    mine, managers = notices[staff_a], notices[manager_a]
    assert (mine.version, mine.reason, mine.downloaded_myself) == (old, "new_version", True)
    assert (managers.version, managers.reason, managers.downloaded_myself) == (old, "new_version", False)
    assert managers.team_holders == full_name(staff_a)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([staff_a.email, manager_a.email])
    for mail in mailoutbox:
        assert mail.subject == 'Nieuwe versie van "Folder"'
    assert 'Je hebt versie 1 van "Folder" gedownload. Er is een nieuwe versie.' in mails_to(mailoutbox, staff_a)[0].body
    manager_body = mails_to(mailoutbox, manager_a)[0].body
    assert f'In je team is versie 1 van "Folder" gedownload door {full_name(staff_a)}. Er is een nieuwe versie.' in (
        manager_body
    )
    assert "http://testserver" + folder.url in manager_body
    assert OutdatedNotice.objects.filter(emailed_at__isnull=True).count() == 0
    assert not mails_to(mailoutbox, manager_b) and not mails_to(mailoutbox, staff_b)
    assert not mails_to(mailoutbox, colleague)

    # Publishing again, with or without another new version, tells nobody a second time.
    publish(django_capture_on_commit_callbacks, folder, summary="Nieuwe tekst.")
    publish(django_capture_on_commit_callbacks, folder, version_label="3")
    assert len(mailoutbox) == 2
    assert OutdatedNotice.objects.count() == 2


def test_only_holders_of_an_outdated_version_hear_of_it(
    folder, staff_a, manager_a, staff_b, manager_b, django_capture_on_commit_callbacks, mailoutbox
):
    download(staff_b, folder)
    folder = publish(django_capture_on_commit_callbacks, folder, version_label="2")
    assert set(notices_by_user()) == {staff_b, manager_b}
    mailoutbox.clear()

    # staff_a fetched version 2, which is current: nothing to tell.
    download(staff_a, folder)
    publish(django_capture_on_commit_callbacks, folder, summary="Alleen de tekst.")

    assert set(notices_by_user()) == {staff_b, manager_b}
    assert mailoutbox == []


def test_manager_who_downloaded_gets_one_notice_naming_the_team_but_not_themselves(
    folder, staff_a, manager_a, django_capture_on_commit_callbacks, mailoutbox
):
    download(manager_a, folder)
    download(staff_a, folder)

    publish(django_capture_on_commit_callbacks, folder, version_label="2")

    notice = OutdatedNotice.objects.get(user=manager_a)
    assert notice.downloaded_myself
    assert notice.team_holders == full_name(staff_a)
    assert full_name(manager_a) not in notice.team_holders
    assert len(mails_to(mailoutbox, manager_a)) == 1
    body = mails_to(mailoutbox, manager_a)[0].body
    assert f"In je team hadden ook: {full_name(staff_a)}." in body
    assert OutdatedNotice.objects.get(user=staff_a).team_holders == ""


def test_manager_notice_names_every_holder_in_the_team(
    folder, staff_a, manager_a, partner_a, django_capture_on_commit_callbacks
):
    second = MembershipFactory(
        user=UserFactory(email="tweede@partner-a.example", first_name="Zara", last_name="Zonneveld"),
        partner=partner_a,
        role=Role.STAFF,
    ).user
    download(staff_a, folder)
    download(second, folder)

    publish(django_capture_on_commit_callbacks, folder, version_label="2")

    assert OutdatedNotice.objects.get(user=manager_a).team_holders == ", ".join(
        sorted([full_name(staff_a), "Zara Zonneveld"])
    )


def test_former_manager_hears_nothing(folder, staff_a, manager_a, django_capture_on_commit_callbacks, mailoutbox):
    download(staff_a, folder)
    manager_a.memberships.update(ended_at=timezone.now())

    publish(django_capture_on_commit_callbacks, folder, version_label="2")

    assert set(notices_by_user()) == {staff_a}
    assert [mail.to for mail in mailoutbox] == [[staff_a.email]]


def test_email_task_sends_once_and_not_to_inactive_people(folder, staff_a, manager_a, mailoutbox):
    download(staff_a, folder)
    factories.publish_changes(folder, version_label="2")  # outside a captured commit: no emails yet
    assert mailoutbox == []
    staff_notice = OutdatedNotice.objects.get(user=staff_a)
    manager_notice = OutdatedNotice.objects.get(user=manager_a)
    manager_a.is_active = False
    manager_a.save()

    send_outdated_notice_email.call(staff_notice.pk)
    send_outdated_notice_email.call(staff_notice.pk)
    send_outdated_notice_email.call(manager_notice.pk)

    assert [mail.to for mail in mailoutbox] == [[staff_a.email]]


def test_email_is_in_dutch_by_default(folder, staff_a, django_capture_on_commit_callbacks, mailoutbox):
    staff_a.language = "nl"
    staff_a.save()
    download(staff_a, folder)

    publish(django_capture_on_commit_callbacks, folder, withdrawal_reason="Verkeerde tarieven")

    (mail,) = mails_to(mailoutbox, staff_a)
    assert mail.subject == '"Folder" is ingetrokken'
    assert mail.body.startswith(f"Hallo {staff_a.first_name},")
    assert "Geef deze versie niet meer aan klanten" in mail.body


def test_email_is_in_each_persons_language(folder, staff_a, manager_a, django_capture_on_commit_callbacks, mailoutbox):
    staff_a.language = "en"
    staff_a.save()
    download(staff_a, folder)

    publish(django_capture_on_commit_callbacks, folder, version_label="2")

    (english,) = mails_to(mailoutbox, staff_a)
    assert english.subject == 'New version of "Folder"'
    assert english.body.startswith(f"Hello {staff_a.first_name},")
    assert 'You downloaded version 1 of "Folder". There is a new version.' in english.body
    assert "From now on, use the new version" in english.body
    (dutch,) = mails_to(mailoutbox, manager_a)
    assert dutch.subject == 'Nieuwe versie van "Folder"'
    assert dutch.body.startswith(f"Hallo {manager_a.first_name},")


# ---------------------------------------------------------------------------
# Withdrawing and replacing
# ---------------------------------------------------------------------------


def test_withdrawing_notifies_holders_of_any_version(
    folder, staff_a, manager_a, staff_b, manager_b, partner_a, django_capture_on_commit_callbacks, mailoutbox
):
    old = current_version(folder)
    folder = factories.publish_changes(folder, version_label="2")
    current = current_version(folder)
    # staff_a still holds version 1 (fetched just before version 2 went live); staff_b has version 2.
    Download.objects.create(user=staff_a, partner=partner_a, material=folder, version=old)
    download(staff_b, folder)

    folder = publish(django_capture_on_commit_callbacks, folder, withdrawal_reason="Verkeerde tarieven")

    notices = notices_by_user()
    assert set(notices) == {staff_a, manager_a, staff_b, manager_b}
    assert {user: (notice.version, notice.reason) for user, notice in notices.items()} == {
        staff_a: (old, "withdrawn"),
        manager_a: (old, "withdrawn"),
        staff_b: (current, "withdrawn"),
        manager_b: (current, "withdrawn"),
    }
    current.refresh_from_db()
    assert current.withdrawn_at is not None
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [staff_a.email, manager_a.email, staff_b.email, manager_b.email]
    )
    assert {mail.subject for mail in mailoutbox} == {'"Folder" is ingetrokken'}
    assert 'Je hebt versie 2 van "Folder" gedownload. Dit materiaal is ingetrokken.' in (
        mails_to(mailoutbox, staff_b)[0].body
    )

    # Withdrawn means no more downloads, and publishing it again while withdrawn tells nobody twice.
    assert logged_in(staff_a).get(f"/materialen/{folder.pk}/download/").status_code == HTTPStatus.GONE
    publish(django_capture_on_commit_callbacks, folder, summary="Nog steeds ingetrokken.")
    assert len(mailoutbox) == 4


def test_replacing_notifies_holders_and_points_to_the_replacement(
    versions_library, folder, staff_a, manager_a, django_capture_on_commit_callbacks, mailoutbox
):
    successor = factories.material(versions_library, "Folder 2026")
    download(staff_a, folder)

    folder = publish(django_capture_on_commit_callbacks, folder, replaced_by=successor)

    assert set(notices_by_user()) == {staff_a, manager_a}
    assert {notice.reason for notice in OutdatedNotice.objects.all()} == {"withdrawn"}
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert mail.subject == '"Folder" is ingetrokken'
        assert "Het nieuwe materiaal: http://testserver" + successor.url in mail.body
    assert logged_in(staff_a).get(f"/materialen/{folder.pk}/download/").status_code == HTTPStatus.GONE


def test_nobody_downloaded_nobody_hears(folder, staff_a, manager_a, django_capture_on_commit_callbacks, mailoutbox):
    publish(django_capture_on_commit_callbacks, folder, version_label="2")
    publish(django_capture_on_commit_callbacks, folder, withdrawal_reason="Weg ermee")

    assert OutdatedNotice.objects.count() == 0
    assert mailoutbox == []


def test_withdrawn_material_put_back_downloads_again(folder, staff_a, django_capture_on_commit_callbacks):
    version = current_version(folder)
    folder = publish(django_capture_on_commit_callbacks, folder, withdrawal_reason="Even niet")
    version.refresh_from_db()
    assert version.withdrawn_at is not None
    assert logged_in(staff_a).get(f"/materialen/{folder.pk}/download/").status_code == HTTPStatus.GONE

    folder = publish(django_capture_on_commit_callbacks, folder, withdrawal_reason="")

    version.refresh_from_db()
    assert version.withdrawn_at is None and version.is_current
    assert current_version(folder) == version
    download(staff_a, folder)
    assert Download.objects.get().version == version


# ---------------------------------------------------------------------------
# Notices on the dashboard
# ---------------------------------------------------------------------------


@pytest.fixture
def outdated(folder, staff_a, manager_a, django_capture_on_commit_callbacks):
    download(staff_a, folder)
    publish(django_capture_on_commit_callbacks, folder, version_label="2")
    return OutdatedNotice.objects.get(user=staff_a)


def dashboard(client):
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_notice_shows_on_the_dashboard(outdated, staff_a, manager_a):
    page = dashboard(logged_in(staff_a))

    assert 'Je hebt versie 1 van "Folder" gedownload. Er is een nieuwe versie.' in page
    assert f'action="/materialen/meldingen/{outdated.pk}/verbergen/"' in page
    manager_page = dashboard(logged_in(manager_a))
    assert f'In je team is versie 1 van "Folder" gedownload door {full_name(staff_a)}.' in manager_page


def test_dismissing_hides_the_notice(outdated, staff_a):
    client = logged_in(staff_a)

    response = client.post(f"/materialen/meldingen/{outdated.pk}/verbergen/")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/"
    outdated.refresh_from_db()
    assert outdated.dismissed_at is not None
    assert "Je hebt versie 1" not in dashboard(client)


def test_dismissing_someone_elses_notice_is_not_found(outdated, manager_a, staff_b):
    for user in (manager_a, staff_b):
        response = logged_in(user).post(f"/materialen/meldingen/{outdated.pk}/verbergen/")
        assert response.status_code == HTTPStatus.NOT_FOUND
    outdated.refresh_from_db()
    assert outdated.dismissed_at is None


def test_dismissing_by_get_is_refused(outdated, staff_a):
    response = logged_in(staff_a).get(f"/materialen/meldingen/{outdated.pk}/verbergen/")

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    outdated.refresh_from_db()
    assert outdated.dismissed_at is None


def test_notice_of_a_replaced_material_links_to_the_replacement(
    versions_library, folder, staff_a, django_capture_on_commit_callbacks
):
    successor = factories.material(versions_library, "Folder 2026")
    download(staff_a, folder)
    publish(django_capture_on_commit_callbacks, folder, replaced_by=successor)

    page = dashboard(logged_in(staff_a))

    assert 'Je hebt versie 1 van "Folder" gedownload. Dit materiaal is ingetrokken.' in page
    assert f'href="{successor.url}">Naar Folder 2026</a>' in page


def test_previewing_a_draft_with_a_new_file_records_no_version_and_tells_nobody(
    rf, home_page, brand_team, staff_a, mailoutbox, django_capture_on_commit_callbacks
):
    library = factories.library(home_page)
    material = factories.material(library, "Folder concept")
    Download.objects.create(user=staff_a, material=material, version=material.versions.get())
    draft = MaterialPage.objects.get(pk=material.pk)
    draft.document = factories.document("Folder concept 2")
    draft.version_label = "2"
    draft.save_revision()
    preview = MaterialPage.objects.get(pk=material.pk).get_latest_revision_as_object()
    request = rf.get(material.url)
    request.user = brand_team

    with django_capture_on_commit_callbacks(execute=True):
        context = preview.get_context(request)  # what Wagtail's preview renders

    assert context["version"].label == "1"
    assert MaterialVersion.objects.filter(material=material).count() == 1
    assert not OutdatedNotice.objects.exists()
    assert mailoutbox == []
