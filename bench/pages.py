"""Benchmark: the main pages at the large size, under load, on gunicorn with the production settings.

Run from the project root: `make bench` (or .venv/bin/python -m bench.pages). It builds the large data set
(`seed_demo --size large`) in PostgreSQL when DATABASE_URL is set, else in a fresh SQLite file under .bench/;
starts gunicorn (portal/gunicorn.py) with bench.settings (production plus a query count per response); and
drives 20 locust users, each logged in as someone of another partner, at one page at a time: first without pause
(the throughput, compared with the trivial view's), then each pausing 0.5 to 1.5 s between requests (the
latency people get, about 20 requests a second in all, more than 20 people clicking make). Prints a table, writes
bench/results.json and exits with status 1 when a target is missed.

BENCH_SECONDS sets the seconds per page (15); BENCH_REUSE=1 keeps the SQLite data set of the last run.
"""

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from bench import harness

RESULT_FILE = Path(__file__).with_name("results.json")
SHARE_TARGET = 0.35
P95_TARGET_MS = 100
QUIZ_P95_TARGET_MS = 150
REPORT_TARGET_MS = 300
EXPORT_MEMORY_TARGET_MB = 100
SEED_TARGET_SECONDS = 300
REPORT_SAMPLES = 20
PACE = 1  # requests per second per user, on average, in the latency runs


def main():
    env = harness.environment()
    seed_seconds = harness.prepare(env, fresh=os.environ.get("BENCH_REUSE") != "1")
    harness.setup_django(env)
    from bench import people

    pages = people.audience_pages()
    targets = people.targets(pages)
    sessions = people.partner_sessions(harness.USERS, pages.values())
    module = people.quiz_module()
    quiz_sessions = people.pool_of_sessions(400, [module])
    quiz = people.quiz_path(module)
    brand_team = people.brand_team_session()

    server = harness.Server(env)
    try:
        warm_up(server, targets, sessions)
        loads = [measure(name, path, sessions, server) for name, path in targets]
        quiz_load = harness.run_locust("quiz-inzenden", quiz, quiz_sessions, [server.url], kind="quiz", pace=PACE)
        report = time_report(server, brand_team)
        export = measure_export(server, brand_team)
    finally:
        server.stop()

    results = summarise(env, seed_seconds, loads, quiz_load, report, export)
    RESULT_FILE.write_text(json.dumps(results, indent=2))
    print_table(results)
    sys.exit(0 if not results["missed"] else 1)


def measure(name, path, sessions, server):
    """Throughput and queries from the run without pause; latency from the paced run; failures from both."""
    full = harness.run_locust(name, path, sessions, [server.url])
    paced = harness.run_locust(name, path, sessions, [server.url], pace=PACE)
    return {
        **paced.as_dict(),
        "rps": full.rps,
        "queries": full.queries,
        "requests": full.requests + paced.requests,
        "failures": full.failures + paced.failures,
        "saturated": {"p50": full.p50, "p95": full.p95, "p99": full.p99},
    }


def warm_up(server, targets, sessions):
    """Each page once per person, so the load meets filled caches and opened connections, as in a running site."""
    for cookies in sessions:
        for _name, path in targets:
            response = harness.request(server.url + path, cookies)
            if response.status != 200:
                raise SystemExit(f"{path} gaf {response.status} bij het opwarmen")
            response.read()


COMPLETIONS_REPORT = "/admin/reports/training/completions/"


def time_report(server, cookies):
    """The completion report's first page, asked REPORT_SAMPLES times one after another."""
    timings = []
    for _ in range(REPORT_SAMPLES + 1):
        started = time.perf_counter()
        response = harness.request(server.url + COMPLETIONS_REPORT, cookies)
        response.read()
        timings.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"Het rapport gaf {response.status}")
    timings = sorted(timings[1:])  # the first fills the caches
    return {
        "path": COMPLETIONS_REPORT,
        "samples": REPORT_SAMPLES,
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
    }


def measure_export(server, cookies):
    """The full CSV export, read as it streams, while the workers' memory is sampled every 20 ms."""
    pids = server.worker_pids()
    before = {pid: rss_mb(pid) for pid in pids}
    peak = dict(before)
    done = threading.Event()

    def sample():
        while not done.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], rss_mb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    response = harness.request(server.url + COMPLETIONS_REPORT + "?export=csv", cookies)
    rows, size = 0, 0
    for line in response:
        rows += 1
        size += len(line)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if response.status != 200:
        raise SystemExit(f"De export gaf {response.status}")
    growth = max(peak[pid] - before[pid] for pid in pids)
    return {
        "rows": rows - 1,  # the heading
        "megabytes": size / 1e6,
        "seconds": seconds,
        "streamed": response.headers.get("Content-Length") is None,
        "peak_growth_mb": growth,
        "peak_rss_mb": max(peak.values()),
    }


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def summarise(env, seed_seconds, loads, quiz_load, report, export):
    ceiling = loads[0]
    pages = []
    missed = []
    for load in loads:
        row = load | {"share": load["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0}
        pages.append(row)
        if load is ceiling:
            continue
        if row["share"] < SHARE_TARGET:
            missed.append(f"{load['name']}: {row['share']:.0%} van de lege view (doel {SHARE_TARGET:.0%})")
        if load["p95"] >= P95_TARGET_MS:
            missed.append(f"{load['name']}: p95 {load['p95']:.0f} ms (doel < {P95_TARGET_MS} ms)")
    for load in [*loads, quiz_load.as_dict()]:
        if load["failures"] or not load["requests"]:
            missed.append(f"{load['name']}: {load['failures']} fouten van {load['requests']} verzoeken")
    if quiz_load.p95 >= QUIZ_P95_TARGET_MS:
        missed.append(f"quiz inzenden: p95 {quiz_load.p95:.0f} ms (doel < {QUIZ_P95_TARGET_MS} ms)")
    if report["p95"] >= REPORT_TARGET_MS:
        missed.append(f"rapport eerste pagina: p95 {report['p95']:.0f} ms (doel < {REPORT_TARGET_MS} ms)")
    if export["peak_growth_mb"] >= EXPORT_MEMORY_TARGET_MB or not export["streamed"]:
        growth = export["peak_growth_mb"]
        missed.append(f"CSV-export: {growth:.0f} MB extra geheugen (doel < {EXPORT_MEMORY_TARGET_MB} MB, gestreamd)")
    if seed_seconds is not None and seed_seconds >= SEED_TARGET_SECONDS:
        missed.append(f"grote dataset: {seed_seconds:.0f} s (doel < {SEED_TARGET_SECONDS} s)")
    return {
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "cache": "redis" if env["REDIS_URL"] else "file",
        "cores": os.cpu_count(),
        "users": harness.USERS,
        "pace_per_user": PACE,
        "seconds_per_run": harness.RUN_SECONDS,
        "seed_seconds": seed_seconds,
        "pages": pages,
        "quiz_submit": quiz_load.as_dict(),
        "completion_report": report,
        "csv_export": export,
        "missed": missed,
    }


def print_table(results):
    out = sys.stdout
    out.write(
        f"\n{results['users']} gelijktijdige gebruikers, {results['cores']} kernen, database {results['database']}, "
        f"cache {results['cache']}. Verzoeken per seconde zonder pauze (aandeel: van de lege view); latentie bij "
        f"{results['pace_per_user']} verzoek per seconde per gebruiker; {results['seconds_per_run']} s per meting.\n\n"
    )
    headings = ("verz/s", "p50 ms", "p95 ms", "p99 ms", "fouten", "queries", "aandeel")
    out.write(f"{'pagina':<14}" + "".join(f"{heading:>9}" for heading in headings) + "\n")
    for row in [*results["pages"], results["quiz_submit"] | {"share": None, "rps": None}]:
        cells = [
            "-" if row["rps"] is None else f"{row['rps']:.1f}",
            f"{row['p50']:.0f}",
            f"{row['p95']:.0f}",
            f"{row['p99']:.0f}",
            str(row["failures"]),
            "-" if row["queries"] is None else f"{row['queries']:.1f}",
            "-" if row["share"] is None else f"{row['share']:.0%}",
        ]
        out.write(f"{row['name']:<14}" + "".join(f"{cell:>9}" for cell in cells) + "\n")
    report, export = results["completion_report"], results["csv_export"]
    out.write(f"\nRapport behaalde modules, eerste pagina: p50 {report['p50']:.0f} ms, p95 {report['p95']:.0f} ms\n")
    out.write(
        f"CSV-export: {export['rows']:,} regels, {export['megabytes']:.1f} MB in {export['seconds']:.1f} s, "
        f"{'gestreamd' if export['streamed'] else 'NIET gestreamd'}, werkgeheugen +{export['peak_growth_mb']:.0f} MB\n"
    )
    seed = results["seed_seconds"]
    out.write(f"Grote dataset: {f'{seed:.0f} s' if seed is not None else 'al aanwezig, niet opnieuw gebouwd'}\n")
    if results["missed"]:
        out.write("\nNiet gehaald:\n" + "".join(f"- {miss}\n" for miss in results["missed"]))
    else:
        out.write("\nAlle doelen gehaald.\n")
    out.write(f"Resultaten: {RESULT_FILE.relative_to(harness.ROOT)}\n")


if __name__ == "__main__":
    main()
