"""Benchmark: the u/jij checker over a 10,000-word text.

Run from the project root: .venv/bin/python -m bench.voice
Prints the times, writes bench/voice.json and exits with status 1 when the best run misses the target.
"""

import json
import statistics
import sys
import time
from pathlib import Path

from voice.checker import WordRule, check

WORDS = 10_000
RUNS = 5
TARGET_SECONDS = 0.1
RESULT_FILE = Path(__file__).with_name("voice.json")
SENTENCES = [
    "Heeft u vragen over uw polis? Bel je adviseur of kijk op onze website.",
    "Kun je de foto's van de schade vandaag nog sturen, a.u.b.?",
    "Wij zijn open van 9 u tot 17.30 u, behalve op zondag.",
    'Een klant schreef: "Jullie hebben me echt geholpen." Dank u wel daarvoor.',
    "U hebt een schade gemeld en u heeft recht op vervangend vervoer.",
    "Je weet maar nooit wanneer het misgaat, dus controleer uw dekking.",
    "Meld je aan voor de nieuwsbrief en ontvang elke maand tips voor een veilig huis.",
]
RULES = [WordRule("polis", "verzekeringspolis", ("polis",)), WordRule("schadeclaim", "schadeclaim", ("schademelding",))]


def text_of(words):
    parts, count = [], 0
    while count < words:
        sentence = SENTENCES[len(parts) % len(SENTENCES)]
        parts.append(sentence)
        count += len(sentence.split())
    return " ".join(parts)


def main():
    text = text_of(WORDS)
    timings = []
    for _run in range(RUNS):
        start = time.perf_counter()
        report = check(text, "auto", RULES)
        timings.append(time.perf_counter() - start)
    best, median = min(timings), statistics.median(timings)
    passed = best <= TARGET_SECONDS
    print(f"{len(text.split()):,} words, {len(report.findings):,} findings")  # noqa: T201
    print(f"best {best:.4f} s, median {median:.4f} s, target {TARGET_SECONDS} s: {'passed' if passed else 'FAILED'}")  # noqa: T201
    RESULT_FILE.write_text(
        json.dumps(
            {
                "words": len(text.split()),
                "best_seconds": best,
                "median_seconds": median,
                "target_seconds": TARGET_SECONDS,
                "passed": passed,
            },
            indent=2,
        )
        + "\n"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
