"""Browser journeys: Debian's Chromium against pytest-django's live server."""

import os
import re
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; without this Django's ORM refuses to work here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ACCEPT_PATH = re.compile(r"/uitnodiging/[^/\s\"'<>]+/")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium headless (unless --headed), or fail loudly when it is missing."""
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        pytest.fail(
            f"The browser tests need Chromium, but {executable} is missing or not executable. "
            "Run `make browser` (or point CHROMIUM=/path/to/chromium at another build).",
            pytrace=False,
        )
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def _thread_connections(django_db_setup):
    """Django's database connections of this thread, taken before Playwright starts its event loop."""
    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_thread_connections, playwright):
    """Playwright, with Django still using this thread's own database connections."""
    # Once Playwright's loop runs in this thread, asgiref keeps connections per context instead of per thread,
    # so Django would open new ones that lack the test database's serialized contents, and the serialized
    # rollback in `portal` would silently restore nothing. Handing the thread's connections to that context
    # keeps one connection per database, as Django's test machinery expects.
    for alias, connection in _thread_connections.items():
        connections[alias] = connection
    return playwright


@pytest.fixture
def portal(live_server, transactional_db, django_db_serialized_rollback, home_page):
    """The live portal's base URL, with the dashboard at "/"."""
    # Transactional tests empty every table afterwards; the serialized rollback brings back the rows that the
    # migrations made (Wagtail's root page, locale and default site), so each journey starts from a real site.
    return live_server.url


@pytest.fixture
def accept_path(mailoutbox):
    """Return the path of the accept link in the last email sent to an address."""

    def find(email):
        sent = [message for message in mailoutbox if email in message.to]
        assert sent, f"no email was sent to {email}"
        match = ACCEPT_PATH.search(sent[-1].body)
        assert match, f"no invitation link in the email to {email}:\n{sent[-1].body}"
        return match.group(0)

    return find
