"""The library as partners see it: audiences, availability, order, paging, search, filters and the editor's checks."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Collection

from accounts.factories import UserFactory
from materials import factories
from materials.library import FIRST_VISIT_WINDOW
from materials.models import Format, Language, LibraryVisit, MaterialVersion

FILTER_ERROR = "Een filter klopt niet. Kies een waarde uit de lijst."
NOTHING_FOUND = "Niets gevonden. Probeer een ander woord of minder filters."
PARTNER_INACTIVE = "Je organisatie is niet meer actief"
WITHDRAWN = "Dit materiaal is ingetrokken en niet meer te downloaden."


def card_titles(response):
    """The titles of the material cards on a library page, in order."""
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [link.get_text() for link in soup.select(".material-card__title a")]


def library_titles(client, library, query=""):
    return card_titles(client.get(library.url + query))


def published_days_ago(material, days):
    """Move the current version of a material back in time."""
    MaterialVersion.objects.filter(material=material, superseded_at__isnull=True).update(
        published_at=timezone.now() - timedelta(days=days)
    )


# ---------------------------------------------------------------------------
# What a partner sees
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("staff_a", {"Voor iedereen", "Voor tussenpersonen"}),
        ("manager_b", {"Voor iedereen", "Voor koeriers"}),
        ("brand_team", {"Voor iedereen", "Voor tussenpersonen", "Voor koeriers"}),
    ],
)
def test_library_shows_only_materials_for_my_partner_kinds(client, people, library, partner_a, partner_b, role, shown):
    factories.material(library, "Voor iedereen")
    factories.material(library, "Voor tussenpersonen", audiences=partner_a.kinds.all())
    factories.material(library, "Voor koeriers", audiences=partner_b.kinds.all())
    client.force_login(people(role))

    assert set(library_titles(client, library)) == shown


def test_library_hides_withdrawn_expired_not_yet_valid_and_unpublished_materials(staff_client, library):
    today = timezone.localdate()
    current = factories.material(library, "Geldig", valid_from=today, valid_until=today)
    factories.material(library, "Ingetrokken", withdrawal_reason="De tarieven kloppen niet meer.")
    factories.material(library, "Vervangen", replaced_by=current)
    factories.material(library, "Verlopen", valid_until=today - timedelta(days=1))
    factories.material(library, "Nog niet geldig", valid_from=today + timedelta(days=1))
    factories.material(library, "Concept", publish=False)

    assert library_titles(staff_client, library) == ["Geldig"]


def test_library_shows_the_newest_version_first(staff_client, library):
    first = factories.material(library, "Eerste")
    factories.material(library, "Tweede")
    factories.material(library, "Derde")
    assert library_titles(staff_client, library) == ["Derde", "Tweede", "Eerste"]

    factories.publish_changes(first, version_label="2")

    assert library_titles(staff_client, library) == ["Eerste", "Derde", "Tweede"]


def test_library_for_a_deactivated_partner(staff_client, library, partner_a):
    factories.material(library, "Voor iedereen")
    partner_a.is_active = False
    partner_a.save()

    response = staff_client.get(library.url)

    assert response.status_code == HTTPStatus.FORBIDDEN
    page = response.content.decode()
    assert PARTNER_INACTIVE in page
    assert "Voor iedereen" not in page


def test_library_for_a_user_without_partner_lists_nothing(client, library):
    factories.material(library, "Voor iedereen")
    client.force_login(UserFactory(email="los@elders.example"))

    response = client.get(library.url)

    assert card_titles(response) == []
    assert "Er zijn nog geen materialen voor jou." in response.content.decode()


# ---------------------------------------------------------------------------
# Paging
# ---------------------------------------------------------------------------


@pytest.fixture
def five_materials(settings, library):
    settings.MATERIALS_PER_PAGE = 2
    for number in range(1, 6):
        factories.material(library, f"Materiaal {number}")


def test_library_pages_through_the_materials(staff_client, library, five_materials):
    assert library_titles(staff_client, library) == ["Materiaal 5", "Materiaal 4"]
    assert library_titles(staff_client, library, "?pagina=2") == ["Materiaal 3", "Materiaal 2"]
    assert library_titles(staff_client, library, "?pagina=3") == ["Materiaal 1"]

    page = staff_client.get(library.url).content.decode()
    assert "5 materialen" in page
    assert "Pagina 1 van 3" in page
    assert 'href="?pagina=2"' in page


@pytest.mark.parametrize("pagina", ["abc", "0", "-3", ""])
def test_library_with_a_page_number_that_is_not_one_shows_the_first_page(staff_client, library, five_materials, pagina):
    response = staff_client.get(library.url, {"pagina": pagina})

    assert response.status_code == HTTPStatus.OK
    assert card_titles(response) == ["Materiaal 5", "Materiaal 4"]


def test_library_past_its_last_page_says_so_and_links_to_the_first(staff_client, library, five_materials):
    response = staff_client.get(library.url, {"pagina": "99", "language": "nl"})

    assert response.status_code == HTTPStatus.OK
    assert card_titles(response) == []
    page = response.content.decode()
    assert "Deze pagina bestaat niet." in page
    assert 'href="?language=nl"' in page
    assert "5 materialen" in page


def test_the_links_to_other_pages_keep_the_filters(staff_client, library, five_materials):
    page = staff_client.get(library.url, {"language": "nl", "q": ""}).content.decode()

    assert 'href="?language=nl&amp;pagina=2"' in page


# ---------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------


@pytest.fixture
def searchable(library, partner_b):
    factories.material(library, "Zorgverzekering", summary="Alles over de basisverzekering en het eigen risico.")
    factories.material(library, "Reisverzekering", summary="Dekking op vakantie in het buitenland.")
    factories.material(library, "Etalageposter", summary="Voor in de etalage.", format=Format.POSTER)
    factories.material(library, "Koeriersvakantie", summary="Vakantie voor koeriers.", audiences=partner_b.kinds.all())


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("Zorgverzekering", ["Zorgverzekering"]),
        ("reisverzekering", ["Reisverzekering"]),
        ("vakantie", ["Reisverzekering"]),
        ("eigen risico", ["Zorgverzekering"]),
        ("  buitenland   vakantie ", ["Reisverzekering"]),
        ("vakantie etalage", []),
    ],
)
def test_library_search_looks_in_title_and_summary(staff_client, library, searchable, query, shown):
    assert library_titles(staff_client, library, f"?q={query}") == shown


def test_library_search_without_results_says_so(staff_client, library, searchable):
    response = staff_client.get(library.url, {"q": "onbekendwoord"})

    assert card_titles(response) == []
    assert NOTHING_FOUND in response.content.decode()


def test_library_search_combines_with_a_filter(staff_client, library, searchable):
    assert library_titles(staff_client, library, "?q=etalage&format=poster") == ["Etalageposter"]
    assert library_titles(staff_client, library, "?q=vakantie&format=poster") == []


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


@pytest.fixture
def varied(library, partner_b):
    factories.material(library, "Reisfolder", topics=["Reizen"], format=Format.FOLDER, language=Language.DUTCH)
    factories.material(library, "Travel poster", topics=["Reizen"], format=Format.POSTER, language=Language.ENGLISH)
    factories.material(library, "Zorgfactsheet", topics=["Zorg"], format=Format.FACTSHEET, language=Language.DUTCH)
    factories.material(library, "Koeriersfolder", topics=["Bezorgen"], audiences=partner_b.kinds.all())


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?topic=reizen", {"Reisfolder", "Travel poster"}),
        ("?topic=zorg", {"Zorgfactsheet"}),
        ("?format=poster", {"Travel poster"}),
        ("?format=folder", {"Reisfolder"}),
        ("?language=en", {"Travel poster"}),
        ("?language=nl&topic=reizen", {"Reisfolder"}),
        ("?language=de", set()),
        ("?topic=&format=&language=&q=", {"Reisfolder", "Travel poster", "Zorgfactsheet"}),
    ],
)
def test_library_filters(staff_client, library, varied, query, shown):
    assert set(library_titles(staff_client, library, query)) == shown


def test_topic_filter_offers_only_topics_of_my_materials(staff_client, library, varied):
    page = staff_client.get(library.url).content.decode()

    assert '<option value="reizen">Reizen</option>' in page
    assert '<option value="zorg">Zorg</option>' in page
    assert "Bezorgen" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"format": "xyz"},
        {"topic": "nope"},
        {"topic": "bezorgen"},  # a topic of another audience's material only
        {"language": "xx"},
        {"q": "x" * 101},
        {"format": "poster", "language": "klingon"},
    ],
    ids=["format", "topic", "other-audience-topic", "language", "long-query", "one-of-two"],
)
def test_an_invalid_filter_gives_a_message_not_an_error(staff_client, library, varied, query):
    response = staff_client.get(library.url, query)

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert FILTER_ERROR in page
    assert "Koeriersfolder" not in page


def test_valid_filters_give_no_error_message(staff_client, library, varied):
    response = staff_client.get(library.url, {"format": "poster", "topic": "reizen", "language": "en", "new": "on"})

    assert response.status_code == HTTPStatus.OK
    assert FILTER_ERROR not in response.content.decode()


# ---------------------------------------------------------------------------
# New since my last visit
# ---------------------------------------------------------------------------


def new_badges(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        card.select_one("a").get_text()
        for card in soup.select(".material-card__title")
        if card.select_one(".badge--new")
    ]


def test_new_since_my_last_visit(client, library, staff_a):
    LibraryVisit.objects.create(user=staff_a, seen_at=timezone.now() - timedelta(days=2))
    old = factories.material(library, "Oud")
    published_days_ago(old, 5)
    renewed = factories.material(library, "Vernieuwd")
    published_days_ago(renewed, 5)
    renewed = factories.publish_changes(renewed, version_label="2")
    factories.material(library, "Nieuw")
    client.force_login(staff_a)

    response = client.get(library.url)
    assert card_titles(response) == ["Nieuw", "Vernieuwd", "Oud"]
    assert new_badges(response) == ["Nieuw", "Vernieuwd"]
    assert library_titles(client, library, "?new=on") == ["Nieuw", "Vernieuwd"]


def test_new_since_stays_the_same_during_a_session_and_moves_on_at_the_next(client, library, staff_a):
    LibraryVisit.objects.create(user=staff_a, seen_at=timezone.now() - timedelta(days=2))
    factories.material(library, "Nieuw")
    client.force_login(staff_a)
    before = timezone.now()

    assert library_titles(client, library, "?new=on") == ["Nieuw"]
    assert LibraryVisit.objects.get(user=staff_a).seen_at >= before
    assert library_titles(client, library, "?new=on") == ["Nieuw"]

    client.logout()
    client.force_login(staff_a)
    response = client.get(library.url, {"new": "on"})
    assert card_titles(response) == []
    assert NOTHING_FOUND in response.content.decode()
    factories.material(library, "Nog nieuwer")
    assert library_titles(client, library, "?new=on") == ["Nog nieuwer"]


def test_a_first_visit_shows_the_last_month_as_new(staff_client, library, staff_a):
    recent = factories.material(library, "Recent")
    published_days_ago(recent, FIRST_VISIT_WINDOW.days - 1)
    older = factories.material(library, "Ouder")
    published_days_ago(older, FIRST_VISIT_WINDOW.days + 1)

    assert library_titles(staff_client, library, "?new=on") == ["Recent"]
    assert LibraryVisit.objects.filter(user=staff_a).exists()


# ---------------------------------------------------------------------------
# The editor's checks (MaterialPage.clean)
# ---------------------------------------------------------------------------


def clean_errors(material):
    with pytest.raises(ValidationError) as error:
        material.clean()
    return error.value.message_dict


def test_a_correct_material_passes_clean(library):
    material = factories.material(library, "Folder")
    material.valid_from = timezone.localdate()
    material.valid_until = timezone.localdate()
    material.replaced_by = factories.material(library, "Nieuwe folder")

    material.clean()  # no error


def test_end_date_before_start_date_is_refused(library):
    material = factories.material(library, "Folder")
    material.valid_from = timezone.localdate()
    material.valid_until = timezone.localdate() - timedelta(days=1)

    assert clean_errors(material) == {"valid_until": ["De einddatum ligt vóór de begindatum."]}


def test_a_material_cannot_replace_itself(library):
    material = factories.material(library, "Folder")
    material.replaced_by = material

    assert clean_errors(material) == {"replaced_by": ["Een materiaal kan zichzelf niet vervangen."]}


@pytest.mark.parametrize("replacement_state", ["withdrawn", "draft"])
def test_the_replacement_must_be_published_and_not_withdrawn(library, replacement_state):
    if replacement_state == "withdrawn":
        replacement = factories.material(library, "Nieuwe folder", withdrawal_reason="Fout erin.")
    else:
        replacement = factories.material(library, "Nieuwe folder", publish=False)
    material = factories.material(library, "Folder")
    material.replaced_by = replacement

    assert clean_errors(material) == {"replaced_by": ["Kies een gepubliceerd materiaal dat zelf niet is ingetrokken."]}


def test_a_document_in_a_public_collection_is_refused(library):
    public = factories.document("Openbaar", collection=Collection.get_first_root_node())
    material = factories.material(library, "Folder")
    material.document = public

    errors = clean_errors(material)

    assert list(errors) == ["document"]
    assert errors["document"][0].startswith("Dit document staat in een openbare collectie.")


def test_a_document_in_a_child_of_the_private_collection_is_accepted(library):
    child = factories.private_collection().add_child(name="Folders 2026")
    material = factories.material(library, "Folder")
    material.document = factories.document("Besloten", collection=child)

    material.clean()  # no error


# ---------------------------------------------------------------------------
# The page of one material
# ---------------------------------------------------------------------------


def test_the_page_of_a_withdrawn_material_says_so_and_links_to_the_replacement(staff_client, library):
    replacement = factories.material(library, "Folder 2026")
    old = factories.material(library, "Folder 2025")
    old = factories.publish_changes(old, replaced_by=replacement, withdrawal_reason="De tarieven zijn veranderd.")

    response = staff_client.get(old.url)

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert WITHDRAWN in page
    assert "Reden: De tarieven zijn veranderd." in page
    assert f'<a href="{replacement.url}">Folder 2026</a>' in page
    assert f"/materialen/{old.pk}/download/" not in page


def test_the_page_of_an_available_material_offers_the_download(staff_client, library):
    material = factories.material(library, "Folder 2026")

    response = staff_client.get(material.url)

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert WITHDRAWN not in page
    assert f'href="/materialen/{material.pk}/download/"' in page


def test_the_page_of_another_audiences_material_is_not_found(staff_client, library, partner_b):
    material = factories.material(library, "Voor koeriers", audiences=partner_b.kinds.all())

    assert staff_client.get(material.url).status_code == HTTPStatus.NOT_FOUND
