"""The brand team's recognition admin: the overview report and its exports, one partner's scorecard, the
dashboard panel, the levels snippet, and who may open any of it."""

import csv
import io
import uuid
from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from accounts.factories import UserFactory
from home.brand_team import BRAND_TEAM_GROUP, ensure_brand_team_group
from journeys import factories as journeys_factories
from materials import factories as materials_factories
from materials.models import Download
from materials.versions import current_version
from partners.factories import MembershipFactory, PartnerFactory
from partners.models import Role
from recognition.models import LevelChange, RecognitionLevel, Snapshot, Standing
from recognition.standing import month_of
from tools.models import ToolUse
from training import factories as training_factories
from training.models import Attempt, Completion
from voice.models import TextCheck

OVERVIEW = "/admin/reports/recognition/overview/"
METRIC_HEADINGS = [
    "Verplichte training",
    "Toetsscore",
    "Actuele downloads",
    "Geen verouderd materiaal",
    "Gebruik van hulpmiddelen",
    "Gebruik van de teksttoets",
    "Klantbeoordeling",
]
HEADINGS = ["Partner", "Partnersoorten", "Niveau", "Totaalscore", *METRIC_HEADINGS, "Mensen"]

# Worked out by hand from the `network` fixture, with the default weights (training 3, quiz 1, downloads 1,
# holdings 2, tools 1, voice 1, NPS 3) and levels (Brons 40; Zilver 60; Goud 75; Ster 85, and 90 on the
# customer-critical training, holdings and NPS).
# A: both people hold what is required of them (100), one quiz of 90, one of two used a tool (50) and the
# teksttoets (50): (300 + 90 + 50 + 50) / 6 = 81.7 -> 82, Goud; Ster asks a total of 85.
ROW_A = ["Partner A", "Tussenpersoon", "Goud", "82", "100", "90", "–", "–", "50", "50", "–", "2"]
# B: its one person lacks the required module (0), downloaded a version since replaced (downloads 0, holdings 0),
# used no tool (0) but the teksttoets (100): 100 / 8 = 12.5 -> 13, no level; Brons asks 40.
ROW_B = ["Partner B", "Koerier", "geen niveau", "13", "0", "–", "0", "0", "0", "100", "–", "1"]
# C: nobody to measure.
ROW_C = ["Partner C", "Koerier, Tussenpersoon", "geen niveau", "–", "–", "–", "–", "–", "–", "–", "–", "0"]


@pytest.fixture
def brand_editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


@pytest.fixture
def module(home_page):
    academy = training_factories.academy(home_page)
    return training_factories.module(academy, "Belofte", required_for_staff=True)


@pytest.fixture
def network(home_page, module, partner_a, partner_b, staff_a, manager_a, staff_b, kind_intermediary, kind_courier):
    """Partners A, B and C (no people) are active; D is not and has people of its own."""
    now = timezone.now()
    attempt = Attempt.objects.create(
        user=staff_a, module=module, token=uuid.uuid4(), score=90, pass_mark=80, passed=True
    )
    Completion.objects.create(user=staff_a, module=module, attempt=attempt, partner=partner_a, score=90)
    ToolUse.objects.create(tool=home_page, kind=ToolUse.Kind.CALCULATION, partner=partner_a, user=staff_a)
    TextCheck.objects.create(user=staff_a, partner=partner_a, via="page", detected="u", words=10, errors=0, warnings=0)
    TextCheck.objects.create(user=staff_b, partner=partner_b, via="page", detected="u", words=10, errors=1, warnings=0)

    library = materials_factories.library(home_page)
    folder = materials_factories.material(library, "Folder")
    Download.objects.create(
        user=staff_b, partner=partner_b, material=folder, version=current_version(folder), downloaded_at=now
    )
    materials_factories.publish_changes(folder, version_label="2")

    partner_c = PartnerFactory(name="Partner C", kinds=[kind_intermediary, kind_courier])
    partner_d = PartnerFactory(name="Partner D", is_active=False)
    MembershipFactory(partner=partner_d, role=Role.STAFF)
    return {"A": partner_a, "B": partner_b, "C": partner_c, "D": partner_d, "folder": folder}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def html_rows(client, url=OVERVIEW, **params):
    response = client.get(url, params)
    assert response.status_code == HTTPStatus.OK
    table = soup(response).find("table", class_="listing")
    if table is None:
        return None, []
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in table.select("tbody tr")]
    return headings, rows


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def names(rows):
    return [row[0] for row in rows]


def csv_rows(client, **params):
    response = client.get(OVERVIEW, {"export": "csv", **params})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def xlsx_sheet(client, **params):
    response = client.get(OVERVIEW, {"export": "xlsx", **params})
    assert response.status_code == HTTPStatus.OK
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


# ---------------------------------------------------------------------------
# The overview
# ---------------------------------------------------------------------------


def test_the_overview_lists_every_active_partner_with_level_and_metrics(brand_editor, network):
    headings, rows = html_rows(brand_editor)

    assert headings == HEADINGS
    assert rows == [ROW_A, ROW_B, ROW_C]


def test_a_partner_name_links_to_its_scorecard(brand_editor, network):
    response = brand_editor.get(OVERVIEW)

    link = soup(response).find("a", string=lambda text: text and text.strip() == "Partner A")
    assert link["href"] == f"/admin/recognition/partners/{network['A'].pk}/"


@pytest.mark.parametrize(
    "ordering, expected",
    [
        ("overall", ["Partner B", "Partner A", "Partner C"]),
        ("-overall", ["Partner A", "Partner B", "Partner C"]),  # no score: still last
        ("voice", ["Partner A", "Partner B", "Partner C"]),
        ("-voice", ["Partner B", "Partner A", "Partner C"]),
        ("training", ["Partner B", "Partner A", "Partner C"]),
        ("-people", ["Partner A", "Partner B", "Partner C"]),
        ("people", ["Partner C", "Partner B", "Partner A"]),
        ("-level", ["Partner A", "Partner B", "Partner C"]),
        ("-name", ["Partner C", "Partner B", "Partner A"]),
        ("kinds", ["Partner B", "Partner C", "Partner A"]),
        ("nonsense", ["Partner A", "Partner B", "Partner C"]),  # by name
    ],
)
def test_sorting_by_a_column(brand_editor, network, ordering, expected):
    _headings, rows = html_rows(brand_editor, ordering=ordering)

    assert names(rows) == expected


def test_every_column_heading_sorts(brand_editor, network):
    response = brand_editor.get(OVERVIEW)

    links = [th.a["href"] for th in soup(response).select("table.listing thead th")]
    orderings = [href.split("ordering=")[1].split("&")[0] for href in links]
    keys = ["training", "quiz", "downloads", "holdings", "tools", "voice", "nps"]
    assert orderings == ["-name", "kinds", "level", "overall", *keys, "people"]


def test_filtering_by_level(brand_editor, network):
    goud = RecognitionLevel.objects.get(name="Goud")
    zilver = RecognitionLevel.objects.get(name="Zilver")

    assert html_rows(brand_editor, level=goud.pk)[1] == [ROW_A]
    assert names(html_rows(brand_editor, level="null")[1]) == ["Partner B", "Partner C"]
    assert html_rows(brand_editor, level=zilver.pk)[1] == []


def test_filtering_by_kind_and_searching_by_name(brand_editor, network, kind_courier):
    assert names(html_rows(brand_editor, kind=kind_courier.pk)[1]) == ["Partner B", "Partner C"]
    assert names(html_rows(brand_editor, q="ner c")[1]) == ["Partner C"]
    assert names(html_rows(brand_editor, q="partner", kind=kind_courier.pk, level="null", ordering="-name")[1]) == [
        "Partner C",
        "Partner B",
    ]


def test_the_overview_offers_its_filters(brand_editor, network):
    response = brand_editor.get(OVERVIEW)

    fields = {field["name"] for field in soup(response).select("form[method=get] [name]")}
    assert {"level", "kind", "q"} <= fields
    level_options = [option.get_text(strip=True) for option in soup(response).select("select[name=level] option")]
    assert level_options[1:] == ["geen niveau", "Brons", "Zilver", "Goud", "Ster"]


def test_csv_export_has_every_metric(brand_editor, network):
    rows = csv_rows(brand_editor)

    assert rows[0] == HEADINGS
    # No value: an empty cell, not a dash, so a spreadsheet can count.
    dash = {"–": ""}
    assert rows[1:] == [[dash.get(cell, cell) for cell in row] for row in (ROW_A, ROW_B, ROW_C)]


def test_csv_export_follows_filters_and_ordering(brand_editor, network):
    rows = csv_rows(brand_editor, level="null", ordering="-overall")

    assert [row[0] for row in rows[1:]] == ["Partner B", "Partner C"]


def test_xlsx_export_has_numbers(brand_editor, network):
    rows = [[cell.value for cell in row] for row in xlsx_sheet(brand_editor).iter_rows()]

    assert rows[0] == HEADINGS
    assert rows[1] == ["Partner A", "Tussenpersoon", "Goud", 82, 100, 90, None, None, 50, 50, None, 2]
    assert rows[3][3:] == [None] * 8 + [0]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://example.com")', "+31 Bouw", "-Min", "@Apenstaart"])
def test_partner_names_that_look_like_formulas_are_exported_as_text(brand_editor, network, name):
    network["C"].name = name
    network["C"].save()

    rows = csv_rows(brand_editor, q=name)
    assert rows[1][0] == "'" + name
    sheet = xlsx_sheet(brand_editor, q=name)
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2))][0] == name
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# ---------------------------------------------------------------------------
# One partner's scorecard
# ---------------------------------------------------------------------------


def partner_url(partner):
    return f"/admin/recognition/partners/{partner.pk}/"


def metric_rows(page):
    return {
        row["data-metric"]: [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select("tr.recognition-metric")
    }


def test_the_scorecard_shows_each_metric_with_its_counts_and_explanation(brand_editor, network):
    response = brand_editor.get(partner_url(network["A"]))

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    text = page.get_text(" ", strip=True)
    assert "Niveau: Goud" in text
    assert "None" not in text
    assert "Totaalscore: 82 van 100." in text
    rows = metric_rows(page)
    assert rows["training"][:3] == ["100", "2 van 2 mensen", "3"]
    assert rows["quiz"][:2] == ["90", "1 toetspoging"]
    assert rows["tools"][:2] == ["50", "1 van 2 mensen"]
    assert rows["nps"][:2] == ["–", "0 klantantwoorden; telt mee vanaf 5"]
    assert rows["training"][3] == "90", "Ster asks 90 on customer-critical training"
    assert "mensen met alles behaald ÷ alle mensen × 100" in rows["training"][-1]


def test_the_scorecard_shows_what_the_next_level_asks(brand_editor, network):
    page = soup(brand_editor.get(partner_url(network["A"])))

    assert page.find(id="next-title").get_text(strip=True) == "Wat Ster nog vraagt"
    assert [item.get_text(" ", strip=True) for item in page.select(".recognition-shortfalls li")] == [
        "Totaalscore: Nu 82, nodig is minstens 85. Verbeter vooral de maatstaven die het zwaarst wegen."
    ]


def test_the_scorecard_shows_training_gaps_and_outdated_versions(brand_editor, network, staff_b):
    page = soup(brand_editor.get(partner_url(network["B"])))

    gaps = [[text(cell) for cell in row.select("th, td")] for row in page.select("tr.recognition-gap")]
    assert gaps == [["Belofte", "1 persoon", f"1 persoon: {staff_b.get_full_name() or staff_b.email}"]]
    outdated = [text(item) for item in page.select(".recognition-outdated li")]
    assert len(outdated) == 1
    assert outdated[0].startswith("Folder, versie 1 (vervangen op")
    assert [item.get_text(" ", strip=True) for item in page.select(".recognition-shortfalls li")] == [
        "Totaalscore: Nu 13, nodig is minstens 40. Verbeter vooral de maatstaven die het zwaarst wegen."
    ]


def test_the_scorecard_shows_the_trend_and_the_log_newest_first(brand_editor, network):
    partner = network["A"]
    this_month = month_of(timezone.now())
    two_months_ago = (this_month - timedelta(days=40)).replace(day=1)
    long_ago = this_month.replace(year=this_month.year - 2)
    for month, overall, level in [(this_month, 99, "Ster"), (two_months_ago, 64, "Zilver"), (long_ago, 10, "")]:
        Snapshot.objects.create(partner=partner, month=month, overall=overall, level_name=level)
    LevelChange.objects.create(
        partner=partner,
        previous_name="Zilver",
        previous_rank=2,
        level_name="Goud",
        rank=3,
        overall=82,
        changed_at=timezone.now(),
    )
    LevelChange.objects.create(
        partner=partner,
        previous_name="",
        level_name="Zilver",
        rank=2,
        overall=64,
        changed_at=timezone.now() - timedelta(days=40),
        cause=LevelChange.Cause.LEVELS,
    )

    page = soup(brand_editor.get(partner_url(partner)))

    trend = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.select(".recognition-trend tbody tr")
    ]
    # From the first measured month of the last twelve (the one two years ago is not among them), newest first;
    # this month as measured now, whatever an earlier snapshot of it said.
    assert len(trend) == 3
    assert trend[0][0].endswith("(tot nu)")
    assert trend[1][1:] == ["niet gemeten"]
    assert trend[2][1:] == ["64", "Zilver"]
    chart = page.select_one("svg.recognition-chart")
    assert chart["role"] == "img" and chart.title.get_text()
    assert len(chart.select("circle")) == 2
    changes = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")][1:]
        for row in page.select(".recognition-changes tbody tr")
    ]
    assert changes == [
        ["Zilver", "Goud (omhoog)", "82", "scores veranderd"],
        ["geen niveau", "Zilver (omhoog)", "64", "niveaus gewijzigd"],
    ]


def test_an_unknown_partner_is_not_found(brand_editor, network):
    assert brand_editor.get("/admin/recognition/partners/999999/").status_code == HTTPStatus.NOT_FOUND


# ---------------------------------------------------------------------------
# Who may open it
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff_a", "manager_a", "manager_b"])
@pytest.mark.parametrize("params", [{}, {"export": "csv"}, {"export": "xlsx"}])
def test_partner_users_get_no_access(client, request, network, role, params):
    client.force_login(request.getfixturevalue(role))

    for url in (OVERVIEW, partner_url(network["A"])):
        response = client.get(url, params)
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert "Partner B" not in response.content.decode()


def test_the_brand_side_needs_the_permission_to_see_standings(client, login_with_mfa, network):
    """Someone in the admin without the recognition permissions sees neither the overview nor a scorecard."""
    user = UserFactory(email="ander@merk.example", is_staff=True)
    group = Group.objects.create(name="Zonder erkenning")
    group.permissions.add(*ensure_brand_team_group().permissions.exclude(content_type__app_label="recognition"))
    user.groups.add(group)
    login_with_mfa(client, user)

    # Wagtail's answer to a missing permission in the admin: back to the dashboard, with a message.
    for url in (OVERVIEW, partner_url(network["A"])):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert "recognition-network-section" not in client.get("/admin/", follow=True).content.decode()


def test_anonymous_is_sent_to_log_in(client, network):
    for url in (OVERVIEW, partner_url(network["A"])):
        assert client.get(url).status_code == HTTPStatus.FOUND


# ---------------------------------------------------------------------------
# The dashboard
# ---------------------------------------------------------------------------


@pytest.fixture
def answers(network, home_page, partner_a):
    """Three answers now (two promoters, one detractor: NPS 33) and one from 100 days ago (a detractor)."""
    journey = journeys_factories.journey(
        journeys_factories.journey_index(home_page), "Schade", steps=[journeys_factories.step("Melding")]
    )
    step = journey.steps.get()
    for score in (10, 9, 3):
        journeys_factories.response(step, partner_a, score)
    journeys_factories.response(step, partner_a, 0, at=timezone.now() - timedelta(days=100))


def panel(client):
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    return soup(response).find(id="recognition-network-section")


def figure(section):
    return section.select_one(".recognition-figure__number").get_text(strip=True)


def test_the_dashboard_shows_the_network(brand_editor, network, answers):
    page = panel(brand_editor)
    assert "None" not in page.get_text()

    levels = {
        item["data-level"]: (
            item.a.get_text(strip=True),
            item.select_one(".recognition-bar__count").get_text(strip=True),
        )
        for item in page.select(".recognition-bars li")
    }
    goud = RecognitionLevel.objects.get(name="Goud")
    assert list(levels.values()) == [
        ("geen niveau", "2 partners"),
        ("Brons", "0 partners"),
        ("Zilver", "0 partners"),
        ("Goud", "1 partner"),
        ("Ster", "0 partners"),
    ]
    assert page.select_one(f'li[data-level="{goud.pk}"] a')["href"] == f"{OVERVIEW}?level={goud.pk}"

    training = page.select_one('[data-figure="training"]')
    assert figure(training) == "67%"
    assert "2 van 3 mensen hebben elk verplicht certificaat." in training.get_text(" ", strip=True)

    outdated = page.select_one('[data-figure="outdated"]')
    assert figure(outdated) == "1"
    assert "/admin/reports/materials/holders/" in [link["href"] for link in outdated.select("a")]

    nps = page.select_one('[data-figure="nps"]')
    assert figure(nps) == "33"
    assert "Uit 3 antwoorden in de afgelopen 90 dagen." in nps.get_text(" ", strip=True)
    months = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in nps.select("tbody tr")]
    assert len(months) == 6
    assert months[-1][1:] == ["33", "3"]
    assert ["-100", "1"] in [row[1:] for row in months[:-1]]
    assert len(nps.select("svg circle")) == 2
    assert all(link["href"].startswith(OVERVIEW) for link in page.select('[data-figure="levels"] a'))


def test_an_administrator_sees_the_panel_too(client, login_with_mfa, admin_user, network):
    login_with_mfa(client, admin_user)
    assert panel(client) is not None  # a superuser has every permission


# ---------------------------------------------------------------------------
# The levels snippet and the brand team's permissions
# ---------------------------------------------------------------------------


def test_the_brand_team_group_may_edit_levels_and_see_standings(db):
    group = ensure_brand_team_group()

    codenames = set(group.permissions.filter(content_type__app_label="recognition").values_list("codename", flat=True))
    assert codenames == {
        "add_recognitionlevel",
        "change_recognitionlevel",
        "change_recognitionsettings",
        "view_standing",
        "view_levelchange",
    }
    assert Group.objects.get(name=BRAND_TEAM_GROUP) == group


def level_form(level, **changes):
    fields = ["name", "rank", "description", "min_overall", "min_critical"]
    fields += [f"min_{key}" for key in ("training", "quiz", "downloads", "holdings", "tools", "voice", "nps")]
    data = {name: getattr(level, name) for name in fields}
    return {name: "" if value is None else value for name, value in {**data, **changes}.items()}


def test_the_brand_team_edits_a_level_and_every_partner_is_placed_again(
    brand_editor, network, django_capture_on_commit_callbacks
):
    goud = RecognitionLevel.objects.get(name="Goud")
    list_response = brand_editor.get("/admin/snippets/recognition/recognitionlevel/")
    assert list_response.status_code == HTTPStatus.OK
    assert [row.find("a").get_text(strip=True) for row in soup(list_response).select("table.listing tbody tr")] == [
        "Brons",
        "Zilver",
        "Goud",
        "Ster",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = brand_editor.post(
            f"/admin/snippets/recognition/recognitionlevel/edit/{goud.pk}/", level_form(goud, min_overall=85)
        )

    assert response.status_code == HTTPStatus.FOUND
    assert RecognitionLevel.objects.get(pk=goud.pk).min_overall == 85
    standing = Standing.objects.select_related("level").get(partner=network["A"])
    assert (standing.level.name, standing.overall) == ("Zilver", 82)
    assert names(html_rows(brand_editor, level=goud.pk)[1]) == []


def test_the_brand_team_cannot_delete_or_copy_a_level(brand_editor, network):
    brons = RecognitionLevel.objects.get(name="Brons")

    response = brand_editor.post(f"/admin/snippets/recognition/recognitionlevel/delete/{brons.pk}/")

    assert response.status_code != HTTPStatus.OK
    assert RecognitionLevel.objects.filter(pk=brons.pk).exists()
    copy = brand_editor.get(f"/admin/snippets/recognition/recognitionlevel/copy/{brons.pk}/")
    assert copy.status_code == HTTPStatus.NOT_FOUND
