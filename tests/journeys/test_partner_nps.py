"""A partner's own NPS: per step over a period and per month, the answers to follow up, the CSV export and the
journeys section of the home dashboard."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from http import HTTPStatus

import pytest
from django.utils import dateformat, timezone, translation
from django.utils.text import capfirst

from journeys import factories

from .helpers import get_page, nps_text, texts

NPS = "/klantreizen/nps/"
EXPORT = "/klantreizen/nps/export/"
FRIENDLY = "De adviseur was erg vriendelijk."
FORMULA = "=1+2 te duur"
# 23:30 on New Year's Eve in UTC is already 1 January in Amsterdam.
NEW_YEAR = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)


@pytest.fixture
def answers(sales_steps, claim_steps, partner_a, partner_b):
    """Partner A's answers on 'Advies' and on 'Melding' (another journey), older ones, and partner B's.

    by period (days): 30 -> Advies 10 9 3, Melding 6 7; 90 -> also Advies 10 8 (45 days ago);
    365 -> also Advies 0 0 (100 days ago); always -> also Advies 10 (New Year's Eve 2024).
    """
    now = timezone.now()
    advice, report = sales_steps["Advies"], claim_steps["Melding"]
    factories.response(advice, partner_a, 10, at=now - timedelta(hours=1))
    factories.response(advice, partner_a, 9, comment=FRIENDLY, at=now - timedelta(hours=2))
    factories.response(advice, partner_a, 3, comment=FORMULA, at=now - timedelta(hours=3))
    factories.response(report, partner_a, 6, at=now - timedelta(hours=4))
    factories.response(report, partner_a, 7, at=now - timedelta(hours=5))
    factories.responses(advice, partner_a, [10, 8], at=now - timedelta(days=45))
    factories.responses(advice, partner_a, [0, 0], at=now - timedelta(days=100))
    factories.response(advice, partner_a, 10, at=NEW_YEAR)
    factories.response(sales_steps["Levering"], partner_b, 0, comment="Alleen voor partner B.")
    factories.responses(sales_steps["Levering"], partner_b, [0, 0, 0])
    factories.response(advice, partner_b, 1, comment="Een antwoord via B op een stap van A.")


def table(page, caption):
    found = [table for table in page.select("table") if table.caption.get_text(strip=True) == caption]
    assert found, f"no table '{caption}'"
    return [texts(row.select("th, td")) for row in found[0].select("tbody tr")]


def total(page):
    return texts([page.select_one(".nps-total")])[0]


# ---------------------------------------------------------------------------
# NPS per step
# ---------------------------------------------------------------------------


# (the period asked for, the one shown, the rows of the table, the total)
PERIODS = [
    pytest.param(
        "30",
        "30",
        [
            ["Auto verzekeren", "Advies", "33", "3", "2", "0", "1"],
            ["Schade melden", "Melding", "-50", "2", "0", "1", "1"],
        ],
        nps_text(0, 2, 1, 2),
        id="30-days",
    ),
    pytest.param(
        "90",
        "90",
        [
            ["Auto verzekeren", "Advies", "40", "5", "3", "1", "1"],
            ["Schade melden", "Melding", "-50", "2", "0", "1", "1"],
        ],
        nps_text(14, 3, 2, 2),
        id="90-days",
    ),
    pytest.param(
        "365",
        "365",
        [
            ["Auto verzekeren", "Advies", "0", "7", "3", "1", "3"],
            ["Schade melden", "Melding", "-50", "2", "0", "1", "1"],
        ],
        nps_text(-11, 3, 2, 4),
        id="a-year",
    ),
    pytest.param(
        "0",
        "0",
        [
            ["Auto verzekeren", "Advies", "13", "8", "4", "1", "3"],
            ["Schade melden", "Melding", "-50", "2", "0", "1", "1"],
        ],
        nps_text(0, 4, 2, 4),
        id="always",
    ),
]


@pytest.mark.parametrize(("asked", "shown", "rows", "all_steps"), PERIODS)
def test_my_nps_per_step_over_a_period(client, staff_a, answers, asked, shown, rows, all_steps):
    page = get_page(client, staff_a, f"{NPS}?periode={asked}")

    assert page.select_one('select[name="periode"] option[selected]')["value"] == shown
    assert table(page, "NPS per stap") == rows
    assert total(page) == f"Alle stappen samen: {all_steps}"
    assert page.select_one('a[href^="/klantreizen/nps/export/"]')["href"] == f"{EXPORT}?periode={shown}"


@pytest.mark.parametrize("asked", ["", "?periode=", "?periode=abc", "?periode=7", "?periode=-1", "?per_maand=1"])
def test_without_a_valid_period_it_is_the_last_90_days(client, staff_a, answers, asked):
    page = get_page(client, staff_a, f"{NPS}{asked}")

    assert page.select_one('select[name="periode"] option[selected]')["value"] == "90"
    assert total(page) == f"Alle stappen samen: {nps_text(14, 3, 2, 2)}"


def month_label(moment):
    with translation.override("nl"):
        return capfirst(dateformat.format(timezone.localtime(moment).date().replace(day=1), "F Y"))


def test_per_month_the_nps_of_every_step(client, staff_a, answers):
    now = timezone.now()

    page = get_page(client, staff_a, f"{NPS}?periode=0&per_maand=1")

    assert page.select_one('input[name="per_maand"]').has_attr("checked")
    assert table(page, "NPS per stap en maand") == [
        [month_label(now), "Auto verzekeren", "Advies", "33", "3"],
        [month_label(now), "Schade melden", "Melding", "-50", "2"],
        [month_label(now - timedelta(days=45)), "Auto verzekeren", "Advies", "50", "2"],
        [month_label(now - timedelta(days=100)), "Auto verzekeren", "Advies", "-100", "2"],
        ["Januari 2025", "Auto verzekeren", "Advies", "100", "1"],
    ]


def test_the_month_table_only_when_asked(client, staff_a, answers):
    page = get_page(client, staff_a, NPS)

    assert [table.caption.get_text(strip=True) for table in page.select("table")] == ["NPS per stap"]


def test_low_scores_and_comments_are_listed_to_follow_up(client, staff_a, answers):
    page = get_page(client, staff_a, NPS)

    items = page.select(".feedback-list li.feedback-item")
    assert [
        (
            item.select_one(".nps-score").get_text(),
            " ".join(item.blockquote.get_text().split()) if item.blockquote else "",
        )
        for item in items
    ] == [("9", FRIENDLY), ("3", FORMULA), ("6", "")]
    assert ["feedback-item--low" in item["class"] for item in items] == [False, True, True]
    assert "Auto verzekeren · Advies" in items[0].get_text()


def test_never_another_partners_answers(client, staff_b, answers):
    page = get_page(client, staff_b, f"{NPS}?periode=0")

    assert table(page, "NPS per stap") == [
        ["Auto verzekeren", "Advies", "-100", "1", "0", "0", "1"],
        ["Auto verzekeren", "Levering", "-100", "4", "0", "0", "4"],
    ]
    text = page.get_text()
    assert FRIENDLY not in text
    assert FORMULA not in text
    assert "Alleen voor partner B." in text


def test_without_answers_the_page_says_how_to_get_them(client, staff_a, sales_journey):
    page = get_page(client, staff_a, NPS)

    assert total(page) == "Alle stappen samen: nog geen antwoorden"
    assert not page.select("table")
    assert "In deze periode gaven klanten nog geen score voor jullie stappen." in page.get_text()


@pytest.mark.parametrize("url", [NPS, EXPORT])
@pytest.mark.parametrize(("role", "status"), [("anonymous", HTTPStatus.FOUND), ("brand_team", HTTPStatus.FORBIDDEN)])
def test_only_partner_people_see_their_nps(client, people, home_page, url, role, status):
    if people(role):
        client.force_login(people(role))

    assert client.get(url).status_code == status


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def export(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{EXPORT}{query}")
    assert response.status_code == HTTPStatus.OK
    return response


def rows_of(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "no byte order mark for spreadsheet programs"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_the_export_is_a_dutch_csv_of_my_answers(client, staff_a, answers):
    response = export(client, staff_a, "?periode=0")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="klantfeedback-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    rows = rows_of(response)
    assert rows[0] == ["Datum", "Klantreis", "Stap", "Score", "Toelichting"]
    assert len(rows) == 1 + 10
    assert [row[1:] for row in rows[1:6]] == [
        ["Auto verzekeren", "Advies", "10", ""],
        ["Auto verzekeren", "Advies", "9", FRIENDLY],
        ["Auto verzekeren", "Advies", "3", "'" + FORMULA],
        ["Schade melden", "Melding", "6", ""],
        ["Schade melden", "Melding", "7", ""],
    ]
    assert rows[-1] == ["01-01-2025 00:30", "Auto verzekeren", "Advies", "10", ""]
    assert "partner B" not in response.content.decode()


@pytest.mark.parametrize(("query", "count"), [("", 7), ("?periode=30", 5), ("?periode=365", 9), ("?periode=x", 7)])
def test_the_export_follows_the_period(client, staff_a, answers, query, count):
    assert len(rows_of(export(client, staff_a, query))) == 1 + count


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_cells_that_look_like_a_formula_are_kept_as_text(client, staff_a, partner_a, sales_steps, start):
    factories.response(sales_steps["Advies"], partner_a, 2, comment=f"{start}SUM(A1:A9)")

    rows = rows_of(export(client, staff_a))

    assert rows[1][4] == f"'{start}SUM(A1:A9)"


def test_the_export_of_another_partner_has_only_its_rows(client, staff_b, answers):
    rows = rows_of(export(client, staff_b, "?periode=0"))

    assert sorted((row[2], row[3]) for row in rows[1:]) == [("Advies", "1")] + [("Levering", "0")] * 4


# ---------------------------------------------------------------------------
# The home dashboard
# ---------------------------------------------------------------------------


@pytest.fixture
def improvements(sales_steps, courier_journey):
    factories.action(
        sales_steps["Advies"], date(2026, 1, 1), customers_said="Het advies kwam laat.", we_did="Binnen twee dagen."
    )
    factories.action(
        courier_journey.steps.get(name="Bezorgen"),
        date(2026, 3, 1),
        customers_said="Pakket kwam stuk aan.",
        we_did="Nieuwe dozen.",
    )


def dashboard_section(client, user):
    return get_page(client, user, "/").find("section", attrs={"aria-labelledby": "journeys-title"})


def test_the_dashboard_shows_my_nps_and_the_latest_improvement_i_may_see(client, staff_a, answers, improvements):
    section = dashboard_section(client, staff_a)

    paragraphs = texts(section.select("p"))
    assert paragraphs[0] == f"Wat klanten de laatste 90 dagen van jullie stappen vonden: {nps_text(14, 3, 2, 2)}"
    assert texts([section.h3]) == ["Jullie zeiden, wij deden · januari 2026"]
    assert paragraphs[1:3] == ["Klanten zeiden: Het advies kwam laat.", "Wij deden: Binnen twee dagen."]
    assert section.select_one('a[href="/klantreizen/nps/"]')


def test_the_courier_sees_its_own_nps_and_its_latest_improvement(client, staff_b, answers, improvements):
    section = dashboard_section(client, staff_b)

    assert nps_text(-100, 0, 0, 5) in section.get_text()
    assert texts([section.h3]) == ["Jullie zeiden, wij deden · maart 2026"]


def test_the_dashboard_counts_only_answers_on_journeys_i_still_see(
    client, staff_a, answers, claim_journey, kind_courier
):
    claim_journey.audiences.set([kind_courier])  # 'Schade melden' is now aimed at couriers only
    claim_journey.save_revision().publish()

    section = dashboard_section(client, staff_a)

    # Without 'Melding' (6 and 7): Advies 10 9 3 10 8 over the last 90 days.
    assert nps_text(40, 3, 1, 1) in section.get_text()


def test_the_dashboard_without_answers_or_improvements(client, staff_a, journey_index):
    section = dashboard_section(client, staff_a)

    assert (
        texts(section.select("p"))[0]
        == "Wat klanten de laatste 90 dagen van jullie stappen vonden: nog geen antwoorden"
    )
    assert section.h3 is None


def test_no_journeys_section_for_the_brand_side_or_without_journeys(client, brand_team, staff_a, journey_index):
    assert dashboard_section(client, brand_team) is None

    journey_index.unpublish()

    assert dashboard_section(client, staff_a) is None
