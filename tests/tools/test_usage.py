"""How tools are used: counting calculations, the manager's team overview (counts only), the brand team's report
with CSV and XLSX export, and the tools section of the home dashboard."""

import csv
import io
from collections import Counter
from datetime import date, datetime, timedelta
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.factories import UserFactory
from partners.factories import MembershipFactory, PartnerFactory
from partners.models import Role
from tools import factories
from tools.checklists import start_run
from tools.models import ChecklistRun, ToolUse
from tools.usage import record_calculation, team_usage

REPORT = "/admin/reports/tools/usage/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SECRET_LABEL = "Intake familie Zonnebloem"
SECRET_NOTE = "Twijfelt over de opzegging"
LABEL_B = "Rit naar Lelystad"


def ago(days):
    return timezone.now() - timedelta(days=days)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def calculations(calculator, user, partner, *days_ago):
    for days in days_ago:
        ToolUse.objects.create(
            tool=calculator, kind=ToolUse.Kind.CALCULATION, partner=partner, user=user, used_at=ago(days)
        )


def run(checklist, user, partner, *, started, completed=None, label=SECRET_LABEL, note=SECRET_NOTE):
    """A run started (and counted as started, by `start_run`) `started` days ago; completed (and counted, as saving
    it would) `completed` days ago."""
    item = checklist.items()[0]
    made = start_run(checklist, user, partner, label)
    made.uses.update(used_at=ago(started))
    made.answers = {item.id: {"done": completed is not None, "note": note}}
    made.created_at = ago(started)
    made.updated_at = ago(completed if completed is not None else started)
    made.completed_at = ago(completed) if completed is not None else None
    made.save()
    if completed is not None:
        ToolUse.objects.create(
            tool=checklist,
            kind=ToolUse.Kind.CHECKLIST_COMPLETED,
            partner=partner,
            user=user,
            run=made,
            used_at=ago(completed),
        )
    return made


def simple_calculator(index, title, **fields):
    return factories.calculator(
        index,
        title,
        inputs=[factories.number("bedrag", "Bedrag", default=100)],
        calculations=[factories.output("premie", "Premie", "bedrag * 0.05")],
        **fields,
    )


def simple_checklist(index, title, **fields):
    return factories.checklist(
        index, title, sections=[factories.section("Start", [("Polis bekeken", True), ("Koffie", False)])], **fields
    )


@pytest.fixture
def colleague_a(partner_a):
    return MembershipFactory(
        user=UserFactory(email="collega@partner-a.example"), partner=partner_a, role=Role.STAFF
    ).user


@pytest.fixture
def tools(tool_index, kind_courier):
    return {
        "premie": simple_calculator(tool_index, "Premie"),
        "hypotheek": simple_calculator(tool_index, "Hypotheek"),
        "ritprijs": simple_calculator(tool_index, "Ritprijs", audiences=[kind_courier]),
        "intake": simple_checklist(tool_index, "Intakegesprek"),
        "overdracht": simple_checklist(tool_index, "Overdracht"),
    }


@pytest.fixture
def history(tools, partner_a, partner_b, staff_a, manager_a, colleague_a, staff_b, brand_team):
    """Partner A: staff A calculated the premium 5 times (5, 20, 60, 200 and 400 days ago) and ran the intake
    four times (started 5, 40, 100 and 500 days ago, the first completed 4 and the third 95 days ago); the manager
    calculated premium and mortgage once each and has one hand-over open; the colleague did nothing. Partner B:
    staff B calculated premium 7 times and the courier price 3 times, and completed an intake. The brand team's
    own try-out has no partner."""
    calculations(tools["premie"], staff_a, partner_a, 5, 20, 60, 200, 400)
    calculations(tools["premie"], manager_a, partner_a, 2)
    calculations(tools["hypotheek"], manager_a, partner_a, 10)
    run(tools["intake"], staff_a, partner_a, started=5, completed=4)
    run(tools["intake"], staff_a, partner_a, started=40)
    run(tools["intake"], staff_a, partner_a, started=100, completed=95)
    run(tools["intake"], staff_a, partner_a, started=500)
    run(tools["overdracht"], manager_a, partner_a, started=3)
    calculations(tools["premie"], staff_b, partner_b, 1, 1, 1, 1, 1, 1, 1)
    calculations(tools["ritprijs"], staff_b, partner_b, 1, 2, 3)
    run(tools["intake"], staff_b, partner_b, started=3, completed=2, label=LABEL_B, note="Achterdeur")
    ToolUse.objects.create(tool=tools["premie"], kind=ToolUse.Kind.CALCULATION, partner=None, user=brand_team)
    return tools


# ---------------------------------------------------------------------------
# Counting calculations
# ---------------------------------------------------------------------------


def calculate(calculator, user):
    request = RequestFactory().post(calculator.url)
    request.user = user
    record_calculation(request, calculator)


def counted():
    """{(user id, tool id): calculations counted}."""
    assert set(ToolUse.objects.values_list("kind", flat=True)) <= {ToolUse.Kind.CALCULATION}
    return dict(Counter(ToolUse.objects.values_list("user_id", "tool_id")))


def test_calculations_count_once_per_person_and_calculator_per_stretch_of_work(
    tools, staff_a, manager_a, partner_a, brand_team
):
    premie, hypotheek = tools["premie"], tools["hypotheek"]

    for _ in range(3):  # live results, "Bereken" and a PDF all go through the same count
        calculate(premie, staff_a)
    assert counted() == {(staff_a.pk, premie.pk): 1}

    calculate(hypotheek, staff_a)  # another calculator
    calculate(premie, manager_a)  # someone else
    calculate(premie, manager_a)
    assert counted() == {(staff_a.pk, premie.pk): 1, (staff_a.pk, hypotheek.pk): 1, (manager_a.pk, premie.pk): 1}

    cache.delete(f"tools:calculating:{staff_a.pk}:{premie.pk}")  # the stretch of work is over
    calculate(premie, staff_a)
    assert counted()[(staff_a.pk, premie.pk)] == 2
    assert set(ToolUse.objects.values_list("partner", flat=True)) == {partner_a.pk}

    calculate(premie, brand_team)  # the brand team trying its calculator is no use at all
    assert not ToolUse.objects.filter(user=brand_team).exists()
    assert cache.get(f"tools:calculating:{brand_team.pk}:{premie.pk}") is None


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The test cache's own clock (Django's local-memory cache reads `time.time()`), moved by hand."""
    clock = Clock()
    monkeypatch.setattr(locmem, "time", clock)
    monkeypatch.setattr(cache_base, "time", clock)
    return clock


def test_a_stretch_of_work_lasts_while_the_pauses_are_under_five_minutes(clock, tools, staff_a):
    premie = tools["premie"]

    calculate(premie, staff_a)
    for _ in range(3):
        clock.now += 299  # each pause just under five minutes: 897 seconds later, still the same stretch
        calculate(premie, staff_a)
    assert counted() == {(staff_a.pk, premie.pk): 1}

    clock.now += 301  # a pause of more than five minutes: a new stretch
    calculate(premie, staff_a)
    clock.now += 10
    calculate(premie, staff_a)
    assert counted() == {(staff_a.pk, premie.pk): 2}


# ---------------------------------------------------------------------------
# The manager's team overview
# ---------------------------------------------------------------------------


def team_table(response):
    """{member name: {column: cell}}, and the column titles in order."""
    assert response.status_code == HTTPStatus.OK
    table = soup(response).find("table")
    if table is None:
        return {}, []
    columns = [th.contents[0].strip() for th in table.select("thead th")[1:]]
    rows = {}
    for row in table.select("tbody tr"):
        rows[row.th.get_text(strip=True)] = {td["data-label"]: td.get_text(strip=True) for td in row.select("td")}
    return rows, columns


COLUMNS = ["Hypotheek", "Premie", "Intakegesprek", "Overdracht"]
# Per period: staff A's and the manager's numbers in the columns above; the colleague has zeros everywhere.
TEAM_BY_PERIOD = {
    "30": ({"Hypotheek": "0", "Premie": "2", "Intakegesprek": "1 / 1"}, {"Hypotheek": "1", "Premie": "1"}),
    "90": ({"Hypotheek": "0", "Premie": "3", "Intakegesprek": "2 / 1"}, {"Hypotheek": "1", "Premie": "1"}),
    "365": ({"Hypotheek": "0", "Premie": "4", "Intakegesprek": "3 / 2"}, {"Hypotheek": "1", "Premie": "1"}),
    "all": ({"Hypotheek": "0", "Premie": "5", "Intakegesprek": "4 / 2"}, {"Hypotheek": "1", "Premie": "1"}),
}


def full_row(numbers, overdracht):
    return {"Hypotheek": "0", "Premie": "0", "Intakegesprek": "0 / 0", "Overdracht": overdracht} | numbers


@pytest.mark.parametrize(
    "asked, period",
    [("30", "30"), ("90", "90"), ("365", "365"), ("all", "all"), (None, "90"), ("7", "90"), ("alles", "90")],
)
def test_team_overview_counts_per_member_tool_and_period(
    client, manager_a, staff_a, colleague_a, history, asked, period
):
    client.force_login(manager_a)

    response = client.get(reverse("tools:team"), {"periode": asked} if asked else {})

    rows, columns = team_table(response)
    staff_numbers, manager_numbers = TEAM_BY_PERIOD[period]
    assert columns == COLUMNS
    assert rows == {
        staff_a.get_full_name(): full_row(staff_numbers, "0 / 0"),
        manager_a.get_full_name(): full_row(manager_numbers, "1 / 0"),
        colleague_a.get_full_name(): full_row({}, "0 / 0"),
    }
    selected = soup(response).select("select[name=periode] option[selected]")
    assert [option["value"] for option in selected] == [period]


def test_team_overview_never_shows_what_was_entered_or_noted(client, manager_a, history):
    client.force_login(manager_a)

    for period in ["30", "90", "365", "all"]:
        content = client.get(reverse("tools:team"), {"periode": period}).content.decode()
        assert "Intakegesprek" in content  # the runs are counted...
        assert SECRET_LABEL not in content and SECRET_NOTE not in content  # ...but their contents never shown


def test_team_overview_keeps_to_the_own_partner(client, manager_a, manager_b, staff_b, staff_a, history):
    client.force_login(manager_a)
    content = client.get(reverse("tools:team"), {"periode": "all"}).content.decode()
    assert staff_b.get_full_name() not in content
    assert "Ritprijs" not in content and LABEL_B not in content

    client.force_login(manager_b)
    rows, columns = team_table(client.get(reverse("tools:team"), {"periode": "all"}))
    assert columns == ["Premie", "Ritprijs", "Intakegesprek"]
    assert rows == {
        staff_b.get_full_name(): {"Premie": "7", "Ritprijs": "3", "Intakegesprek": "1 / 1"},
        manager_b.get_full_name(): {"Premie": "0", "Ritprijs": "0", "Intakegesprek": "0 / 0"},
    }
    assert staff_a.get_full_name() not in client.get(reverse("tools:team")).content.decode()


def test_team_overview_without_use_says_so(client, manager_a, tools):
    client.force_login(manager_a)

    response = client.get(reverse("tools:team"))

    assert response.status_code == HTTPStatus.OK
    assert soup(response).find("table") is None
    assert "In deze periode gebruikte niemand van het team een rekenhulp of checklist." in response.content.decode()


def test_people_who_left_are_not_in_the_team_overview(client, manager_a, staff_a, history):
    staff_a.memberships.update(ended_at=timezone.now())
    client.force_login(manager_a)

    rows, _columns = team_table(client.get(reverse("tools:team"), {"periode": "all"}))

    assert staff_a.get_full_name() not in rows
    assert manager_a.get_full_name() in rows


@pytest.mark.parametrize("completed", [2, None])
def test_a_deleted_run_still_counts_in_the_team_overview(client, manager_a, staff_a, partner_a, tools, completed):
    done = run(tools["intake"], staff_a, partner_a, started=3, completed=completed)
    client.force_login(staff_a)
    assert client.post(reverse("tools:delete_run", args=[done.pk])).status_code == HTTPStatus.FOUND
    assert not ChecklistRun.objects.exists()
    client.force_login(manager_a)

    rows, columns = team_table(client.get(reverse("tools:team")))

    assert columns == ["Intakegesprek"]
    assert rows[staff_a.get_full_name()] == {"Intakegesprek": "1 / 1" if completed else "1 / 0"}
    assert rows[manager_a.get_full_name()] == {"Intakegesprek": "0 / 0"}


@pytest.mark.parametrize(
    "period, expected",
    [("30", "0 / 1"), ("90", "0 / 1"), ("365", "1 / 1"), ("all", "1 / 1")],
)
def test_runs_count_as_started_and_completed_in_the_period_each_happened(
    client, manager_a, staff_a, partner_a, tools, period, expected
):
    """Started 100 days ago and completed 5 days ago: completed in the last 30 days, but not started in them."""
    run(tools["intake"], staff_a, partner_a, started=100, completed=5)
    client.force_login(manager_a)

    rows, columns = team_table(client.get(reverse("tools:team"), {"periode": period}))

    assert columns == ["Intakegesprek"]
    assert rows == {
        staff_a.get_full_name(): {"Intakegesprek": expected},
        manager_a.get_full_name(): {"Intakegesprek": "0 / 0"},
    }


def counts(user, tool, calculations=0, started=0, completed=0):
    return {
        "user_id": user.pk,
        "tool_id": tool.pk,
        "tool__title": tool.title,
        "calculations": calculations,
        "started": started,
        "completed": completed,
    }


def in_order(rows):
    return sorted(rows, key=lambda row: (row["user_id"], row["tool_id"]))


def test_team_usage_counts_the_events_per_person_and_tool(history, partner_a, partner_b, staff_a, manager_a, staff_b):
    premie, hypotheek, intake, overdracht = (history[name] for name in ["premie", "hypotheek", "intake", "overdracht"])

    assert in_order(team_usage(partner_a, 30)) == in_order(
        [
            counts(staff_a, premie, calculations=2),
            counts(staff_a, intake, started=1, completed=1),
            counts(manager_a, premie, calculations=1),
            counts(manager_a, hypotheek, calculations=1),
            counts(manager_a, overdracht, started=1),
        ]
    )
    assert in_order(team_usage(partner_a)) == in_order(
        [
            counts(staff_a, premie, calculations=5),
            counts(staff_a, intake, started=4, completed=2),
            counts(manager_a, premie, calculations=1),
            counts(manager_a, hypotheek, calculations=1),
            counts(manager_a, overdracht, started=1),
        ]
    )
    assert in_order(team_usage(partner_b, 30)) == in_order(
        [
            counts(staff_b, premie, calculations=7),
            counts(staff_b, history["ritprijs"], calculations=3),
            counts(staff_b, intake, started=1, completed=1),
        ]
    )


@pytest.mark.parametrize(
    "who, expected",
    [
        ("staff_a", HTTPStatus.FORBIDDEN),
        ("colleague_a", HTTPStatus.FORBIDDEN),
        ("brand_team", HTTPStatus.FORBIDDEN),
        ("anonymous", HTTPStatus.FOUND),
    ],
)
def test_only_managers_see_the_team_overview(client, request, history, who, expected):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("tools:team"), {"periode": "all"})

    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    assert "Premie" not in response.content.decode()


# ---------------------------------------------------------------------------
# The brand team's usage report
# ---------------------------------------------------------------------------


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


def csv_rows(client, **params):
    response = client.get(REPORT, {"export": "csv", **params})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(client, **params):
    response = client.get(REPORT, {"export": "xlsx", **params})
    assert response.status_code == HTTPStatus.OK
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def html_rows(client, **params):
    response = client.get(REPORT, params)
    assert response.status_code == HTTPStatus.OK
    table = soup(response).find("table", class_="listing")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in table.select("tbody tr")]
    return headings, rows


def without(rows, *columns):
    return [[value for index, value in enumerate(row) if index not in columns] for row in rows]


HEADINGS = [
    "Hulpmiddel",
    "Partner",
    "Berekeningen",
    "Gestarte checklists",
    "Afgeronde checklists",
    "Personen",
    "Laatst gebruikt",
]
LAST = 6  # the column "Laatst gebruikt", when not grouped per month
# Tool, partner, calculations, started and completed checklists, people; over all time. The open hand-over
# counts as started; the brand team's try-out does not count.
ALL_TIME = [
    ["Hypotheek", "Partner A", "1", "0", "0", "1"],
    ["Intakegesprek", "Partner A", "0", "4", "2", "1"],
    ["Intakegesprek", "Partner B", "0", "1", "1", "1"],
    ["Overdracht", "Partner A", "0", "1", "0", "1"],
    ["Premie", "Partner A", "6", "0", "0", "2"],
    ["Premie", "Partner B", "7", "0", "0", "1"],
    ["Ritprijs", "Partner B", "3", "0", "0", "1"],
]


@pytest.mark.parametrize("params", [{}, {"grouping": ""}])
def test_report_lists_uses_per_tool_and_partner(editor, history, params):
    headings, rows = html_rows(editor, **params)

    assert headings == HEADINGS
    assert without(rows, LAST) == ALL_TIME
    assert all(row[LAST] for row in rows)


@pytest.mark.parametrize("grouping, selected", [(None, ""), ("", ""), ("month", "month")])
def test_report_filter_offers_the_grouping(editor, history, grouping, selected):
    response = editor.get(REPORT, {"grouping": grouping} if grouping is not None else {})

    assert response.status_code == HTTPStatus.OK
    field = soup(response).find("select", attrs={"name": "grouping"})
    assert field is not None
    assert soup(response).find("label", attrs={"for": field["id"]}).get_text(strip=True) == "Indeling"
    assert [(option["value"], option.get_text(strip=True)) for option in field.select("option")] == [
        ("", "de hele periode samen"),
        ("month", "per maand"),
    ]
    assert [option["value"] for option in field.select("option[selected]")] == [selected]


@pytest.mark.parametrize("params", [{}, {"grouping": ""}])
def test_report_csv_export(editor, history, params):
    rows = csv_rows(editor, **params)

    assert rows[0] == HEADINGS  # no month when not grouped per month
    assert without(rows[1:], LAST) == ALL_TIME
    last = ToolUse.objects.filter(partner__name="Partner B", tool__title="Premie").latest("used_at").used_at
    assert rows[6][:2] == ["Premie", "Partner B"]
    assert rows[6][LAST] == timezone.localtime(last).strftime("%d-%m-%Y %H:%M")


@pytest.mark.parametrize("params", [{}, {"grouping": ""}])
def test_report_xlsx_export(editor, history, params):
    rows = xlsx_rows(editor, **params)

    assert rows[0] == HEADINGS
    assert without(rows[1:], LAST) == [[tool, partner, *map(int, numbers)] for tool, partner, *numbers in ALL_TIME]
    assert all(isinstance(row[LAST], datetime) for row in rows[1:])


@pytest.fixture
def filter_values(history, partner_a, partner_b, kind_courier):
    """Turn the names used in the filter table into the values the report's filter form takes."""
    month_ago = (timezone.localdate() - timedelta(days=30)).isoformat()
    values = {
        "partner": {"A": partner_a.pk, "B": partner_b.pk},
        "tool": {name: page.pk for name, page in history.items()},
        "kind": {"courier": kind_courier.pk},
        "used_at_from": {30: month_ago},
        "used_at_to": {30: month_ago},
    }
    return lambda params: {name: values[name][value] for name, value in params.items()}


FILTERS = [
    ({"partner": "B"}, [row for row in ALL_TIME if row[1] == "Partner B"]),
    ({"tool": "premie"}, [row for row in ALL_TIME if row[0] == "Premie"]),
    ({"kind": "courier"}, [row for row in ALL_TIME if row[1] == "Partner B"]),
    (
        {"used_at_from": 30},
        [
            ["Hypotheek", "Partner A", "1", "0", "0", "1"],
            ["Intakegesprek", "Partner A", "0", "1", "1", "1"],
            ["Intakegesprek", "Partner B", "0", "1", "1", "1"],
            ["Overdracht", "Partner A", "0", "1", "0", "1"],
            ["Premie", "Partner A", "3", "0", "0", "2"],
            ["Premie", "Partner B", "7", "0", "0", "1"],
            ["Ritprijs", "Partner B", "3", "0", "0", "1"],
        ],
    ),
    (
        {"used_at_to": 30},
        [["Intakegesprek", "Partner A", "0", "3", "1", "1"], ["Premie", "Partner A", "3", "0", "0", "1"]],
    ),
    ({"used_at_from": 30, "partner": "A", "tool": "intake"}, [["Intakegesprek", "Partner A", "0", "1", "1", "1"]]),
]


@pytest.mark.parametrize("params, expected", FILTERS)
def test_report_filters(editor, filter_values, params, expected):
    headings, rows = html_rows(editor, **filter_values(params))

    assert headings == HEADINGS
    assert without(rows, LAST) == expected


def test_report_exports_what_is_filtered(editor, filter_values):
    params, expected = FILTERS[-1]

    rows = csv_rows(editor, **filter_values(params))

    assert rows[0] == HEADINGS
    assert without(rows[1:], LAST) == expected


def local(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def months(tools, partner_a, staff_a, manager_a):
    """Calculations in January, February and March 2026 (Amsterdam time), some at the edge of a month, and an
    intake started in January and completed in February."""
    intake = run(tools["intake"], staff_a, partner_a, started=1, completed=0)
    intake.uses.filter(kind=ToolUse.Kind.CHECKLIST_STARTED).update(used_at=local(2026, 1, 20, 10))
    intake.uses.filter(kind=ToolUse.Kind.CHECKLIST_COMPLETED).update(used_at=local(2026, 2, 3, 16, 45))
    for moment, user in [
        (local(2026, 1, 10, 12), staff_a),
        (local(2026, 1, 31, 23, 30), staff_a),  # still January here, though 22:30 UTC
        (local(2026, 2, 1, 0, 30), manager_a),  # February here, still January in UTC
        (local(2026, 2, 14, 9), staff_a),
        (local(2026, 3, 2, 9), manager_a),
    ]:
        ToolUse.objects.create(
            tool=tools["premie"], kind=ToolUse.Kind.CALCULATION, partner=partner_a, user=user, used_at=moment
        )
    return tools


MONTH_HEADINGS = ["Hulpmiddel", "Partner", "Maand", *HEADINGS[2:]]
MONTH_LAST = LAST + 1
# Newest month first; per month tool and partner; calculations, started and completed checklists, people.
PER_MONTH = [
    ["Premie", "Partner A", "maart 2026", "1", "0", "0", "1"],
    ["Intakegesprek", "Partner A", "februari 2026", "0", "0", "1", "1"],
    ["Premie", "Partner A", "februari 2026", "2", "0", "0", "2"],
    ["Intakegesprek", "Partner A", "januari 2026", "0", "1", "0", "1"],
    ["Premie", "Partner A", "januari 2026", "2", "0", "0", "1"],
]


def test_report_per_month(editor, months):
    headings, rows = html_rows(editor, grouping="month")

    assert headings == MONTH_HEADINGS
    assert without(rows, MONTH_LAST) == PER_MONTH


def test_report_per_month_exports(editor, months):
    rows = csv_rows(editor, grouping="month")

    assert rows[0] == MONTH_HEADINGS
    assert without(rows[1:], 2, MONTH_LAST) == without(PER_MONTH, 2)
    # The month is a date (its first day), not a moment; the CSV writes it as a Dutch date.
    assert [row[2] for row in rows[1:]] == ["01-03-2026", "01-02-2026", "01-02-2026", "01-01-2026", "01-01-2026"]
    assert [row[MONTH_LAST] for row in rows[1:]] == [
        "02-03-2026 09:00",
        "03-02-2026 16:45",
        "14-02-2026 09:00",
        "20-01-2026 10:00",
        "31-01-2026 23:30",
    ]
    xlsx = xlsx_rows(editor, grouping="month")
    assert xlsx[0] == MONTH_HEADINGS
    assert [row[2:MONTH_LAST] for row in xlsx[1:]] == [
        [date(2026, 3, 1), 1, 0, 0, 1],
        [date(2026, 2, 1), 0, 0, 1, 1],
        [date(2026, 2, 1), 2, 0, 0, 2],
        [date(2026, 1, 1), 0, 1, 0, 1],
        [date(2026, 1, 1), 2, 0, 0, 1],
    ]
    assert all(type(row[2]) is date for row in xlsx[1:])  # a date, not a moment at midnight


def test_report_exports_titles_that_look_like_formulas_as_text(editor, tool_index, partner_a, staff_a):
    calculations(simple_calculator(tool_index, "=HYPERLINK(1)", slug="formule"), staff_a, partner_a, 1)

    assert csv_rows(editor)[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_partner_users_cannot_open_the_report(client, request, history, role, export):
    client.force_login(request.getfixturevalue(role))

    response = client.get(REPORT, {"export": export} if export else {})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Premie" not in response.content.decode()


def test_anonymous_is_sent_to_log_in_for_the_report(client, history):
    response = client.get(REPORT, {"export": "csv"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))


# ---------------------------------------------------------------------------
# The tools section of the home dashboard
# ---------------------------------------------------------------------------


def tools_section(client):
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    return soup(response).find("section", attrs={"aria-labelledby": "tools-title"})


def test_dashboard_shows_visible_tools_and_my_open_runs(
    client, history, tool_index, staff_a, manager_a, partner_a, staff_b
):
    hidden = simple_checklist(tool_index, "Concept", publish=False)
    run(hidden, staff_a, partner_a, started=1, label="Op een concept")
    client.force_login(staff_a)

    section = tools_section(client)

    assert section is not None
    links = {a.get_text(strip=True): a["href"] for a in section.select("ul.tool-links a")}
    assert links == {
        "Premie": history["premie"].url,
        "Hypotheek": history["hypotheek"].url,
        "Intakegesprek": history["intake"].url,
        "Overdracht": history["overdracht"].url,
    }
    open_runs = [li.a.get_text(strip=True) for li in section.select("ul.plain-list li")]
    assert open_runs == [SECRET_LABEL, SECRET_LABEL]  # the two open intakes of staff A, not the completed ones
    hrefs = {li.a["href"] for li in section.select("ul.plain-list li")}
    assert hrefs == {
        reverse("tools:run", args=[pk])
        for pk in ChecklistRun.objects.filter(
            user=staff_a, completed_at__isnull=True, checklist__live=True
        ).values_list("pk", flat=True)
    }
    assert "0 van 1 verplichte punten" in section.get_text()
    text = section.get_text()
    assert LABEL_B not in text and "Op een concept" not in text
    assert section.find("a", href=tool_index.url) is not None
    assert section.find("a", href=reverse("tools:my_runs")) is not None


def test_dashboard_shows_no_runs_of_others(client, history, manager_a, staff_b):
    client.force_login(manager_a)
    section = tools_section(client)
    assert [li.a.get_text(strip=True) for li in section.select("ul.plain-list li")] == [SECRET_LABEL]
    assert ChecklistRun.objects.get(user=manager_a).checklist.title == "Overdracht"

    client.force_login(staff_b)
    section = tools_section(client)
    assert section.select("ul.plain-list li") == []  # staff B's only run is completed
    assert "Ritprijs" in section.get_text()


def test_dashboard_shows_at_most_three_open_runs_newest_first(client, tools, staff_a, partner_a):
    for days in range(1, 6):
        run(tools["intake"], staff_a, partner_a, started=days, label=f"Ronde {days}")
    client.force_login(staff_a)

    section = tools_section(client)

    assert [li.a.get_text(strip=True) for li in section.select("ul.plain-list li")] == [
        "Ronde 1",
        "Ronde 2",
        "Ronde 3",
    ]


def test_dashboard_without_tools_has_no_tools_section(client, home_page, staff_a):
    client.force_login(staff_a)

    assert tools_section(client) is None


def test_the_brand_team_dashboard_has_no_tools_section(client, history, brand_team):
    client.force_login(brand_team)

    assert tools_section(client) is None


def report_queries(client, **params):
    client.get(REPORT, params)  # warm-up: the admin's menu and site caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT, params)
    assert response.status_code == HTTPStatus.OK
    return len(queries.captured_queries), response


@pytest.mark.parametrize("grouping", ["", "month"])
def test_report_queries_do_not_grow_with_partners_and_uses(editor, tools, staff_a, partner_a, grouping):
    """Counting happens in the database: 1 partner or 41, 1 use or 2,001, the report costs the same queries."""
    ToolUse.objects.create(tool=tools["premie"], kind=ToolUse.Kind.CALCULATION, partner=partner_a, user=staff_a)
    small, _response = report_queries(editor, grouping=grouping)

    partners = PartnerFactory.create_batch(40)
    ToolUse.objects.bulk_create(
        ToolUse(
            tool=tools["premie" if n % 2 else "intake"],
            kind=ToolUse.Kind.CALCULATION if n % 2 else ToolUse.Kind.CHECKLIST_STARTED,
            partner=partners[n % 40],
            used_at=timezone.now() - timedelta(days=n % 90),
        )
        for n in range(2000)
    )
    large, response = report_queries(editor, grouping=grouping)

    assert large == small
    assert len(soup(response).select("table.listing tbody tr")) > 40
