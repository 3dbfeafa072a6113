"""A full export streams: rows are read from the database in chunks as the file is written, never all at once."""

import pytest
from django.db.models.query import QuerySet
from django.http import StreamingHttpResponse

from partners import reports
from training import factories

from .helpers import record_completion

REPORT = "/admin/reports/training/completions/"


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


@pytest.fixture
def completions(home_page, staff_a, manager_a, partner_a):
    academy = factories.academy(home_page)
    modules = [factories.module(academy, f"Module {number}", slug=f"module-{number}") for number in range(3)]
    for module in modules:
        for person in (staff_a, manager_a):
            record_completion(person, module, partner=partner_a)
    return 6


@pytest.fixture
def whole_loads(monkeypatch):
    """Every time a queryset of completions is loaded whole (not a slice, not in chunks)."""
    loads = []
    fetch_all = QuerySet._fetch_all

    def spying(queryset):
        if queryset.model.__name__ == "Completion" and queryset._result_cache is None and not queryset.query.is_sliced:
            loads.append(queryset)
        return fetch_all(queryset)

    monkeypatch.setattr(QuerySet, "_fetch_all", spying)
    return loads


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_an_export_reads_its_rows_in_chunks(editor, completions, whole_loads, monkeypatch, export):
    monkeypatch.setattr(reports, "EXPORT_CHUNK", 2)
    response = editor.get(REPORT, {"export": export})
    body = b"".join(response.streaming_content)
    assert whole_loads == []
    if export == "csv":
        assert isinstance(response, StreamingHttpResponse)
        assert len(body.decode().strip().splitlines()) == 1 + completions


def test_the_listing_still_shows_its_page(editor, completions, whole_loads):
    page = editor.get(REPORT).content.decode()
    assert "Module 0" in page and "Module 2" in page


def test_an_export_keeps_the_filters(editor, completions, partner_b):
    body = b"".join(editor.get(REPORT, {"export": "csv", "partner": partner_b.pk}).streaming_content).decode()
    assert len(body.strip().splitlines()) == 1  # the heading only
