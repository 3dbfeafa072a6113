"""Share links: made by partner users, opened by customers without logging in, revoked, expired or withdrawn."""

import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from materials import factories
from materials.models import MaterialPage, ShareLink

GONE_TITLE = "Deze link werkt niet meer"
UNKNOWN_TITLE = "Deze link bestaat niet"


@pytest.fixture
def sharing_library(home_page):
    return factories.library(home_page)


@pytest.fixture
def poster(sharing_library):
    return factories.material(sharing_library, "Poster", summary="Een poster voor in de winkel.")


@pytest.fixture
def folder(sharing_library):
    doc = factories.document("Folder", factories.pdf_bytes("Folder", pages=2))
    return factories.material(sharing_library, "Folder", doc=doc, co_brandable=True)


@pytest.fixture
def anonymous():
    return Client()


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def share_url(material):
    return f"/materialen/{material.pk}/delen/"


def revoke_url(link):
    return f"/materialen/gedeeld/{link.pk}/intrekken/"


def public_url(link):
    return f"/m/{link.token}/"


def file_url(link):
    return f"/m/{link.token}/bestand/"


def make_link(material, user, partner, **fields):
    return ShareLink.objects.create(material=material, partner=partner, created_by=user, **fields)


def content_of(response):
    return b"".join(response.streaming_content)


def counts(link):
    link.refresh_from_db()
    return link.views, link.downloads


# ---------------------------------------------------------------------------
# Making a link
# ---------------------------------------------------------------------------


def test_post_makes_a_link_for_thirty_days_and_shows_it(poster, staff_a, partner_a, settings):
    client = logged_in(staff_a)

    response = client.post(share_url(poster))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/materialen/gedeeld/"
    link = ShareLink.objects.get()
    assert (link.material, link.partner, link.created_by) == (poster, partner_a, staff_a)
    assert settings.MATERIALS_SHARE_LINK_DAYS == 30
    assert link.expires_at - link.created_at == timedelta(days=30)
    assert link.revoked_at is None and link.views == 0 and link.downloads == 0
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert texts == [f"De deellink voor “Poster” is klaar: http://testserver/m/{link.token}/"]


def test_link_term_follows_the_setting(poster, staff_a, settings):
    settings.MATERIALS_SHARE_LINK_DAYS = 7

    logged_in(staff_a).post(share_url(poster))

    link = ShareLink.objects.get()
    assert link.expires_at - link.created_at == timedelta(days=7)


def test_get_does_not_make_a_link(poster, staff_a):
    response = logged_in(staff_a).get(share_url(poster))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert ShareLink.objects.count() == 0


def test_tokens_are_unique_and_unguessable(poster, staff_a):
    client = logged_in(staff_a)
    client.post(share_url(poster))
    client.post(share_url(poster))

    tokens = list(ShareLink.objects.values_list("token", flat=True))
    assert len(set(tokens)) == 2
    assert all(len(token) >= 32 for token in tokens)


def test_withdrawn_material_cannot_be_shared(poster, staff_a):
    poster = factories.publish_changes(poster, withdrawal_reason="Oude huisstijl")

    response = logged_in(staff_a).post(share_url(poster))

    assert response.status_code == HTTPStatus.GONE
    assert ShareLink.objects.count() == 0


def test_other_partner_cannot_share_a_material_aimed_elsewhere(sharing_library, partner_a, staff_b):
    aimed = factories.material(sharing_library, "Alleen A", audiences=partner_a.kinds.all())

    response = logged_in(staff_b).post(share_url(aimed))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert ShareLink.objects.count() == 0


def test_brand_team_cannot_share(poster, brand_team, login_with_mfa):
    client = login_with_mfa(Client(), brand_team)

    assert client.post(share_url(poster)).status_code == HTTPStatus.FORBIDDEN
    assert ShareLink.objects.count() == 0


# ---------------------------------------------------------------------------
# The public page and file
# ---------------------------------------------------------------------------


def test_public_page_works_without_login_and_counts_views(anonymous, poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)

    first = anonymous.get(public_url(link))
    second = anonymous.get(public_url(link))

    assert first.status_code == second.status_code == HTTPStatus.OK
    page = first.content.decode()
    assert "<h1>Poster</h1>" in page
    assert "Een poster voor in de winkel." in page
    assert "Gedeeld door Partner A" in page
    assert f'href="{file_url(link)}"' in page
    assert counts(link) == (2, 0)
    assert link.last_viewed_at is not None


def test_public_file_is_the_original_for_a_plain_material(anonymous, poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)
    with poster.document.file.open("rb") as handle:
        original = handle.read()

    response = anonymous.get(file_url(link))

    assert response.status_code == HTTPStatus.OK
    assert content_of(response) == original
    assert response["X-Robots-Tag"] == "noindex"
    assert "attachment" in response["Content-Disposition"]
    assert counts(link) == (0, 1)


def test_public_file_of_a_cobrandable_material_carries_the_sharers_partner(anonymous, folder, staff_a, partner_a):
    partner_a.phone = "030 123 45 67"
    partner_a.save()
    link = make_link(folder, staff_a, partner_a)

    response = anonymous.get(file_url(link))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(content_of(response))).pages
    assert len(pages) == 2
    assert all("Partner A" in page.extract_text() and "030 123 45 67" in page.extract_text() for page in pages)
    assert counts(link) == (0, 1)


def test_public_file_falls_back_to_the_original_when_stamping_fails(anonymous, sharing_library, staff_a, partner_a):
    broken = factories.material(
        sharing_library, "Kapot", doc=factories.document("Kapot", b"%PDF-1.4 garbage"), co_brandable=True
    )
    link = make_link(broken, staff_a, partner_a)

    response = anonymous.get(file_url(link))

    assert response.status_code == HTTPStatus.OK
    assert content_of(response) == b"%PDF-1.4 garbage"
    assert counts(link) == (0, 1)


def revoke(link):
    link.revoked_at = timezone.now()
    link.save()


def expire(link):
    link.expires_at = timezone.now() - timedelta(minutes=1)
    link.save()


def withdraw(link):
    factories.publish_changes(link.material, withdrawal_reason="Fout in de tarieven")


def replace(link):
    successor = factories.material(link.material.get_parent().specific, "Poster 2026")
    factories.publish_changes(link.material, replaced_by=successor)


def material_expired(link):
    MaterialPage.objects.filter(pk=link.material_id).update(valid_until=timezone.localdate() - timedelta(days=1))


def unpublished(link):
    link.material.unpublish()


@pytest.mark.parametrize(
    ("make_unusable", "explanation"),
    [
        (revoke, "De link is verlopen of ingetrokken."),
        (expire, "De link is verlopen of ingetrokken."),
        (withdraw, "Het materiaal achter deze link is niet meer geldig."),
        (replace, "Het materiaal achter deze link is niet meer geldig."),
        (material_expired, "Het materiaal achter deze link is niet meer geldig."),
        (unpublished, "Het materiaal achter deze link is niet meer geldig."),
    ],
    ids=["revoked", "expired", "withdrawn", "replaced", "material-expired", "unpublished"],
)
def test_unusable_links_are_gone_and_count_nothing(anonymous, poster, staff_a, partner_a, make_unusable, explanation):
    link = make_link(poster, staff_a, partner_a)
    make_unusable(link)

    page = anonymous.get(public_url(link))
    file = anonymous.get(file_url(link))

    assert page.status_code == file.status_code == HTTPStatus.GONE
    for response in (page, file):
        text = response.content.decode()
        assert GONE_TITLE in text
        assert explanation in text
        assert "Vraag degene die hem stuurde om een nieuwe." in text
    assert counts(link) == (0, 0)


@pytest.mark.parametrize(
    "tamper", [lambda token: "onbekend", lambda token: token[:-1] + ("A" if token[-1] != "A" else "B")]
)
def test_unknown_or_tampered_token_is_a_friendly_404(anonymous, poster, staff_a, partner_a, tamper):
    link = make_link(poster, staff_a, partner_a)
    token = tamper(link.token)

    for url in (f"/m/{token}/", f"/m/{token}/bestand/"):
        response = anonymous.get(url)
        assert response.status_code == HTTPStatus.NOT_FOUND
        text = response.content.decode()
        assert UNKNOWN_TITLE in text
        assert "Controleer of de link helemaal is overgenomen." in text
    assert counts(link) == (0, 0)


def test_public_pages_refuse_post(anonymous, poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)

    assert anonymous.post(public_url(link)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert anonymous.post(file_url(link)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert counts(link) == (0, 0)


# ---------------------------------------------------------------------------
# Revoking and the list of links
# ---------------------------------------------------------------------------


def test_staff_revokes_own_link(poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)

    response = logged_in(staff_a).post(revoke_url(link))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/materialen/gedeeld/"
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["De deellink voor “Poster” werkt niet meer."]
    assert Client().get(public_url(link)).status_code == HTTPStatus.GONE


def test_revoking_twice_keeps_the_first_moment(poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)
    client = logged_in(staff_a)
    client.post(revoke_url(link))
    link.refresh_from_db()
    first = link.revoked_at

    client.post(revoke_url(link))

    link.refresh_from_db()
    assert link.revoked_at == first


def test_revoke_by_get_is_refused(poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)

    assert logged_in(staff_a).get(revoke_url(link)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    link.refresh_from_db()
    assert link.revoked_at is None


def test_staff_cannot_revoke_a_colleagues_link(poster, staff_a, manager_a, partner_a):
    link = make_link(poster, manager_a, partner_a)

    assert logged_in(staff_a).post(revoke_url(link)).status_code == HTTPStatus.NOT_FOUND
    link.refresh_from_db()
    assert link.revoked_at is None


def test_manager_revokes_any_link_of_their_partner(poster, staff_a, manager_a, partner_a):
    link = make_link(poster, staff_a, partner_a)

    assert logged_in(manager_a).post(revoke_url(link)).status_code == HTTPStatus.FOUND
    link.refresh_from_db()
    assert link.revoked_at is not None


@pytest.mark.parametrize("other", ["staff_b", "manager_b"])
def test_other_partner_cannot_revoke(request, poster, staff_a, partner_a, other):
    link = make_link(poster, staff_a, partner_a)

    assert logged_in(request.getfixturevalue(other)).post(revoke_url(link)).status_code == HTTPStatus.NOT_FOUND
    link.refresh_from_db()
    assert link.revoked_at is None


def test_anonymous_cannot_make_list_or_revoke(anonymous, poster, staff_a, partner_a):
    link = make_link(poster, staff_a, partner_a)

    assert anonymous.post(share_url(poster)).status_code == HTTPStatus.FOUND
    assert anonymous.get("/materialen/gedeeld/").status_code == HTTPStatus.FOUND
    assert anonymous.post(revoke_url(link)).status_code == HTTPStatus.FOUND
    link.refresh_from_db()
    assert link.revoked_at is None
    assert ShareLink.objects.count() == 1


@pytest.fixture
def links(poster, folder, staff_a, manager_a, staff_b, partner_a, partner_b):
    return {
        "staff_a": make_link(poster, staff_a, partner_a),
        "manager_a": make_link(folder, manager_a, partner_a),
        "staff_b": make_link(poster, staff_b, partner_b),
    }


def listed(user, links):
    response = logged_in(user).get("/materialen/gedeeld/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    return {name for name, link in links.items() if f'id="link-{link.pk}"' in page or link.token in page}


def test_staff_list_shows_only_their_own_links(links, staff_a):
    assert listed(staff_a, links) == {"staff_a"}


def test_manager_list_shows_every_link_of_their_partner(links, manager_a):
    assert listed(manager_a, links) == {"staff_a", "manager_a"}


def test_other_partner_list_shows_only_their_own(links, manager_b):
    assert listed(manager_b, links) == {"staff_b"}


def test_list_shows_absolute_link_counts_and_status(poster, staff_a, partner_a):
    working = make_link(poster, staff_a, partner_a, views=4, downloads=2)
    revoked = make_link(poster, staff_a, partner_a, revoked_at=timezone.now())

    page = logged_in(staff_a).get("/materialen/gedeeld/").content.decode()

    assert f'value="http://testserver/m/{working.token}/"' in page
    assert '<td data-label="Bekeken">4</td>' in page
    assert '<td data-label="Gedownload">2</td>' in page
    assert f'action="/materialen/gedeeld/{working.pk}/intrekken/"' in page
    assert f'action="/materialen/gedeeld/{revoked.pk}/intrekken/"' not in page
    assert "ingetrokken" in page
