"""The brand team's materials reports: numbers worked out by hand for a small history, CSV and XLSX exports."""

import csv
import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from materials import factories
from materials.models import Download, ShareLink
from materials.versions import current_version

REPORTS = "/admin/reports/materials/"


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


def record(user, partner, material, version, *, days_ago, cobranded=False):
    return Download.objects.create(
        user=user,
        partner=partner,
        material=material,
        version=version,
        cobranded=cobranded,
        downloaded_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def history(home_page, partner_a, partner_b, staff_a, manager_a, staff_b, brand_team):
    """Folder: version 1 downloaded by A (staff twice, once co-branded; manager once) and B (staff once), then
    version 2, which staff A fetched again. Poster: downloaded once by B, then withdrawn. Kaart: never used.
    The brand team's own download has no partner and counts nowhere."""
    library = factories.library(home_page)
    folder = factories.material(library, "Folder")
    poster = factories.material(library, "Poster")
    kaart = factories.material(library, "Kaart")
    folder_1 = current_version(folder)
    poster_1 = current_version(poster)
    record(staff_a, partner_a, folder, folder_1, days_ago=10)
    record(staff_a, partner_a, folder, folder_1, days_ago=9, cobranded=True)
    record(manager_a, partner_a, folder, folder_1, days_ago=8)
    record(staff_b, partner_b, folder, folder_1, days_ago=7)
    record(staff_b, partner_b, poster, poster_1, days_ago=6)
    record(brand_team, None, folder, folder_1, days_ago=5)
    folder = factories.publish_changes(folder, version_label="2")
    folder_2 = current_version(folder)
    record(staff_a, partner_a, folder, folder_2, days_ago=1)
    poster = factories.publish_changes(poster, withdrawal_reason="Verouderd")
    ShareLink.objects.create(material=folder, partner=partner_a, created_by=staff_a, views=7, downloads=2)
    ShareLink.objects.create(material=folder, partner=partner_b, created_by=staff_b, views=3, revoked_at=timezone.now())
    return {"folder": folder, "poster": poster, "kaart": kaart}


def csv_rows(client, report, **params):
    response = client.get(f"{REPORTS}{report}/", {"export": "csv", **params})
    assert response.status_code == HTTPStatus.OK
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(client, report, **params):
    response = client.get(f"{REPORTS}{report}/", {"export": "xlsx", **params})
    assert response.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), "a cell is a formula"
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def without_dates(rows, *columns):
    return [[value for index, value in enumerate(row) if index not in columns] for row in rows]


@pytest.mark.parametrize("report", ["downloads", "holders", "usage", "shares"])
def test_reports_render_for_the_brand_team(editor, history, report):
    response = editor.get(f"{REPORTS}{report}/")

    assert response.status_code == HTTPStatus.OK
    assert "Folder" in response.content.decode()


@pytest.mark.parametrize("report", ["downloads", "holders", "usage", "shares"])
@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
def test_partner_users_cannot_reach_the_reports(client, home_page, request, report, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(f"{REPORTS}{report}/").status_code == HTTPStatus.FORBIDDEN
    assert client.get(f"{REPORTS}{report}/", {"export": "csv"}).status_code == HTTPStatus.FORBIDDEN


def test_downloads_per_material_partner_and_version(editor, history):
    rows = csv_rows(editor, "downloads")

    assert rows[0] == [
        "Materiaal",
        "Partner",
        "Versie",
        "Downloads",
        "Personen",
        "Waarvan co-branded",
        "Laatste download",
    ]
    # The last column is a moment; checked below.
    assert without_dates(rows[1:], 6) == [
        ["Folder", "Partner A", "2", "1", "1", "0"],
        ["Folder", "Partner A", "1", "3", "2", "1"],
        ["Folder", "Partner B", "1", "1", "1", "0"],
        ["Poster", "Partner B", "1", "1", "1", "0"],
    ]
    last_folder_a_1 = timezone.localtime(
        Download.objects.filter(user__email__startswith="beheerder").get().downloaded_at
    )
    assert rows[2][6] == last_folder_a_1.strftime("%d-%m-%Y %H:%M")


def test_downloads_xlsx_has_the_same_numbers(editor, history):
    rows = xlsx_rows(editor, "downloads")

    assert rows[0][0] == "Materiaal"
    assert without_dates(rows[1:], 6) == [
        ["Folder", "Partner A", "2", 1, 1, 0],
        ["Folder", "Partner A", "1", 3, 2, 1],
        ["Folder", "Partner B", "1", 1, 1, 0],
        ["Poster", "Partner B", "1", 1, 1, 0],
    ]
    assert all(row[6] is not None for row in rows[1:])


def test_downloads_filtered_by_partner(editor, history, partner_b):
    rows = csv_rows(editor, "downloads", partner=partner_b.pk)

    assert without_dates(rows[1:], 6) == [
        ["Folder", "Partner B", "1", "1", "1", "0"],
        ["Poster", "Partner B", "1", "1", "1", "0"],
    ]


def test_holders_of_withdrawn_or_superseded_versions(editor, history):
    rows = csv_rows(editor, "holders")

    assert rows[0] == ["Partner", "Materiaal", "Versie", "Personen", "Laatst gedownload"]
    # Staff A fetched version 2 of the folder afterwards and no longer counts; the manager still does.
    assert without_dates(rows[1:], 4) == [
        ["Partner A", "Folder", "1", "1"],
        ["Partner B", "Folder", "1", "1"],
        ["Partner B", "Poster", "1", "1"],
    ]
    xlsx = xlsx_rows(editor, "holders")
    assert without_dates(xlsx[1:], 4) == [
        ["Partner A", "Folder", "1", 1],
        ["Partner B", "Folder", "1", 1],
        ["Partner B", "Poster", "1", 1],
    ]


def test_holders_count_people_not_downloads(editor, history, partner_a, staff_a, manager_a):
    folder = history["folder"]
    old = folder.versions.get(label="1")
    record(manager_a, partner_a, folder, old, days_ago=3)
    Download.objects.filter(user=staff_a, version__label="2").delete()

    rows = csv_rows(editor, "holders", partner=partner_a.pk)

    assert without_dates(rows[1:], 4) == [["Partner A", "Folder", "1", "2"]]


def test_usage_most_and_least_used(editor, history):
    rows = csv_rows(editor, "usage")

    assert rows[0] == ["Materiaal", "Versie", "Downloads", "Partners", "Deellinks"]
    assert rows[1:] == [
        ["Folder", "2", "5", "2", "2"],
        ["Poster", "1", "1", "1", "0"],
        ["Kaart", "1", "0", "0", "0"],
    ]
    assert csv_rows(editor, "usage", order="least")[1:] == [
        ["Kaart", "1", "0", "0", "0"],
        ["Poster", "1", "1", "1", "0"],
        ["Folder", "2", "5", "2", "2"],
    ]
    assert xlsx_rows(editor, "usage", order="least")[1:] == [
        ["Kaart", "1", 0, 0, 0],
        ["Poster", "1", 1, 1, 0],
        ["Folder", "2", 5, 2, 2],
    ]


def test_usage_within_a_period(editor, history):
    since = (timezone.localdate() - timedelta(days=7)).isoformat()

    rows = csv_rows(editor, "usage", period_from=since)

    # From seven days ago: Folder has staff B's download (7 days) and staff A's of version 2; Poster one.
    assert rows[1:] == [
        ["Folder", "2", "2", "2", "2"],
        ["Poster", "1", "1", "1", "0"],
        ["Kaart", "1", "0", "0", "0"],
    ]


def test_share_link_views(editor, history):
    rows = csv_rows(editor, "shares")

    assert rows[0] == ["Materiaal", "Partner", "Gemaakt", "Verloopt", "Bekeken", "Gedownload", "Status"]
    assert without_dates(rows[1:], 2, 3) == [
        ["Folder", "Partner A", "7", "2", "werkt"],
        ["Folder", "Partner B", "3", "0", "ingetrokken"],
    ]
    link = ShareLink.objects.get(partner__name="Partner A")
    assert rows[1][3] == timezone.localtime(link.expires_at).strftime("%d-%m-%Y %H:%M")
    xlsx = xlsx_rows(editor, "shares")
    assert without_dates(xlsx[1:], 2, 3) == [
        ["Folder", "Partner A", 7, 2, "werkt"],
        ["Folder", "Partner B", 3, 0, "ingetrokken"],
    ]


def test_formula_like_title_is_exported_as_text(editor, home_page, partner_a, staff_a):
    library = factories.library(home_page)
    material = factories.material(library, "=HYPERLINK(1)", slug="formule")
    record(staff_a, partner_a, material, current_version(material), days_ago=1)
    ShareLink.objects.create(material=material, partner=partner_a, created_by=staff_a)

    for report in ("downloads", "usage", "shares"):
        rows = csv_rows(editor, report)
        assert rows[1][0] == "'=HYPERLINK(1)", report
        xlsx = xlsx_rows(editor, report)
        assert xlsx[1][0].endswith("=HYPERLINK(1)"), report

    factories.publish_changes(material, withdrawal_reason="Weg")
    assert csv_rows(editor, "holders")[1][1] == "'=HYPERLINK(1)"


def test_usage_up_to_a_day_includes_that_whole_day(editor, history):
    until = (timezone.localdate() - timedelta(days=8)).isoformat()

    rows = csv_rows(editor, "usage", period_to=until)

    # Up to eight days ago: staff A's two downloads and the manager's, all for partner A; no links yet.
    assert rows[1:] == [
        ["Folder", "2", "3", "1", "0"],
        ["Kaart", "1", "0", "0", "0"],
        ["Poster", "1", "0", "0", "0"],
    ]


def test_downloads_within_a_period(editor, history):
    since = (timezone.localdate() - timedelta(days=7)).isoformat()

    rows = csv_rows(editor, "downloads", downloaded_at_from=since)

    assert without_dates(rows[1:], 6) == [
        ["Folder", "Partner A", "2", "1", "1", "0"],
        ["Folder", "Partner B", "1", "1", "1", "0"],
        ["Poster", "Partner B", "1", "1", "1", "0"],
    ]
