"""Benchmark: evaluate a 10-term formula over 10 Decimal variables 10,000 times.

Run from the project root: .venv/bin/python -m bench.formulas
Prints a short table, writes bench/formulas.json and exits with status 1 when the best run misses the target.
"""

import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from tools.formulas import evaluate

EVALUATIONS = 10_000
RUNS = 5
TARGET_SECONDS = 1.0
RESULT_FILE = Path(__file__).with_name("formulas.json")
NAMES = "abcdefghij"
# Ten terms over the ten variables: + - * / and one round() and one min().
FORMULA = "a * b + c / d - e * f + min(g, h) - i / j + round(a * c, 2) - b / 4 + d * e / 100 - f + g * 2"


def variable_sets(count):
    """A different set of values for every evaluation: deterministic, from 0.01 to 99.99, never zero."""
    return [
        {name: Decimal(1 + (n * (k + 7) + k * 131) % 9999) / 100 for k, name in enumerate(NAMES)} for n in range(count)
    ]


def timed_run(value_sets):
    start = time.perf_counter()
    for variables in value_sets:
        evaluate(FORMULA, variables)
    return time.perf_counter() - start


def main():
    value_sets = variable_sets(EVALUATIONS)  # built outside the timed loop
    evaluate(FORMULA, value_sets[0])  # fails early if the formula is wrong; parses it once

    out = sys.stdout
    out.write(f"Formula: {FORMULA}\n{EVALUATIONS:,} evaluations per run\n\n")
    out.write(f"{'run':>4}  {'seconds':>9}  {'evaluations/s':>14}\n")
    times = []
    for run in range(1, RUNS + 1):
        seconds = timed_run(value_sets)
        times.append(seconds)
        out.write(f"{run:>4}  {seconds:>9.4f}  {EVALUATIONS / seconds:>14,.0f}\n")

    best, median = min(times), statistics.median(times)
    passed = best <= TARGET_SECONDS
    verdict = "passed" if passed else "FAILED"
    out.write(f"\nbest {best:.4f} s, median {median:.4f} s, target {TARGET_SECONDS} s: {verdict}\n")

    result = {
        "evaluations": EVALUATIONS,
        "best_seconds": round(best, 6),
        "median_seconds": round(median, 6),
        "target_seconds": TARGET_SECONDS,
        "passed": passed,
    }
    RESULT_FILE.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
