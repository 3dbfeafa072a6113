"""The load: locust users, each logged in as a different person, asking one page without pause.

Run by bench.pages and bench.cluster (never by hand): the environment says what to ask.
- BENCH_TARGET: {"name", "path", "kind": "page" | "quiz"}
- BENCH_SESSIONS: a JSON file with a list of session cookies; each locust user takes the next one
- BENCH_HOSTS: base URLs, space-separated; requests go round-robin over them (one for bench.pages)
- BENCH_QUERIES: where to write the query counts the responses reported (X-Queries)
- BENCH_PACE: requests per second per user, on average (0: without pause, to find the throughput)
"""

import itertools
import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant, events, task

TARGET = json.loads(os.environ["BENCH_TARGET"])
SESSIONS = json.loads(Path(os.environ["BENCH_SESSIONS"]).read_text())
HOSTS = os.environ["BENCH_HOSTS"].split()
PACE = float(os.environ.get("BENCH_PACE", "0"))
_next_session = itertools.count()
_next_host = itertools.cycle(HOSTS)
_queries = {"requests": 0, "queries": 0}

TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'name="(q-[^"]+)" id="[^"]*" value="([^"]+)"')
SET_CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


@events.request.add_listener
def count_queries(name=None, response=None, exception=None, **kwargs):
    if name == TARGET["name"] and response is not None and exception is None and response.headers.get("X-Queries"):
        _queries["requests"] += 1
        _queries["queries"] += int(response.headers["X-Queries"])


@events.quitting.add_listener
def write_queries(environment, **kwargs):
    Path(os.environ["BENCH_QUERIES"]).write_text(json.dumps(_queries))


class Person(FastHttpUser):
    """Asks, waits for the answer, asks again: without pause (the load a page can bear) or at a pace (latency)."""

    host = HOSTS[0]
    # A person pauses a while between clicks; random pauses keep 20 people from clicking in step.
    wait_time = between(0.5 / PACE, 1.5 / PACE) if PACE else constant(0)

    def on_start(self):
        self.cookies = dict(SESSIONS[next(_next_session) % len(SESSIONS)])

    def headers(self, base):
        # The load balancer ended TLS and says so; the cookies are Secure, so they are sent by hand.
        return {
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "Referer": base.replace("http://", "https://", 1) + "/",
        }

    def ask(self, base, path, name, data=None):
        """A page answers 200; a form that was sent, 302 on to its result."""
        headers = self.headers(base)
        if data:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with self.client.request(
            "POST" if data else "GET",
            base + path,
            name=name,
            data=urlencode(data, doseq=True) if data else None,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != (302 if data else 200):
                response.failure(f"status {response.status_code}")
            return response

    @task
    def visit(self):
        base = next(_next_host)
        if TARGET["kind"] == "quiz":
            self.on_start()  # someone else each time: a person may take a quiz only so often a day
            self.take_quiz(base)
        else:
            self.ask(base, TARGET["path"], TARGET["name"])

    def take_quiz(self, base):
        """Open the quiz (not counted as the submission), tick the first choice of every question, submit."""
        form = self.ask(base, TARGET["path"], "quiz-formulier")
        if form.status_code != 200:
            return
        set_cookie = form.headers.get("Set-Cookie") or ""
        cookie = SET_CSRF_COOKIE.search("; ".join(set_cookie) if isinstance(set_cookie, list) else set_cookie)
        if cookie:
            self.cookies["csrftoken"] = cookie.group(1)
        answers = {}
        for field, value in CHOICE.findall(form.text):
            answers.setdefault(field, value)
        data = {"csrfmiddlewaretoken": CSRF.search(form.text).group(1), "token": TOKEN.search(form.text).group(1)}
        self.ask(base, TARGET["path"], TARGET["name"], data={**data, **answers})
