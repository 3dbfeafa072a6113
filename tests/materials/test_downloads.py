"""Downloads: streamed after the checks and recorded; files never at a public URL; the upload limits of the admin."""

from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.utils import timezone

from accounts.factories import UserFactory
from materials import factories
from materials.models import Download, PrivateDocument
from materials.storage import private_storage
from materials.versions import current_version

NO_PARTNER = "Je account hoort (nog) niet bij een partner"
PARTNER_INACTIVE = "Je organisatie is niet meer actief"
TOO_LARGE = "Dit bestand is te groot"
EXTENSION_REFUSED = "Bestandsextensie ‘exe’ is niet toegestaan."


def download_url(material_or_id):
    return f"/materialen/{getattr(material_or_id, 'pk', material_or_id)}/download/"


def body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def folder(library):
    return factories.material(library, "Reisfolder", version_label="2026-1")


def document_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


# ---------------------------------------------------------------------------
# Downloading
# ---------------------------------------------------------------------------


def test_download_streams_the_file_and_records_it(staff_client, folder, staff_a, partner_a):
    response = staff_client.get(download_url(folder))

    assert response.status_code == HTTPStatus.OK
    assert isinstance(response, FileResponse)
    assert response.streaming
    assert body(response) == document_bytes(folder.document)
    assert response["Content-Disposition"] == 'attachment; filename="reisfolder-2026-1.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    download = Download.objects.get()
    assert (download.user, download.partner, download.material, download.version) == (
        staff_a,
        partner_a,
        folder,
        current_version(folder),
    )
    assert download.version.label == "2026-1"
    assert download.cobranded is False


def test_each_download_is_recorded(staff_client, folder):
    for _ in range(3):
        body(staff_client.get(download_url(folder)))

    assert Download.objects.filter(material=folder).count() == 3


def test_download_of_a_material_for_my_kind(staff_client, library, partner_a, staff_a):
    material = factories.material(library, "Voor tussenpersonen", audiences=partner_a.kinds.all())

    response = staff_client.get(download_url(material))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == document_bytes(material.document)
    assert Download.objects.get().user == staff_a


def test_another_audiences_material_does_not_exist_for_me(staff_client, library, partner_b):
    material = factories.material(library, "Voor koeriers", audiences=partner_b.kinds.all())

    response = staff_client.get(download_url(material))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not Download.objects.exists()


def test_an_unknown_material_is_not_found(staff_client, folder):
    assert staff_client.get(download_url(folder.pk + 1000)).status_code == HTTPStatus.NOT_FOUND
    assert not Download.objects.exists()


def test_an_unpublished_material_is_not_found(staff_client, library):
    draft = factories.material(library, "Concept", publish=False)

    assert staff_client.get(download_url(draft)).status_code == HTTPStatus.NOT_FOUND
    assert not Download.objects.exists()


def test_a_page_that_is_not_a_material_is_not_found(staff_client, library):
    assert staff_client.get(download_url(library)).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("withdrawn", "Dit materiaal is ingetrokken en niet meer te downloaden."),
        ("replaced", "Dit materiaal is ingetrokken en niet meer te downloaden."),
        ("expired", "Dit materiaal was geldig tot en met"),
        ("not_yet", "Dit materiaal is te downloaden vanaf"),
    ],
)
def test_an_unavailable_material_is_gone(staff_client, library, state, message):
    today = timezone.localdate()
    fields = {
        "withdrawn": {"withdrawal_reason": "De tarieven kloppen niet meer."},
        "replaced": {"replaced_by": factories.material(library, "Nieuwe folder")},
        "expired": {"valid_until": today - timedelta(days=1)},
        "not_yet": {"valid_from": today + timedelta(days=1)},
    }[state]
    material = factories.material(library, "Oude folder", **fields)

    response = staff_client.get(download_url(material))

    assert response.status_code == HTTPStatus.GONE
    assert not isinstance(response, FileResponse)
    assert message in response.content.decode()
    assert not Download.objects.exists()


def test_a_material_valid_until_today_can_still_be_downloaded(staff_client, library):
    material = factories.material(library, "Folder", valid_until=timezone.localdate())

    assert staff_client.get(download_url(material)).status_code == HTTPStatus.OK
    assert Download.objects.count() == 1


def test_the_brand_team_may_download_any_material(client, login_with_mfa, brand_team, library, partner_b):
    material = factories.material(library, "Voor koeriers", audiences=partner_b.kinds.all())
    login_with_mfa(client, brand_team)

    response = client.get(download_url(material))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == document_bytes(material.document)
    download = Download.objects.get()
    assert (download.user, download.partner, download.version) == (brand_team, None, current_version(material))


def test_a_user_without_partner_may_not_download(client, folder):
    client.force_login(UserFactory(email="los@elders.example"))

    response = client.get(download_url(folder))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert NO_PARTNER in response.content.decode()
    assert not Download.objects.exists()


def test_a_deactivated_partners_user_may_not_download(staff_client, folder, partner_a):
    partner_a.is_active = False
    partner_a.save()

    response = staff_client.get(download_url(folder))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert PARTNER_INACTIVE in response.content.decode()
    assert not Download.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, folder):
    response = client.get(download_url(folder))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/account/login/")
    assert not Download.objects.exists()


def test_download_is_only_for_get(staff_client, folder):
    assert staff_client.post(download_url(folder)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not Download.objects.exists()


def test_a_missing_file_is_not_found_and_not_recorded(staff_client, folder):
    private_storage.delete(folder.document.file.name)

    assert staff_client.get(download_url(folder)).status_code == HTTPStatus.NOT_FOUND
    assert not Download.objects.exists()


# ---------------------------------------------------------------------------
# Never at a public URL
# ---------------------------------------------------------------------------


def test_a_material_file_is_stored_privately_not_in_media_root(settings, folder, private_root):
    name = folder.document.file.name

    assert (private_root / name).exists()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()


def test_a_material_file_has_no_media_url(staff_client, settings, folder):
    response = staff_client.get(settings.MEDIA_URL + folder.document.file.name)

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("staff_a", HTTPStatus.FORBIDDEN),
        ("manager_b", HTTPStatus.FORBIDDEN),
        ("brand_team", HTTPStatus.OK),
        ("admin", HTTPStatus.OK),
    ],
)
def test_wagtails_document_url_is_only_for_the_brand_side(client, people, folder, role, expected):
    client.force_login(people(role))

    response = client.get(folder.document.url)

    assert response.status_code == expected
    if expected == HTTPStatus.OK:
        assert body(response) == document_bytes(folder.document)
    assert not Download.objects.exists()


def test_wagtails_document_url_sends_an_anonymous_visitor_to_the_login_page(client, folder):
    response = client.get(folder.document.url)

    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response["Location"]


# ---------------------------------------------------------------------------
# Uploads in the admin
# ---------------------------------------------------------------------------


@pytest.fixture
def brand_client(client, login_with_mfa, brand_team):
    return login_with_mfa(client, brand_team)


def upload(client, name, content, collection):
    return client.post(
        "/admin/documents/add/",
        {"title": "Nieuwe folder", "file": SimpleUploadedFile(name, content), "collection": collection.pk, "tags": ""},
    )


def test_the_brand_team_uploads_a_document_into_the_private_storage(brand_client, settings, private_root):
    collection = factories.private_collection()

    response = upload(brand_client, "nieuwe-folder.pdf", factories.pdf_bytes("Nieuwe folder"), collection)

    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    document = PrivateDocument.objects.get()
    assert document.collection == collection
    assert (private_root / document.file.name).exists()
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()


def test_a_too_large_upload_is_refused_with_a_message(brand_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024

    response = upload(brand_client, "groot.pdf", b"%PDF-1.4\n" + b"0" * 2048, factories.private_collection())

    assert response.status_code == HTTPStatus.OK
    assert TOO_LARGE in response.content.decode()
    assert not PrivateDocument.objects.exists()


def test_an_upload_with_a_disallowed_extension_is_refused_with_a_message(brand_client):
    response = upload(brand_client, "virus.exe", b"MZ" + b"0" * 100, factories.private_collection())

    assert response.status_code == HTTPStatus.OK
    assert EXTENSION_REFUSED in response.content.decode()
    assert not PrivateDocument.objects.exists()
