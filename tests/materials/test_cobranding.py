"""Co-branded downloads: the partner's details on every page, one kept copy per version and partner."""

import io
from http import HTTPStatus
from unittest import mock

import pytest
from pypdf import PdfReader, PdfWriter

from materials import cobranding, factories
from materials.cobranding import StampError
from materials.models import CobrandedFile, Download
from materials.storage import private_storage
from materials.versions import current_version
from partners.factories import PartnerFactory

PHONE = "030 123 45 67"
WEBSITE = "https://www.partner-a.example/"
WEBSITE_SHOWN = "www.partner-a.example"


@pytest.fixture
def cobranding_library(home_page):
    return factories.library(home_page)


@pytest.fixture
def cobranding_partner(partner_a):
    partner_a.phone = PHONE
    partner_a.website = WEBSITE
    partner_a.save()
    return partner_a


@pytest.fixture
def folder(cobranding_library, cobranding_partner):
    doc = factories.document("Folder", factories.pdf_bytes("Folder", pages=3))
    return factories.material(cobranding_library, "Folder", doc=doc, co_brandable=True)


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


def cobrand_url(material):
    return f"/materialen/{material.pk}/download/co-branding/"


def download_url(material):
    return f"/materialen/{material.pk}/download/"


def content_of(response):
    return b"".join(response.streaming_content)


def page_texts(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(factories.pdf_bytes("Geheim"))))
    writer.encrypt("geheim")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# ---------------------------------------------------------------------------
# The co-branded download
# ---------------------------------------------------------------------------


def test_cobranded_download_has_partner_details_on_every_page(staff_client, folder, staff_a, cobranding_partner):
    response = staff_client.get(cobrand_url(folder))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert "partner-a" in response["Content-Disposition"]
    texts = page_texts(content_of(response))
    assert len(texts) == 3
    for number, text in enumerate(texts, start=1):
        assert "Partner A" in text, f"page {number}"
        assert PHONE in text, f"page {number}"
        assert WEBSITE_SHOWN in text, f"page {number}"
        assert f"{number}/3" in text, f"page {number} lost its own content"
    download = Download.objects.get()
    assert (download.user, download.partner, download.cobranded) == (staff_a, cobranding_partner, True)
    assert download.version == current_version(folder)


def test_stamped_copy_is_made_once_per_version_and_partner(staff_client, folder):
    first = content_of(staff_client.get(cobrand_url(folder)))
    with mock.patch("materials.cobranding.stamp", side_effect=AssertionError("stamped again")) as stamp:
        response = staff_client.get(cobrand_url(folder))
        second = content_of(response)

    assert response.status_code == HTTPStatus.OK
    stamp.assert_not_called()
    assert second == first
    assert CobrandedFile.objects.count() == 1
    assert Download.objects.filter(cobranded=True).count() == 2


def test_changed_partner_details_make_a_new_copy_and_remove_the_old(staff_client, folder, cobranding_partner):
    staff_client.get(cobrand_url(folder))
    old = CobrandedFile.objects.get()
    old_name = old.file.name
    assert private_storage.exists(old_name)

    cobranding_partner.phone = "020 765 43 21"
    cobranding_partner.save()
    response = staff_client.get(cobrand_url(folder))

    assert response.status_code == HTTPStatus.OK
    texts = page_texts(content_of(response))
    assert all("020 765 43 21" in text and PHONE not in text for text in texts)
    new = CobrandedFile.objects.get()
    assert new.pk != old.pk
    assert new.details_hash != old.details_hash
    assert new.file.name != old_name
    assert private_storage.exists(new.file.name)
    assert not private_storage.exists(old_name)


def test_missing_stamped_file_is_made_again(staff_client, folder):
    staff_client.get(cobrand_url(folder))
    kept = CobrandedFile.objects.get()
    private_storage.delete(kept.file.name)

    response = staff_client.get(cobrand_url(folder))

    remade = CobrandedFile.objects.get()
    assert private_storage.exists(remade.file.name), "the new stamped file was removed as if it were the old one"
    assert response.status_code == HTTPStatus.OK
    assert all("Partner A" in text for text in page_texts(content_of(response)))


def test_new_version_gets_its_own_stamped_copy(staff_client, folder):
    staff_client.get(cobrand_url(folder))
    first_version = current_version(folder)
    new_doc = factories.document("Folder 2", factories.pdf_bytes("Folder nieuw", pages=2))
    folder = factories.publish_changes(folder, document=new_doc, version_label="2")

    response = staff_client.get(cobrand_url(folder))

    assert response.status_code == HTTPStatus.OK
    texts = page_texts(content_of(response))
    assert len(texts) == 2
    assert all("Folder nieuw" in text and "Partner A" in text for text in texts)
    second_version = current_version(folder)
    assert second_version != first_version
    assert set(CobrandedFile.objects.values_list("version", flat=True)) == {first_version.pk, second_version.pk}
    assert Download.objects.filter(version=second_version, cobranded=True).count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 garbage", "Deze PDF kunnen we niet lezen"),
        (encrypted_pdf(), "Deze PDF is beveiligd"),
    ],
    ids=["corrupt", "encrypted"],
)
def test_unstampable_pdf_explains_and_offers_the_original(
    staff_client, cobranding_library, cobranding_partner, content, message
):
    doc = factories.document("Kapot", content)
    material = factories.material(cobranding_library, "Kapot", doc=doc, co_brandable=True)

    response = staff_client.get(cobrand_url(material))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    page = response.content.decode()
    assert message in page
    assert "Download het origineel" in page
    assert f'href="{download_url(material)}"' in page
    assert Download.objects.count() == 0
    assert CobrandedFile.objects.count() == 0

    original = staff_client.get(download_url(material))
    assert original.status_code == HTTPStatus.OK
    assert content_of(original) == content
    assert Download.objects.filter(cobranded=False).count() == 1


def test_too_large_pdf_is_not_stamped(staff_client, folder, settings):
    settings.MATERIALS_COBRAND_MAX_BYTES = 100

    response = staff_client.get(cobrand_url(folder))

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "te groot" in response.content.decode()
    assert Download.objects.count() == 0


def test_material_without_cobranding_has_no_cobranded_download(staff_client, cobranding_library):
    plain = factories.material(cobranding_library, "Poster", co_brandable=False)
    word = factories.material(
        cobranding_library,
        "Formulier",
        doc=factories.document("Formulier", b"not a pdf", name="formulier.docx"),
        co_brandable=True,
    )

    assert staff_client.get(cobrand_url(plain)).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.get(cobrand_url(word)).status_code == HTTPStatus.NOT_FOUND
    assert Download.objects.count() == 0


def test_other_partner_cannot_cobrand_a_material_aimed_elsewhere(client, cobranding_library, partner_a, staff_b):
    doc = factories.document("Folder", factories.pdf_bytes("Folder", pages=3))
    material = factories.material(
        cobranding_library, "Folder", doc=doc, co_brandable=True, audiences=partner_a.kinds.all()
    )
    client.force_login(staff_b)

    assert client.get(cobrand_url(material)).status_code == HTTPStatus.NOT_FOUND
    assert CobrandedFile.objects.count() == 0
    assert Download.objects.count() == 0


def test_brand_team_has_no_partner_to_cobrand_with(client, folder, brand_team, login_with_mfa):
    login_with_mfa(client, brand_team)

    assert client.get(cobrand_url(folder)).status_code == HTTPStatus.FORBIDDEN
    assert CobrandedFile.objects.count() == 0
    assert Download.objects.count() == 0


def test_withdrawn_material_cannot_be_cobranded(staff_client, folder):
    folder = factories.publish_changes(folder, withdrawal_reason="Verouderde tarieven")

    response = staff_client.get(cobrand_url(folder))

    assert response.status_code == HTTPStatus.GONE
    assert CobrandedFile.objects.count() == 0
    assert Download.objects.count() == 0


# ---------------------------------------------------------------------------
# cobranding.stamp as a plain function
# ---------------------------------------------------------------------------


def test_stamp_puts_name_and_contact_on_every_page(db):
    partner = PartnerFactory(name="Reisbureau Zon", phone="010 111 22 33", website="http://zon.example")

    stamped = cobranding.stamp(io.BytesIO(factories.pdf_bytes("Brochure", pages=3)), partner)

    texts = page_texts(stamped)
    assert len(texts) == 3
    for text in texts:
        assert "Aangeboden door Reisbureau Zon" in text
        assert "010 111 22 33" in text
        assert "zon.example" in text and "http://" not in text
        assert "Brochure" in text


def test_stamp_without_contact_details_prints_the_name(db):
    partner = PartnerFactory(name="Kleine Partner", phone="", website="")

    texts = page_texts(cobranding.stamp(io.BytesIO(factories.pdf_bytes("Brochure", pages=2)), partner))

    assert all("Aangeboden door Kleine Partner" in text for text in texts)


def test_stamp_keeps_page_sizes_of_mixed_documents(db):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(842, 595)
    source = io.BytesIO()
    writer.write(source)
    partner = PartnerFactory(name="Partner Breed")

    reader = PdfReader(io.BytesIO(cobranding.stamp(io.BytesIO(source.getvalue()), partner)))

    assert [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages] == [
        (595, 842),
        (842, 595),
    ]
    assert all("Partner Breed" in page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 garbage", "Deze PDF kunnen we niet lezen"),
        (b"", "Deze PDF kunnen we niet lezen"),
        (encrypted_pdf(), "Deze PDF is beveiligd"),
    ],
    ids=["corrupt", "empty", "encrypted"],
)
def test_stamp_refuses_unreadable_files_with_a_message(db, content, message):
    partner = PartnerFactory(name="Partner")

    with pytest.raises(StampError) as raised:
        cobranding.stamp(io.BytesIO(content), partner)

    assert str(raised.value.message).startswith(message)
    assert "Download het origineel" in str(raised.value.message)
    assert str(raised.value) == str(raised.value.message)
