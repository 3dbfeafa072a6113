"""The brand team's teksttoets usage report: numbers worked out by hand, filters, months, exports and who sees it."""

import csv
import io
from datetime import date, datetime
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail import hooks

from partners.factories import PartnerFactory
from voice.models import ApiToken, TextCheck
from voice.reports import percentage

REPORT = "/admin/reports/voice/usage/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PAGE, API = TextCheck.Via.PAGE, TextCheck.Via.API


def local(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


def check(partner, user, at, *, via=PAGE, detected="u", words=10, errors=0, token=None):
    return TextCheck.objects.create(
        partner=partner,
        user=user,
        token=token,
        via=via,
        form="u",
        detected=detected,
        words=words,
        errors=errors,
        warnings=1,
        checked_at=at,
    )


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


@pytest.fixture
def history(partner_a, partner_b, staff_a, manager_a, staff_b, brand_team):
    """Partner A: staff A on the page in January (one of them mixed, with errors) and March, the manager on the page
    just after midnight on 1 February and through the API (logged in, mixed, one error) in February. Partner B: its
    CRM's key twice in February (no person) and staff B on the page in March (mixed, with errors). The brand team's
    own check has no partner and counts nowhere."""
    crm, _raw = ApiToken.issue(partner_b, None, "CRM")
    check(partner_a, staff_a, local(2026, 1, 10, 12), words=100)
    check(partner_a, staff_a, local(2026, 1, 31, 23, 30), detected="mixed", words=50, errors=2)  # 22:30 UTC
    check(partner_a, manager_a, local(2026, 2, 1, 0, 30), detected="jij", words=30)  # still January in UTC
    check(partner_a, manager_a, local(2026, 2, 14, 9), via=API, detected="mixed", words=20, errors=1)
    check(partner_a, staff_a, local(2026, 3, 2, 9), words=200)
    check(partner_b, None, local(2026, 2, 10, 10), via=API, words=80, token=crm)
    check(partner_b, None, local(2026, 2, 11, 10), via=API, detected="none", words=5, token=crm)
    check(partner_b, staff_b, local(2026, 3, 5, 15), detected="mixed", words=40, errors=3)
    check(None, brand_team, local(2026, 2, 20, 11), detected="mixed", words=999, errors=4)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def html_rows(client, **params):
    response = client.get(REPORT, params)
    assert response.status_code == HTTPStatus.OK
    table = soup(response).find("table", class_="listing")
    if table is None:
        return None, []
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in table.select("tbody tr")]
    return headings, rows


def csv_rows(client, **params):
    response = client.get(REPORT, {"export": "csv", **params})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_sheet(client, **params):
    response = client.get(REPORT, {"export": "xlsx", **params})
    assert response.status_code == HTTPStatus.OK
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def xlsx_rows(client, **params):
    return [[cell.value for cell in row] for row in xlsx_sheet(client, **params).iter_rows()]


def without(rows, *columns):
    return [[value for index, value in enumerate(row) if index not in columns] for row in rows]


HEADINGS = [
    "Partner",
    "Via de teksttoets",
    "Via de API",
    "Personen",
    "Woorden",
    "U en jij door elkaar",
    "Zonder fouten (%)",
    "Laatste toets",
]
LAST = 7  # "Laatste toets" when not grouped per month
# Partner, page checks, API checks, people, words, mixed texts, % without errors. A: 5 checks by 2 people, 400 words,
# 3 of 5 clean. B: 3 checks, only staff B is a person (the key is not), 125 words, 2 of 3 clean (66.7).
WHOLE_PERIOD = [
    ["Partner A", "4", "1", "2", "400", "2", "60"],
    ["Partner B", "1", "2", "1", "125", "1", "67"],
]
WHOLE_PERIOD_LAST = ["02-03-2026 09:00", "05-03-2026 15:00"]


@pytest.mark.parametrize("params", [{}, {"grouping": ""}])
def test_report_counts_checks_per_partner_over_the_whole_period(editor, history, params):
    headings, rows = html_rows(editor, **params)

    assert headings == HEADINGS
    assert without(rows, LAST) == WHOLE_PERIOD
    assert all(row[LAST] for row in rows)


def test_brand_team_checks_are_left_out(editor, history, brand_team):
    _headings, rows = html_rows(editor)

    assert [row[0] for row in rows] == ["Partner A", "Partner B"]
    assert "999" not in editor.get(REPORT).content.decode()
    assert TextCheck.objects.filter(partner=None, user=brand_team).count() == 1  # it was recorded, just not counted


def test_csv_export(editor, history):
    rows = csv_rows(editor)

    assert rows[0] == HEADINGS
    assert without(rows[1:], LAST) == WHOLE_PERIOD
    assert [row[LAST] for row in rows[1:]] == WHOLE_PERIOD_LAST


def test_xlsx_export(editor, history):
    sheet = xlsx_sheet(editor)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert rows[0] == HEADINGS
    assert without(rows[1:], LAST) == [[name, *map(int, numbers)] for name, *numbers in WHOLE_PERIOD]
    assert [row[LAST] for row in rows[1:]] == [datetime(2026, 3, 2, 9), datetime(2026, 3, 5, 15)]  # local time
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


MONTH_HEADINGS = ["Partner", "Maand", *HEADINGS[1:]]
MONTH_LAST = LAST + 1
# Newest month first, then partner. 1 February 00:30 counts in February here although it is January in UTC;
# 31 January 23:30 in January although it is 22:30 UTC.
PER_MONTH = [
    ["Partner A", "maart 2026", "1", "0", "1", "200", "0", "100"],
    ["Partner B", "maart 2026", "1", "0", "1", "40", "1", "0"],
    ["Partner A", "februari 2026", "1", "1", "1", "50", "1", "50"],
    ["Partner B", "februari 2026", "0", "2", "0", "85", "0", "100"],
    ["Partner A", "januari 2026", "2", "0", "1", "150", "1", "50"],
]
PER_MONTH_LAST = ["02-03-2026 09:00", "05-03-2026 15:00", "14-02-2026 09:00", "11-02-2026 10:00", "31-01-2026 23:30"]


def test_report_per_month(editor, history):
    headings, rows = html_rows(editor, grouping="month")

    assert headings == MONTH_HEADINGS
    assert without(rows, MONTH_LAST) == PER_MONTH


def test_report_per_month_exports(editor, history):
    rows = csv_rows(editor, grouping="month")

    assert rows[0] == MONTH_HEADINGS
    assert without(rows[1:], 1, MONTH_LAST) == without(PER_MONTH, 1)
    # The month is a date (its first day); the CSV writes it as a Dutch date.
    assert [row[1] for row in rows[1:]] == ["01-03-2026", "01-03-2026", "01-02-2026", "01-02-2026", "01-01-2026"]
    assert [row[MONTH_LAST] for row in rows[1:]] == PER_MONTH_LAST

    xlsx = xlsx_rows(editor, grouping="month")
    assert xlsx[0] == MONTH_HEADINGS
    assert [row[:MONTH_LAST] for row in xlsx[1:]] == [
        ["Partner A", date(2026, 3, 1), 1, 0, 1, 200, 0, 100],
        ["Partner B", date(2026, 3, 1), 1, 0, 1, 40, 1, 0],
        ["Partner A", date(2026, 2, 1), 1, 1, 1, 50, 1, 50],
        ["Partner B", date(2026, 2, 1), 0, 2, 0, 85, 0, 100],
        ["Partner A", date(2026, 1, 1), 2, 0, 1, 150, 1, 50],
    ]
    assert all(type(row[1]) is date for row in xlsx[1:])  # a date, not a moment at midnight


@pytest.fixture
def filter_values(history, partner_a, partner_b, kind_intermediary, kind_courier):
    """Turn the names used in the filter table into the values the report's filter form takes."""
    values = {
        "partner": {"A": partner_a.pk, "B": partner_b.pk},
        "kind": {"intermediary": kind_intermediary.pk, "courier": kind_courier.pk},
    }
    return lambda params: {name: values[name][value] if name in values else value for name, value in params.items()}


FILTERS = [
    ({"partner": "B"}, WHOLE_PERIOD[1:]),
    ({"kind": "intermediary"}, WHOLE_PERIOD[:1]),
    ({"kind": "courier"}, WHOLE_PERIOD[1:]),
    # From 1 February: the manager's two checks (the first at 00:30 that day) and staff A's in March; all of B.
    ({"checked_at_from": "2026-02-01"}, [["Partner A", "2", "1", "2", "250", "1", "67"], WHOLE_PERIOD[1]]),
    # Up to 31 January: that whole day, so the check at 23:30 too.
    ({"checked_at_to": "2026-01-31"}, [["Partner A", "2", "0", "1", "150", "1", "50"]]),
    ({"checked_at_from": "2026-03-06"}, []),
    (
        {"partner": "A", "checked_at_from": "2026-02-01", "checked_at_to": "2026-02-28", "grouping": "month"},
        [["Partner A", "februari 2026", "1", "1", "1", "50", "1", "50"]],
    ),
]


@pytest.mark.parametrize("params, expected", FILTERS)
def test_report_filters(editor, filter_values, params, expected):
    headings, rows = html_rows(editor, **filter_values(params))

    assert without(rows, MONTH_LAST if "grouping" in params else LAST) == expected
    if expected:
        assert headings == (MONTH_HEADINGS if "grouping" in params else HEADINGS)


def test_report_exports_what_is_filtered(editor, filter_values):
    params, expected = FILTERS[-1]

    rows = csv_rows(editor, **filter_values(params))
    assert rows[0] == MONTH_HEADINGS
    assert without(rows[1:], 1, MONTH_LAST) == without(expected, 1)

    xlsx = xlsx_rows(editor, **filter_values(params))
    assert [row[:MONTH_LAST] for row in xlsx[1:]] == [["Partner A", date(2026, 2, 1), 1, 1, 1, 50, 1, 50]]


def test_report_offers_the_filters(editor, history):
    response = editor.get(REPORT)

    fields = {field["name"] for field in soup(response).select("form[method=get] [name]")}
    assert {"partner", "kind", "checked_at_from", "checked_at_to", "grouping"} <= fields
    grouping = soup(response).find("select", attrs={"name": "grouping"})
    assert [(option["value"], option.get_text(strip=True)) for option in grouping.select("option")] == [
        ("", "de hele periode samen"),
        ("month", "per maand"),
    ]


@pytest.mark.parametrize(
    "clean, checks, shown",
    [(0, 1, "0"), (1, 1, "100"), (1, 3, "33"), (2, 3, "67"), (1, 8, "13"), (5, 8, "63"), (3, 200, "2")],
)
def test_share_without_errors_is_a_whole_percentage_rounded_half_up(editor, partner_a, staff_a, clean, checks, shown):
    for number in range(checks):
        check(partner_a, staff_a, local(2026, 5, 1, 12), errors=0 if number < clean else 1)

    _headings, rows = html_rows(editor)

    assert rows[0][6] == shown
    assert csv_rows(editor)[1][6] == shown
    assert xlsx_rows(editor)[1][6] == int(shown)


def test_share_without_errors_is_empty_without_checks(db):
    share = TextCheck.objects.aggregate(share=percentage(Count("pk", filter=Q(errors=0)), Count("pk")))["share"]

    assert share is None


@pytest.mark.parametrize("name", ["=HYPERLINK(1)", "+31 20 123", "-1+1", "@SUM(A1)"])
def test_partner_names_that_look_like_formulas_are_exported_as_text(editor, staff_a, partner_a, name):
    partner_a.name = name
    partner_a.save()
    check(partner_a, staff_a, local(2026, 1, 10, 12))

    assert csv_rows(editor)[1][0] == "'" + name
    sheet = xlsx_sheet(editor)
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2))][0] == name
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# ---------------------------------------------------------------------------
# Who sees it
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_partner_users_cannot_open_the_report(client, request, history, role, export):
    client.force_login(request.getfixturevalue(role))

    response = client.get(REPORT, {"export": export} if export else {})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Partner A" not in response.content.decode()


def test_anonymous_is_sent_to_log_in_for_the_report(client, history):
    response = client.get(REPORT, {"export": "csv"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


def report_menu_item(user, rf):
    request = rf.get("/admin/")
    request.user = user
    items = [make() for make in hooks.get_hooks("register_reports_menu_item")]
    item = next(item for item in items if item.name == "voice-usage")
    return item, item.is_shown(request)


def test_the_brand_team_finds_the_report_in_the_reports_menu(rf, brand_team, staff_a):
    item, shown = report_menu_item(brand_team, rf)

    assert shown
    assert item.url == REPORT
    assert str(item.label) == "Gebruik van de teksttoets"
    assert not report_menu_item(staff_a, rf)[1]


# ---------------------------------------------------------------------------
# Query budget
# ---------------------------------------------------------------------------


def report_queries(client, **params):
    client.get(REPORT, params)  # warm-up: the admin's menu and site caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT, params)
        if "export" in params:
            b"".join(response.streaming_content)  # an export reads its rows while streaming
    assert response.status_code == HTTPStatus.OK
    return len(queries.captured_queries), response


@pytest.mark.parametrize("params", [{}, {"grouping": "month"}, {"export": "csv"}, {"export": "xlsx"}])
def test_report_queries_do_not_grow_with_partners_and_checks(
    editor, history, staff_a, django_assert_num_queries, params
):
    """Counting happens in the database: 2 partners or 40, 8 checks or 2,008, the report costs the same queries."""
    small, _response = report_queries(editor, **params)

    partners = PartnerFactory.create_batch(38)
    TextCheck.objects.bulk_create(
        TextCheck(
            partner=partners[number % 38],
            user=staff_a if number % 3 else None,
            via=PAGE if number % 2 else API,
            detected="mixed" if number % 5 == 0 else "u",
            words=number % 300,
            errors=number % 4,
            warnings=0,
            checked_at=local(2026, 1 + number % 11, 1 + number % 28, 12),
        )
        for number in range(2000)
    )
    with django_assert_num_queries(small):
        response = editor.get(REPORT, params)
        if "export" in params:
            b"".join(response.streaming_content)

    assert response.status_code == HTTPStatus.OK
    if not params:
        assert len(html_rows(editor)[1]) == 40
