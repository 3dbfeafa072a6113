"""Production: every secret from the environment, HTTPS enforced, shared cache and worker."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host names the portal serves.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# HTTPS. Behind a proxy that ends TLS, the proxy's header says the request came in over HTTPS; name it
# with SECURE_PROXY_SSL_HEADER (default X-Forwarded-Proto), or set it empty when the portal itself ends TLS.
# Only trust that header when the proxy overwrites it: a client could send it too.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]  # the load balancer's health check speaks plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true").lower() == "true"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

if not REDIS_URL:  # noqa: F405
    # One machine without Redis: gunicorn's workers still share the cache (and so the login rate limits).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "cache")),  # noqa: F405
            # Room for the per-partner parts of 500 partners; past it a third of the entries go at random.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "renditions": RENDITIONS_CACHE,  # noqa: F405
    }

# Wagtail's live preview shows pages in a same-origin frame, so SAMEORIGIN (base.py) is deliberate.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Background work runs in a database-backed worker: `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
