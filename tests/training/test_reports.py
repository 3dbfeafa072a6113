"""The brand team's training reports: filters, CSV and XLSX exports, pass rate per question."""

import io
import uuid
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from training import factories
from training.models import Attempt

from .helpers import ago, record_completion


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


@pytest.fixture
def module(home_page):
    return factories.module(factories.academy(home_page), "Belofte", slug="belofte", validity_months=12)


def attempt(user, module, *, correct, answered=None, days_ago=1, passed=True):
    questions = [block.id for block in module.quiz]
    return Attempt.objects.create(
        user=user,
        module=module,
        token=uuid.uuid4(),
        answers={question: ["x"] for question in (answered or questions)},
        correct_questions=correct,
        score=100 * len(correct) // len(questions),
        pass_mark=80,
        passed=passed,
        submitted_at=timezone.now() - timedelta(days=days_ago),
    )


def test_completions_by_partner_and_status(editor, module, staff_a, staff_b, partner_a, partner_b):
    record_completion(staff_a, module, partner=partner_a)
    record_completion(staff_b, module, partner=partner_b, completed_at=ago(400))
    page = editor.get("/admin/reports/training/completions/", {"partner": partner_a.pk}).content.decode()
    assert staff_a.get_full_name() in page and staff_b.get_full_name() not in page
    page = editor.get("/admin/reports/training/completions/", {"status": "expired"}).content.decode()
    assert staff_b.get_full_name() in page and staff_a.get_full_name() not in page


def test_csv_export_escapes_formulas_and_xlsx_opens(editor, module, staff_a, partner_a):
    staff_a.first_name = "=SUM(A1)"
    staff_a.save()
    record_completion(staff_a, module, partner=partner_a)
    csv_text = b"".join(
        editor.get("/admin/reports/training/completions/", {"export": "csv"}).streaming_content
    ).decode()
    assert "'=SUM(A1)" in csv_text
    response = editor.get("/admin/reports/training/completions/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert any(isinstance(value, str) and value.startswith("=SUM(A1)") for value in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_expiring_certificates_default_to_thirty_days(editor, module, staff_a, manager_a, partner_a):
    record_completion(staff_a, module, partner=partner_a, completed_at=ago(350))  # 15 days left
    record_completion(manager_a, module, partner=partner_a, completed_at=ago(10))  # most of a year left
    page = editor.get("/admin/reports/training/expiring/").content.decode()
    assert staff_a.get_full_name() in page and manager_a.get_full_name() not in page
    page = editor.get("/admin/reports/training/expiring/", {"days": "400"}).content.decode()
    assert manager_a.get_full_name() in page


def test_pass_rate_per_question(editor, module, staff_a, staff_b):
    first, second = (block.id for block in module.quiz)
    attempt(staff_a, module, correct=[first, second])
    attempt(staff_b, module, correct=[first], passed=False)
    csv_text = b"".join(editor.get("/admin/reports/training/questions/", {"export": "csv"}).streaming_content).decode()
    assert "Vraag een,2,2,100" in csv_text
    assert "Vraag twee,2,1,50" in csv_text


def test_partner_users_cannot_reach_reports(client, staff_a, home_page):
    client.force_login(staff_a)
    assert client.get("/admin/reports/training/completions/").status_code == HTTPStatus.FORBIDDEN
