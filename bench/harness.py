"""What bench.pages and bench.cluster share: the environment, the data set, gunicorn and a locust run."""

import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"  # the benchmark's own database, media, cache and locust output; never the developer's
PYTHON = sys.executable
BIN = Path(PYTHON).parent
USERS = int(os.environ.get("BENCH_USERS", "20"))  # concurrent locust users, each logged in as someone else
RUN_SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))


def environment(database_url=None, redis_url=None):
    """The environment gunicorn and every step run in: the production settings plus a query count (bench.settings)."""
    database_url = database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{WORK / 'portal.sqlite3'}"
    redis_url = os.environ.get("REDIS_URL", "") if redis_url is None else redis_url
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(WORK / "media"),
        "PRIVATE_MEDIA_ROOT": str(WORK / "private-media"),
        "CACHE_DIR": str(WORK / "cache"),
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",  # locust plays the load balancer that ended TLS
        "LOG_LEVEL": "ERROR",
        "GUNICORN_LOG_LEVEL": "warning",
        # At full load a worker would be renewed every few seconds (portal/gunicorn.py: after 2,000 requests), and
        # the cold start of the new one would be measured as the page's slowest requests; in use that is hourly.
        "GUNICORN_MAX_REQUESTS": "0",
    }


def manage(env, *args, settings=None, capture=False):
    if settings:
        env = {**env, "DJANGO_SETTINGS_MODULE": settings}
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=capture)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} mislukte (code {done.returncode}):\n{done.stderr or ''}")
    return done


def prepare(env, fresh):
    """Migrate, build the large data set (timed) and collect the static files; returns the seed's seconds or None.

    The seed runs with the development settings (DEBUG, tasks run at once), in the benchmark's database.
    """
    if fresh and env["DATABASE_URL"].startswith("sqlite:"):
        shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(exist_ok=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    started = time.perf_counter()
    size = os.environ.get("BENCH_SIZE", "large")  # "demo" tries the harness in a minute
    sized = ["--size", size] if size != "demo" else []
    seeded = manage(env, "seed_demo", *sized, settings="portal.settings.dev", capture=True)
    seconds = time.perf_counter() - started
    (WORK / "seed.log").write_text(seeded.stdout)
    manage(env, "collectstatic", "--no-input", "-v", "0")
    return seconds if "al aanwezig" not in seeded.stdout else None


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()  # nothing from an earlier run: the first requests fill the caches as they would after a deploy


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the portal's own configuration (portal/gunicorn.py), on a free port."""

    def __init__(self, env, port=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "-c", "portal/gunicorn.py", "--bind", f"127.0.0.1:{self.port}", "portal.wsgi"],
            cwd=ROOT,
            env=env,
        )
        self.wait_until_up()

    def wait_until_up(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopte meteen (code {self.process.returncode})")
            try:
                with urllib.request.urlopen(f"{self.url}/gezond/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn op poort {self.port} antwoordde niet binnen {seconds} seconden")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


PUBLIC_HOST = "localhost"  # the name people use; a load balancer passes it on to every server alike


def request(url, cookies, *, method="GET", data=None, headers=None):
    """One request as the load balancer passes it on: over HTTPS, to the public host name."""
    sent = {
        "Host": PUBLIC_HOST,
        "X-Forwarded-Proto": "https",
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        **(headers or {}),
    }
    req = urllib.request.Request(url, data=data, method=method, headers=sent)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(req, timeout=120)
    except urllib.error.HTTPError as error:
        return error


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class LoadResult:
    name: str
    path: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    queries: float | None

    def as_dict(self):
        return dict(self.__dict__)


def run_locust(name, path, sessions, hosts, kind="page", pace=0, users=USERS, seconds=RUN_SECONDS):
    """Load one target with `users` locust users for `seconds`; the figures of the request named `name`.

    Without `pace` every user asks again as soon as the answer is in: the throughput. With `pace` (requests per
    second per user) the load stays below what the server bears: the latency people get.
    """
    sessions_file = WORK / "sessions.json"
    sessions_file.write_text(json.dumps(sessions))
    run = f"{name}-{'tempo' if pace else 'vol'}"
    prefix = WORK / f"locust-{run}"
    queries_file = WORK / f"queries-{run}.json"
    env = {
        **os.environ,
        "BENCH_TARGET": json.dumps({"name": name, "path": path, "kind": kind}),
        "BENCH_SESSIONS": str(sessions_file),
        "BENCH_HOSTS": " ".join(hosts),
        "BENCH_QUERIES": str(queries_file),
        "BENCH_PACE": str(pace),
    }
    locust = subprocess.run(
        [
            BIN / "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if locust.returncode:
        raise SystemExit(f"locust stopte met code {locust.returncode}:\n{locust.stderr}")
    with open(f"{prefix}_stats.csv", newline="") as stats:
        row = next((line for line in csv.DictReader(stats) if line["Name"] == name), None)
    if row is None:  # never sent: the step before it failed every time
        with open(f"{prefix}_exceptions.csv", newline="") as exceptions:
            raise SystemExit(f"locust zond geen enkel verzoek '{name}':\n{exceptions.read()[:2000]}")
    counted = json.loads(queries_file.read_text())
    return LoadResult(
        name=name,
        path=path,
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        rps=float(row["Requests/s"]),
        p50=float(row["50%"]),
        p95=float(row["95%"]),
        p99=float(row["99%"]),
        queries=counted["queries"] / counted["requests"] if counted["requests"] else None,
    )
