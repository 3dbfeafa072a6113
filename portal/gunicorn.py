"""gunicorn's settings for the portal: `gunicorn -c portal/gunicorn.py portal.wsgi`.

Every value can be set in the environment. Workers are synchronous, as behind a load balancer that buffers
requests; their number defaults to two per core plus one (gunicorn's own advice).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Recycle a worker now and then so a slow leak never grows into an outage; jitter keeps them from all going at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # 0: never
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Behind a proxy the client's address is in X-Forwarded-For (see TRUSTED_PROXY_COUNT); gunicorn needs no more.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
