"""Production settings: `check --deploy` is clean with the documented variables, and refuses without them."""

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
