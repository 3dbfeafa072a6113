"""Scale-out check: two gunicorn servers on different ports, sharing PostgreSQL and Redis, as behind a load balancer.

Run from the project root: `make bench-cluster` (or .venv/bin/python -m bench.cluster). Uses DATABASE_URL and
REDIS_URL, by default the local services (postgres://postgres@127.0.0.1:5432/portal_bench, created when missing,
and redis://127.0.0.1:6379/13). It shows that
- a session made by logging in on one server works on the other, and logging out on that one ends it on both;
- the failed-login limit counts attempts on both servers together;
- load spread over both servers gets no failed request.
Writes bench/cluster.json and exits with status 1 when any of this does not hold.
"""

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench import harness

RESULT_FILE = Path(__file__).with_name("cluster.json")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/portal_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
DEMO_PERSON = ("sanne@vandijk-assurantien.example", "Partnerportaal-2026")
LOGIN = "/account/login/"
LOGOUT = "/account/logout/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOO_MANY = "Te veel inlogpogingen"  # allauth's message for the failed-login limit


def main():
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    if not database_url.startswith("postgres"):
        raise SystemExit("bench-cluster heeft PostgreSQL nodig: de servers delen één database (DATABASE_URL).")
    ensure_database(database_url)
    env = harness.environment(database_url, redis_url) | {"WEB_CONCURRENCY": "3"}
    harness.prepare(env, fresh=False)
    harness.setup_django(env)
    from bench import people

    pages = people.audience_pages()
    dashboard_and_module = [("dashboard", "/"), ("module", pages["module"].url)]
    sessions = people.partner_sessions(harness.USERS, pages.values())

    servers = [harness.Server(env), harness.Server(env)]
    try:
        a, b = (server.url for server in servers)
        checks = {
            "session_shared": session_is_shared(a, b),
            "login_limit_shared": login_limit_is_shared(a, b, people.someone_else()),
        }
        loads = [harness.run_locust(name, path, sessions, [a, b]) for name, path in dashboard_and_module]
    finally:
        for server in servers:
            server.stop()
    checks["no_failures"] = all(load.failures == 0 and load.requests for load in loads)
    results = {"servers": [a, b], "checks": checks, "loads": [load.as_dict() for load in loads]}
    RESULT_FILE.write_text(json.dumps(results, indent=2))
    report(results)
    sys.exit(0 if all(checks.values()) else 1)


def ensure_database(url):
    """Create the benchmark's PostgreSQL database when it is not there yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True) as connection:
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL is niet bereikbaar op {parts.hostname}:{parts.port}: {error}") from error


def cookies_from(response, cookies):
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name] = rest.split(";", 1)[0]
    return cookies


def log_in(base, email, password, cookies=None):
    """Through the login form, as a browser does; returns the response to the form and the cookies."""
    cookies = cookies if cookies is not None else {}
    form = harness.request(base + LOGIN, cookies)
    cookies_from(form, cookies)
    token = CSRF_FIELD.search(form.read().decode()).group(1)
    response = post(base, LOGIN, cookies, {"csrfmiddlewaretoken": token, "login": email, "password": password})
    return response, cookies_from(response, cookies)


def post(base, path, cookies, data):
    origin = f"https://{harness.PUBLIC_HOST}"
    return harness.request(
        base + path,
        cookies,
        method="POST",
        data=urlencode(data).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + path,
        },
    )


def session_is_shared(a, b):
    """Log in on A, be known on B; log out on B, be gone on A."""
    response, cookies = log_in(a, *DEMO_PERSON)
    logged_in = response.status == 302
    known_on_b = harness.request(b + "/", cookies)
    known = known_on_b.status == 200 and b"Uitloggen" in known_on_b.read()
    token = CSRF_FIELD.search(harness.request(b + LOGOUT, cookies).read().decode()).group(1)
    post(b, LOGOUT, cookies, {"csrfmiddlewaretoken": token})
    gone_on_a = harness.request(a + "/", cookies).status == 302
    say(f"Sessie: ingelogd op A {ok(logged_in)}, bekend op B {ok(known)}, uitgelogd op B en weg op A {ok(gone_on_a)}")
    return logged_in and known and gone_on_a


def login_limit_is_shared(a, b, email):
    """Wrong passwords for one address, taking turns on A and B: the limit (5 in 5 minutes) counts them together,
    so the sixth try, on the other server and with the right password, is refused as well."""
    statuses = []
    for attempt in range(5):
        response, _ = log_in((a, b)[attempt % 2], email, "fout-wachtwoord")
        statuses.append(response.status)
    response, _ = log_in(b, email, DEMO_PERSON[1])
    statuses.append(response.status)
    refused = response.status == 200 and TOO_MANY in response.read().decode()
    say(f"Inloglimiet: 5 foute wachtwoorden op A en B, daarna het goede op B geweigerd {ok(refused)} {statuses}")
    return refused and statuses == [200] * 6


def say(line):
    sys.stdout.write(line + "\n")


def ok(value):
    return "ja" if value else "NEE"


def report(results):
    say(f"\nBelasting verdeeld over {' en '.join(results['servers'])} ({harness.USERS} gebruikers):")
    say(f"{'pagina':<12}{'verz/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'fouten':>8}")
    for load in results["loads"]:
        say(f"{load['name']:<12}{load['rps']:>9.1f}{load['p50']:>9.0f}{load['p95']:>9.0f}{load['failures']:>8}")
    failed = [name for name, passed in results["checks"].items() if not passed]
    say("\nNiet gehaald: " + ", ".join(failed) if failed else "\nAlles gehaald.")
    say(f"Resultaten: {RESULT_FILE.relative_to(harness.ROOT)}")


if __name__ == "__main__":
    main()
