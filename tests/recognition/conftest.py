"""Fixtures for the recognition tests: people at a partner, and the events the scorecard counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from partners.factories import MembershipFactory
from partners.models import Role
from tools import factories as tool_factories
from tools.models import ToolUse
from voice.models import TextCheck


def ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def person(db):
    """A new person at a partner: person(partner, role=Role.STAFF, ended=False, **user fields) -> user."""

    def make(partner, role=Role.STAFF, *, ended=False, **user_fields):
        user = UserFactory(**user_fields)
        MembershipFactory(user=user, partner=partner, role=role, ended_at=ago(1) if ended else None)
        return user

    return make


@pytest.fixture
def checklist(home_page):
    index = tool_factories.tool_index(home_page)
    return tool_factories.checklist(
        index, "Intake", sections=[tool_factories.section("Start", [("Klant gebeld", True)])]
    )


@pytest.fixture
def use_tool(checklist):
    """Record a completed checklist run by this person for this partner, `days_ago` days ago."""

    def record(user, partner, *, days_ago=1):
        return ToolUse.objects.create(
            tool=checklist,
            kind=ToolUse.Kind.CHECKLIST_COMPLETED,
            user=user,
            partner=partner,
            used_at=ago(days_ago),
        )

    return record


@pytest.fixture
def check_text(db):
    """Record a teksttoets by this person for this partner, `days_ago` days ago."""

    def record(user, partner, *, days_ago=1):
        return TextCheck.objects.create(
            user=user,
            partner=partner,
            via=TextCheck.Via.PAGE,
            detected="je",
            words=40,
            errors=0,
            warnings=1,
            checked_at=ago(days_ago),
        )

    return record
