"""What the benchmark adds to the production settings measures and changes nothing else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.middleware import HEADER

pytestmark = pytest.mark.django_db

BENCH_MIDDLEWARE = "bench.middleware.count_queries"


@pytest.fixture
def bench_settings(settings):
    settings.MIDDLEWARE = [BENCH_MIDDLEWARE, *settings.MIDDLEWARE]
    settings.ROOT_URLCONF = "bench.urls"
    return settings


def test_every_response_says_how_many_queries_it_took(bench_settings, client, staff_a, home_page):
    client.force_login(staff_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert int(response[HEADER]) == len(queries) > 5


def test_the_trivial_view_is_private_like_every_page(bench_settings, client, staff_a):
    assert client.get("/bench/leeg/").status_code == 302
    client.force_login(staff_a)
    response = client.get("/bench/leeg/")
    assert response.content == b"ok"
    assert response[HEADER] == "2"  # the session and the person, nothing of its own


def test_the_portal_itself_has_no_trivial_view_and_no_header(client, staff_a, home_page):
    client.force_login(staff_a)
    assert client.get("/bench/leeg/").status_code == 404
    assert HEADER not in client.get("/")


def test_the_portal_pages_stay_reachable_under_the_bench_urls(bench_settings, client, staff_a, home_page):
    client.force_login(staff_a)
    assert client.get("/account/gegevens/").status_code == 200
