"""Several servers behind a load balancer: login rate limits and sessions live in Redis, not in a process.

Needs a Redis server at REDIS_URL; `.ci/run` provides one for this pass (marker `redis`).
"""

import os
import uuid
from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.test import Client
from django_redis.cache import RedisCache

from accounts.factories import UserFactory

pytestmark = [pytest.mark.redis, pytest.mark.xdist_group("redis")]  # one worker: they share one Redis


@pytest.fixture
def redis_cache(settings):
    url = os.environ.get("REDIS_URL")
    assert url, "These tests need a Redis server: set REDIS_URL (e.g. redis://127.0.0.1:6379/15)."
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches.close_all()
    yield url, prefix
    caches["default"].clear()
    caches.close_all()


def second_server_cache(url, prefix):
    """A cache as another server would open it: its own connection to the same Redis."""
    return RedisCache(url, {"KEY_PREFIX": prefix})


def test_failed_logins_on_one_server_count_on_another(redis_cache, db):
    url, prefix = redis_cache
    UserFactory(email="anna@voorbeeld.example")
    first = Client()
    for _ in range(5):
        first.post("/account/login/", {"login": "anna@voorbeeld.example", "password": "fout"})

    keys = second_server_cache(url, prefix).keys("*")
    assert any(key.startswith("allauth:rl:") and ":login_failed:" in key for key in keys), keys

    # A fresh client (another browser, reaching another server) is refused too, even with the right password.
    second = Client()
    second.post("/account/login/", {"login": "anna@voorbeeld.example", "password": "Partnerportaal-2026"})
    assert second.get("/account/email/").status_code == HTTPStatus.FOUND


def test_a_session_made_on_one_server_is_known_on_another(redis_cache, staff_a, home_page):
    url, prefix = redis_cache
    client = Client()
    client.post("/account/login/", {"login": staff_a.email, "password": "Partnerportaal-2026"})
    session_key = client.cookies["sessionid"].value

    assert any(session_key in key for key in second_server_cache(url, prefix).keys("*"))
    assert client.get("/").status_code == HTTPStatus.OK


def test_the_teksttoets_api_limit_counts_across_servers(redis_cache, settings, partner_a, home_page):
    """Calls with one key spread over two servers share one budget: the counter lives in Redis."""
    from voice.models import ApiToken

    url, prefix = redis_cache
    settings.VOICE_API_RATE = "3/m"
    _token, key = ApiToken.issue(partner_a, None, "CRM")
    headers = {"Authorization": f"Bearer {key}"}
    body = '{"text": "Heeft u vragen? Bel ons gerust.", "form": "u"}'
    for _ in range(3):
        assert Client().post("/api/voice/check/", body, "application/json", headers=headers).status_code == 200
    assert any(key.startswith("rl:") for key in second_server_cache(url, prefix).keys("*"))  # django-ratelimit

    refused = Client().post("/api/voice/check/", body, "application/json", headers=headers)
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused.json()["error"].startswith("Te veel verzoeken")
