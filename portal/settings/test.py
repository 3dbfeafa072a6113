"""Tests: fast hashing, plain static files, mails kept in memory, tasks at once."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / ".test-media"))  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests never share a cache with anything; the Redis tests switch to Redis themselves.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES["private"]["OPTIONS"]["location"] = Path(  # noqa: F405
    os.environ.get("TEST_PRIVATE_MEDIA_ROOT", BASE_DIR / ".test-private-media")  # noqa: F405
)
# A session is renewed (one write) at most every quarter of an hour here, so no query budget depends on how long a
# test took; tests/accounts/test_sessions.py sets the production minute where it matters.
SESSION_RENEW_INTERVAL = 15 * 60
