"""The editor's JavaScript engine (voice/static/voice/checker.js) against the Python engine, in Debian's Chromium.

Both judge every corpus case in every form, plain and with word rules and a verb choice; the verdicts and the
findings must be the same. Python counts offsets in code points and JavaScript in UTF-16 units; the Python offsets
are converted before comparing (they differ only after an emoji, which one corpus case has).
"""

import re
from pathlib import Path

import pytest

# The browser tests' Chromium and their handling of Django's connections while Playwright's loop runs.
from tests.browser.conftest import _thread_connections, browser_type_launch_args, playwright  # noqa: F401
from voice.checker import ADVICE, ERROR, WordRule, check
from voice.engine_data import engine_data, to_js

from .corpus import CASES
from .test_corpus import parse

pytestmark = pytest.mark.browser

CHECKER_JS = Path(__file__).resolve().parents[2] / "voice" / "static" / "voice" / "checker.js"
RULES = (
    WordRule("polis", "verzekeringspolis", ("polis",), "korter en gewoner"),
    WordRule("schadeclaim", "schade claim", ("schademelding", "melding"), "", ERROR),
    WordRule("helaas", "helaas", (), "", ADVICE),
    WordRule("uiteraard", "uiteraard", ("natuurlijk",), "50% van de lezers struikelt erover"),
)
# The brand's settings: (word rules, preferred verbs).
SETTINGS = {"plain": ((), ()), "rules and u heeft": (RULES, ("heeft",)), "u hebt, u kunt": ((), ("hebt", "kunt"))}
DATA = {name: engine_data(*settings) for name, settings in SETTINGS.items()}
EDGE_CASES = [
    "Heeft u vragen? Bel je adviseur.",
    'Een klant schreef: "Jullie hielpen me snel." U leest het goed.',
    "De klant zei ‘je bent geweldig’ en u leest het goed.",
    "In het ’s-Hertogenbosch kantoor: ‘Heb jij de sleutel?’ Nee. U krijgt hem morgen.",
    "Wij zijn open van 9 u tot 17.30 u. Om 10 u\nbelt u ons.",
    "Neem na de U-bocht de tweede afslag. Kunt u ons dan bellen?",
    "In het café je jas ophangen? U mag hem ook aanhouden.",
    "Ben je in één café je telefoon vergeten? U kunt ons bellen.",
    "Hoe éérder je belt, hoe sneller wij u helpen.",
    "Dank\u00a0je wel! U bent welkom; Dank u.",
    "Het meisje in de jeans kocht een jeep. Heb jij haar gezien? Hebt u haar gezien?",
    "Alle auto's m.u.v. bestelbussen, km/u en de heer U. Demir. Wilt u tekenen, a.u.b.?",
    "Storm 🌬️ op komst? Zet je tuinmeubels binnen. Heeft u toch schade? U heeft recht op hulp.",
    "Uw verzekeringspolis is klaar; de schade  claim ook. Helaas, uiteraard. Kan u tekenen?",
    "",
]


def utf16(text, offset):
    """A code point offset as JavaScript counts it: in UTF-16 code units."""
    return len(text[:offset].encode("utf-16-le")) // 2


def python_report(text, form, rules, prefer):
    report = check(text, form, rules, prefer)
    findings = [
        {
            "start": utf16(text, finding.start),
            "end": utf16(text, finding.end),
            "text": finding.text,
            "rule": finding.rule,
            "severity": finding.severity,
            "message": finding.message,
            "suggestion": finding.suggestion,
            "template": finding.template,
            "params": finding.params,
        }
        for finding in report.findings
    ]
    return {"detected": report.detected, "form": report.form, "findings": findings}


# Where Python's and JavaScript's ideas of a word, a digit, white space and a line end differ.
UNICODE_TEXTS = [
    "café je",
    "Heeft u 10 u\n",
    "a\x1cb\x85c",
    "a\ufeffb",
    "ǅe ẞtraat straße",
    "één 1² ½ km",
    "x\ny\r\nz",
    "DANK U",
]
TEXTS = [parse(case.text)[0] for case in CASES] + EDGE_CASES
FORMS = sorted({case.form for case in CASES})


@pytest.fixture(scope="module")
def engine_page(browser):
    """A blank page with checker.js loaded from the file, as the editor's preview loads it."""
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=CHECKER_JS.read_text())
    yield page
    context.close()


def test_the_corpus_uses_every_form():
    assert FORMS == ["auto", "jij", "u"]


def test_every_exported_pattern_compiles_in_javascript(engine_page):
    def patterns(value, path):
        if isinstance(value, dict) and set(value) == {"source", "flags"}:
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from patterns(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from patterns(item, f"{path}[{index}]")

    specs = dict(patterns(DATA["rules and u heeft"], "data"))
    assert len(specs) >= 14 + len(RULES)
    errors = engine_page.evaluate(
        """specs => Object.entries(specs).flatMap(([path, spec]) => {
            try { new RegExp(spec.source, spec.flags); return []; } catch (error) { return [path + ": " + error]; }
        })""",
        specs,
    )
    assert errors == []


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+",
        r"\W+",
        r"\s+",
        r"\S+",
        r"\bje\b",
        r"\Bje",
        r"\d+",
        r"[^\d\s]+",
        r".+",
        r"\w+\s*$",
        r"^\s*\w+",
        r"(?i)dank\s+u",
    ],
)
def test_a_translated_pattern_matches_where_python_matches(engine_page, pattern):
    compiled = re.compile(pattern)
    expected = [
        [[utf16(text, m.start()), utf16(text, m.end())] for m in compiled.finditer(text)] for text in UNICODE_TEXTS
    ]
    actual = engine_page.evaluate(
        """([spec, texts]) => texts.map(text => Array.from(
            text.matchAll(new RegExp(spec.source, spec.flags + "g")), m => [m.index, m.index + m[0].length]))""",
        [to_js(compiled), UNICODE_TEXTS],
    )
    assert actual == expected


def test_both_engines_give_the_same_verdicts_and_findings(engine_page):
    runs = [(name, text, form) for name in SETTINGS for text in TEXTS for form in FORMS]
    results = engine_page.evaluate(
        "([data, runs]) => runs.map(([name, text, form]) => window.voiceChecker.check(text, form, data[name]))",
        [DATA, runs],
    )
    assert len(results) == len(runs) >= 3 * 3 * 210
    different = [
        (name, text, form, expected, actual)
        for (name, text, form), actual in zip(runs, results, strict=True)
        if actual != (expected := python_report(text, form, *SETTINGS[name]))
    ]
    assert different == []
    # The comparison covers every kind of finding, not only silence.
    rules = {finding["rule"] for result in results for finding in result["findings"]}
    assert {"address-u", "address-jij", "generic-je", "agreement", "polis", "schadeclaim", "helaas"} <= rules


def test_the_javascript_engine_reports_a_mixed_text_with_offsets_in_utf16(engine_page):
    text = "Storm 🌬️ op komst? Heeft u vragen? Bel je adviseur."
    report = engine_page.evaluate(
        "([text, data]) => window.voiceChecker.check(text, 'auto', data)", [text, DATA["plain"]]
    )
    assert (report["detected"], report["form"]) == ("mixed", "u")
    [finding] = report["findings"]
    assert (finding["text"], finding["suggestion"], finding["message"]) == (
        "je",
        "uw",
        "In een tekst met ‘u’ hoort ‘uw’, niet ‘je’.",
    )
    start = text.index(" je ") + 1
    assert (finding["start"], finding["end"]) == (start + 1, start + 3)  # the emoji: one code point, two UTF-16 units


def test_an_unknown_form_is_refused_in_javascript(engine_page):
    error = engine_page.evaluate(
        """data => { try { window.voiceChecker.check("Hallo", "wij", data); return ""; }
                     catch (error) { return String(error); } }""",
        DATA["plain"],
    )
    assert "form must be" in error
