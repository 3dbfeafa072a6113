"""Production settings: `check --deploy` is clean with the documented variables, and refuses without them."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-" + "z" * 20,
    "ALLOWED_HOSTS": "partners.voorbeeld.example",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "does-not-need-to-exist.sqlite3"),
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.voorbeeld.example",
}


def manage(*args, env):
    # A clean slate: nothing from the test run (e.g. the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE) leaks in.
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV and "DJANGO" not in key}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_without_redis_shares_the_cache_between_workers():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == ["django.core.cache.backends.filebased.FileBasedCache"], result.stderr


def test_production_uses_redis_and_the_database_task_worker():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.TASKS['default']['BACKEND'], s.DEBUG)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "django_tasks_db.DatabaseBackend",
        "False",
    ], result.stderr


# Requests through the production settings, over plain HTTP and behind a TLS-ending proxy.
REQUESTS = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

client = Client(HTTP_HOST="partners.voorbeeld.example")
answers = {}
for name, path, headers in [
    ("plain", "/team/", {}),
    ("plain_health", "/gezond/", {}),
    ("proxied", "/team/", {"HTTP_X_FORWARDED_PROTO": "https"}),
    ("other_header", "/team/", {"HTTP_X_FORWARDED_SCHEME": "https"}),
]:
    response = client.get(path, **headers)
    answers[name] = {"status": response.status_code, "headers": dict(response.headers)}
answers["cookies_secure"] = [
    settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SECURE
]
print(json.dumps(answers))
"""


def production_answers(tmp_path, **extra):
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }
    env.pop("REDIS_URL")
    result = manage("shell", "--no-imports", "-c", REQUESTS, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_and_sends_hsts_behind_the_proxy(tmp_path):
    answers = production_answers(tmp_path)

    assert answers["plain"]["status"] == 301
    assert answers["plain"]["headers"]["Location"] == "https://partners.voorbeeld.example/team/"
    assert answers["plain_health"]["status"] == 200  # the load balancer checks over plain HTTP
    assert "Strict-Transport-Security" not in answers["plain_health"]["headers"]
    proxied = answers["proxied"]["headers"]
    assert answers["proxied"]["status"] == 302  # over HTTPS: on to the login page
    assert proxied["Location"] == "/account/login/?next=/team/"
    assert proxied["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in proxied["Content-Security-Policy"]
    assert proxied["X-Content-Type-Options"] == "nosniff"
    assert proxied["Referrer-Policy"] == "same-origin"
    assert answers["other_header"]["status"] == 301  # only the configured header is trusted
    assert answers["cookies_secure"] == [True, True, True]


def test_production_trusts_the_proxy_header_it_is_told_to(tmp_path):
    answers = production_answers(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Scheme")

    assert answers["other_header"]["status"] == 302
    assert answers["proxied"]["status"] == 301


def test_production_without_a_proxy_trusts_no_header(tmp_path):
    answers = production_answers(tmp_path, SECURE_PROXY_SSL_HEADER="")

    assert answers["proxied"]["status"] == 301
    assert answers["other_header"]["status"] == 301
