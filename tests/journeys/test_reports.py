"""The brand team's feedback reports: NPS per step worked out by hand, months, filters, exports, cost and access."""

import csv
import io
from datetime import date, datetime, timedelta
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail import hooks

from journeys import factories
from partners.factories import PartnerFactory

NPS = "/admin/reports/journeys/nps/"
FOLLOW_UP = "/admin/reports/journeys/follow-up/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def answers(step, partner, start, scores, comments=None):
    """Answers one minute apart from `start`; comments by position."""
    comments = comments or {}
    for position, score in enumerate(scores):
        at = start + timedelta(minutes=position)
        factories.response(step, partner, score, comment=comments.get(position, ""), at=at)


@pytest.fixture
def history(claim_journey, claim_steps, journey_index, partner_a, partner_b):
    """'Schade melden': the report's numbers below are worked out by hand from these answers.

    Melding: A in January 10 9 9 8 3 (40), B in February 6 0 (-100); together 3 promoters, 1 passive, 3 detractors.
    Beoordeling: A in March 9 6 6 8 8 8 8 8: (1 - 2) / 8 = -12.5, rounded away from zero to -13.
    Herstel: B in February 10 7 7 (33). 'Overstappen' (sorted first): one 10 of A at 00:30 on 1 February, which is
    still January in UTC.
    """
    steps = claim_steps
    answers(steps["Melding"], partner_a, local(2026, 1, 10, 12), [10, 9, 9, 8, 3], {4: "Niemand belde terug."})
    answers(steps["Melding"], partner_b, local(2026, 2, 12, 9), [6, 0], {1: "Te laat."})
    answers(steps["Beoordeling"], partner_a, local(2026, 3, 3, 9), [9, 6, 6, 8, 8, 8, 8, 8])
    answers(
        steps["Herstel"], partner_b, local(2026, 2, 20, 15), [10, 7, 7], {0: "Snel geholpen!", 1: "Monteur was laat."}
    )
    switching = factories.journey(journey_index, "Overstappen", steps=[factories.step("Aanvraag")])
    answers(switching.steps.get(), partner_a, local(2026, 2, 1, 0, 30), [10])


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def html_rows(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == HTTPStatus.OK
    table = soup(response).find("table", class_="listing")
    if table is None:
        return None, []
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in table.select("tbody tr")]
    return headings, rows


def csv_rows(client, url, **params):
    response = client.get(url, {"export": "csv", **params})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_sheet(client, url, **params):
    response = client.get(url, {"export": "xlsx", **params})
    assert response.status_code == HTTPStatus.OK
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def xlsx_rows(client, url, **params):
    return [[cell.value for cell in row] for row in xlsx_sheet(client, url, **params).iter_rows()]


def without_last(rows):
    return [row[:-1] for row in rows]


# ---------------------------------------------------------------------------
# NPS per step
# ---------------------------------------------------------------------------

HEADINGS = [
    "Klantreis",
    "Stap",
    "Antwoorden",
    "Promotors",
    "Neutraal",
    "Criticasters",
    "NPS",
    "Laatste antwoord",
]
# Journeys by title, steps in their order in the journey.
SWITCHING = ["Overstappen", "Aanvraag", "1", "1", "0", "0", "100"]
CLAIM_REPORT = ["Schade melden", "Melding", "7", "3", "1", "3", "0"]
CLAIM_ASSESSMENT = ["Schade melden", "Beoordeling", "8", "1", "5", "2", "-13"]
CLAIM_REPAIR = ["Schade melden", "Herstel", "3", "1", "2", "0", "33"]
WHOLE_PERIOD = [SWITCHING, CLAIM_REPORT, CLAIM_ASSESSMENT, CLAIM_REPAIR]
WHOLE_PERIOD_LAST = ["01-02-2026 00:30", "12-02-2026 09:01", "03-03-2026 09:07", "20-02-2026 15:02"]


@pytest.mark.parametrize("params", [{}, {"grouping": ""}])
def test_nps_per_step_over_the_whole_period(brand_editor, history, params):
    headings, rows = html_rows(brand_editor, NPS, **params)

    assert headings == HEADINGS
    assert without_last(rows) == WHOLE_PERIOD
    assert all(row[-1] for row in rows)


def test_nps_csv_export(brand_editor, history):
    rows = csv_rows(brand_editor, NPS)

    assert rows[0] == HEADINGS
    assert without_last(rows[1:]) == WHOLE_PERIOD
    assert [row[-1] for row in rows[1:]] == WHOLE_PERIOD_LAST


def test_nps_xlsx_export(brand_editor, history):
    rows = xlsx_rows(brand_editor, NPS)

    assert rows[0] == HEADINGS
    assert without_last(rows[1:]) == [[journey, step, *map(int, numbers)] for journey, step, *numbers in WHOLE_PERIOD]
    assert rows[1][-1] == datetime(2026, 2, 1, 0, 30)  # local time


MONTH_HEADINGS = ["Klantreis", "Stap", "Maand", *HEADINGS[2:]]
# Newest month first, then journey and step; months in local time (00:30 on 1 February is February).
PER_MONTH = [
    ["Schade melden", "Beoordeling", "maart 2026", "8", "1", "5", "2", "-13"],
    ["Overstappen", "Aanvraag", "februari 2026", "1", "1", "0", "0", "100"],
    ["Schade melden", "Melding", "februari 2026", "2", "0", "0", "2", "-100"],
    ["Schade melden", "Herstel", "februari 2026", "3", "1", "2", "0", "33"],
    ["Schade melden", "Melding", "januari 2026", "5", "3", "1", "1", "40"],
]


def test_nps_per_month(brand_editor, history):
    headings, rows = html_rows(brand_editor, NPS, grouping="month")

    assert headings == MONTH_HEADINGS
    assert without_last(rows) == PER_MONTH


def test_nps_per_month_exports(brand_editor, history):
    rows = csv_rows(brand_editor, NPS, grouping="month")

    assert rows[0] == MONTH_HEADINGS
    assert [row[2] for row in rows[1:]] == ["01-03-2026", "01-02-2026", "01-02-2026", "01-02-2026", "01-01-2026"]
    assert [row[3:-1] for row in rows[1:]] == [row[3:] for row in PER_MONTH]

    xlsx = xlsx_rows(brand_editor, NPS, grouping="month")
    assert xlsx[0] == MONTH_HEADINGS
    assert [row[:-1] for row in xlsx[1:3]] == [
        ["Schade melden", "Beoordeling", date(2026, 3, 1), 8, 1, 5, 2, -13],
        ["Overstappen", "Aanvraag", date(2026, 2, 1), 1, 1, 0, 0, 100],
    ]


@pytest.fixture
def filter_values(history, partner_a, partner_b, kind_intermediary, kind_courier, claim_journey):
    """Turn the names used in the filter tables into the values the report's filter form takes."""
    values = {
        "partner": {"A": partner_a.pk, "B": partner_b.pk},
        "kind": {"intermediary": kind_intermediary.pk, "courier": kind_courier.pk},
        "journey": {"claim": claim_journey.pk},
    }
    return lambda params: {name: values[name][value] if name in values else value for name, value in params.items()}


NPS_FILTERS = [
    ({"partner": "A"}, [SWITCHING, ["Schade melden", "Melding", "5", "3", "1", "1", "40"], CLAIM_ASSESSMENT]),
    ({"kind": "courier"}, [["Schade melden", "Melding", "2", "0", "0", "2", "-100"], CLAIM_REPAIR]),
    ({"journey": "claim"}, [CLAIM_REPORT, CLAIM_ASSESSMENT, CLAIM_REPAIR]),
    # From 1 February in local time: the answer at 00:30 that day too.
    (
        {"created_at_from": "2026-02-01"},
        [SWITCHING, ["Schade melden", "Melding", "2", "0", "0", "2", "-100"], *WHOLE_PERIOD[2:]],
    ),
    ({"created_at_to": "2026-01-31"}, [["Schade melden", "Melding", "5", "3", "1", "1", "40"]]),
    ({"created_at_from": "2026-03-04"}, []),
    (
        {"kind": "intermediary", "journey": "claim", "grouping": "month"},
        [
            ["Schade melden", "Beoordeling", "maart 2026", "8", "1", "5", "2", "-13"],
            ["Schade melden", "Melding", "januari 2026", "5", "3", "1", "1", "40"],
        ],
    ),
]


@pytest.mark.parametrize("params, expected", NPS_FILTERS)
def test_nps_filters(brand_editor, filter_values, params, expected):
    _headings, rows = html_rows(brand_editor, NPS, **filter_values(params))

    assert without_last(rows) == expected


def test_nps_export_follows_the_filters(brand_editor, filter_values):
    params, expected = NPS_FILTERS[-1]

    rows = csv_rows(brand_editor, NPS, **filter_values(params))

    assert rows[0] == MONTH_HEADINGS
    assert [row[:2] + row[3:-1] for row in rows[1:]] == [row[:2] + row[3:] for row in expected]


def test_nps_report_offers_the_filters(brand_editor, history):
    response = brand_editor.get(NPS)

    fields = {field["name"] for field in soup(response).select("form[method=get] [name]")}
    assert {"journey", "partner", "kind", "created_at_from", "created_at_to", "grouping"} <= fields


def test_nps_report_without_answers_is_empty(brand_editor, claim_journey):
    _headings, rows = html_rows(brand_editor, NPS)

    assert rows == []
    assert csv_rows(brand_editor, NPS) == [HEADINGS]


# ---------------------------------------------------------------------------
# Low scores and comments
# ---------------------------------------------------------------------------

FOLLOW_UP_HEADINGS = ["Datum", "Klantreis", "Stap", "Partner", "Score", "Toelichting"]
# Newest first: the two 6s of the assessment (no comment, but low), the repair's commented 10 and 7, B's 6 and its
# commented 0, A's commented 3. Scores of 7 and more without a comment are not here.
FOLLOW_UP_ROWS = [
    ["03-03-2026 09:02", "Schade melden", "Beoordeling", "Partner A", "6", ""],
    ["03-03-2026 09:01", "Schade melden", "Beoordeling", "Partner A", "6", ""],
    ["20-02-2026 15:01", "Schade melden", "Herstel", "Partner B", "7", "Monteur was laat."],
    ["20-02-2026 15:00", "Schade melden", "Herstel", "Partner B", "10", "Snel geholpen!"],
    ["12-02-2026 09:01", "Schade melden", "Melding", "Partner B", "0", "Te laat."],
    ["12-02-2026 09:00", "Schade melden", "Melding", "Partner B", "6", ""],
    ["10-01-2026 12:04", "Schade melden", "Melding", "Partner A", "3", "Niemand belde terug."],
]


def test_follow_up_lists_low_scores_and_comments_newest_first(brand_editor, history):
    headings, rows = html_rows(brand_editor, FOLLOW_UP)

    assert headings == FOLLOW_UP_HEADINGS
    assert [row[1:] for row in rows] == [row[1:] for row in FOLLOW_UP_ROWS]
    assert all(row[0] for row in rows)


def test_follow_up_csv_and_xlsx(brand_editor, history):
    assert csv_rows(brand_editor, FOLLOW_UP) == [FOLLOW_UP_HEADINGS, *FOLLOW_UP_ROWS]

    rows = xlsx_rows(brand_editor, FOLLOW_UP)
    assert rows[0] == FOLLOW_UP_HEADINGS
    assert rows[1] == [datetime(2026, 3, 3, 9, 2), "Schade melden", "Beoordeling", "Partner A", 6, None]
    first = [datetime(2026, 1, 10, 12, 4), "Schade melden", "Melding", "Partner A", 3, "Niemand belde terug."]
    assert rows[-1] == first


FOLLOW_UP_FILTERS = [
    ({"partner": "A"}, [FOLLOW_UP_ROWS[index] for index in (0, 1, 6)]),
    ({"kind": "courier"}, FOLLOW_UP_ROWS[2:6]),
    ({"band": "detractors"}, [FOLLOW_UP_ROWS[index] for index in (0, 1, 4, 5, 6)]),
    ({"band": "passives"}, FOLLOW_UP_ROWS[2:3]),
    ({"band": "promoters"}, FOLLOW_UP_ROWS[3:4]),
    ({"created_at_from": "2026-02-01", "created_at_to": "2026-02-28"}, FOLLOW_UP_ROWS[2:6]),
    ({"journey": "claim", "partner": "B", "band": "detractors"}, FOLLOW_UP_ROWS[4:6]),
]


@pytest.mark.parametrize("params, expected", FOLLOW_UP_FILTERS)
def test_follow_up_filters(brand_editor, filter_values, params, expected):
    _headings, rows = html_rows(brand_editor, FOLLOW_UP, **filter_values(params))
    assert [row[1:] for row in rows] == [row[1:] for row in expected]

    assert csv_rows(brand_editor, FOLLOW_UP, **filter_values(params))[1:] == expected


def test_follow_up_offers_the_filters_without_a_grouping(brand_editor, history):
    response = brand_editor.get(FOLLOW_UP)

    fields = {field["name"] for field in soup(response).select("form[method=get] [name]")}
    assert {"journey", "partner", "kind", "created_at_from", "created_at_to", "band"} <= fields
    assert "grouping" not in fields


@pytest.mark.parametrize("comment", ['=HYPERLINK("http://example.com")', "+31 20 123", "-1+1", "@SUM(A1)"])
def test_customer_comments_that_look_like_formulas_are_exported_as_text(brand_editor, claim_steps, partner_a, comment):
    """Comments come from anyone with a feedback link: a spreadsheet must never run them."""
    factories.response(claim_steps["Melding"], partner_a, 2, comment=comment)

    assert csv_rows(brand_editor, FOLLOW_UP)[1][-1] == "'" + comment
    sheet = xlsx_sheet(brand_editor, FOLLOW_UP)
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2))][-1] == comment
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# ---------------------------------------------------------------------------
# Who sees them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [NPS, FOLLOW_UP])
@pytest.mark.parametrize("role", ["staff_a", "manager_a", "manager_b"])
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_partner_users_cannot_open_the_reports(client, request, history, url, role, export):
    client.force_login(request.getfixturevalue(role))

    response = client.get(url, {"export": export} if export else {})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Schade melden" not in response.content.decode()


@pytest.mark.parametrize("url", [NPS, FOLLOW_UP])
def test_anonymous_is_sent_to_log_in(client, history, url):
    response = client.get(url, {"export": "csv"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def report_menu_items(user, rf):
    request = rf.get("/admin/")
    request.user = user
    items = [make() for make in hooks.get_hooks("register_reports_menu_item")]
    return {item.name: item for item in items if item.name.startswith("journeys-") and item.is_shown(request)}


def test_the_brand_team_finds_the_reports_in_the_reports_menu(rf, brand_team, staff_a):
    items = report_menu_items(brand_team, rf)

    assert {name: (str(item.label), item.url) for name, item in items.items()} == {
        "journeys-nps": ("NPS per stap", NPS),
        "journeys-follow-up": ("Lage scores en opmerkingen", FOLLOW_UP),
    }
    assert report_menu_items(staff_a, rf) == {}


# ---------------------------------------------------------------------------
# Query budget
# ---------------------------------------------------------------------------


def report_queries(client, url, **params):
    client.get(url, params)  # warm-up: the admin's menu and site caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if "export" in params:
            b"".join(response.streaming_content)  # an export reads its rows while streaming
    assert response.status_code == HTTPStatus.OK
    return len(queries.captured_queries)


def more_history(journey_index, partners, count):
    """`count` answers over 30 partners, 3 more journeys of 4 steps each and 11 months, a third with a comment."""
    steps = [
        step
        for number in range(3)
        for step in factories.journey(
            journey_index, f"Reis {number}", steps=[factories.step(f"Stap {index}") for index in range(4)]
        ).steps.all()
    ]
    for number in range(count):
        factories.response(
            steps[number % len(steps)],
            partners[number % len(partners)],
            number % 11,
            comment="Toelichting" if number % 3 == 0 else "",
            at=local(2025, 1 + number % 11, 1 + number % 28, 12),
        )


@pytest.mark.parametrize(
    "url, params",
    [
        (NPS, {}),
        (NPS, {"grouping": "month"}),
        (NPS, {"export": "csv", "grouping": "month"}),
        (NPS, {"export": "xlsx"}),
        (FOLLOW_UP, {}),
        (FOLLOW_UP, {"band": "detractors"}),
        (FOLLOW_UP, {"export": "csv"}),
        (FOLLOW_UP, {"export": "xlsx"}),
    ],
)
def test_report_queries_do_not_grow_with_answers(
    brand_editor, history, journey_index, django_assert_max_num_queries, url, params
):
    """Counting happens in the database and rows come with their journey and partner: 15 answers or 615 cost
    the same number of queries."""
    small = report_queries(brand_editor, url, **params)

    more_history(journey_index, PartnerFactory.create_batch(30), 600)
    with django_assert_max_num_queries(small):
        response = brand_editor.get(url, params)
        if "export" in params:
            b"".join(response.streaming_content)

    assert response.status_code == HTTPStatus.OK
