"""The checker's data for its JavaScript port: read from checker.py, JSON as is, regexes rewritten for JavaScript.
That every exported pattern compiles and matches as in Python is shown in Chromium by test_js_engine.py."""

import json
import re

import pytest

from voice import checker
from voice.checker import WordRule
from voice.engine_data import engine_data, to_js

WORD = r"[\p{L}\p{N}_]"


@pytest.mark.parametrize(
    ("pattern", "source", "flags"),
    [
        (re.compile(r"\w+"), WORD + "+", "u"),  # Python's \w is Unicode: café is one word
        (re.compile(r"[\w\-.]"), r"[\p{L}\p{N}_\-.]", "u"),
        (re.compile(r"(?P<verb>hebt)\s+u", re.IGNORECASE), "(?<verb>hebt)[", "iu"),
        (re.compile(r"(?P<a>x)(?P=a)"), r"(?<a>x)\k<a>", "u"),
        (re.compile(r"\d{1,2}\s?$"), r"\p{Nd}{1,2}[", "u"),
        (re.compile(r"a.b"), r"a[^\n]b", "u"),
        (re.compile(r"(?i)dank"), "dank", "iu"),
        (re.compile(r"x{,3}y{2}"), "x{0,3}y{2}", "u"),
        (re.compile(r"a{b}"), r"a\{b\}", "u"),
        (re.compile(r"[]a]"), r"[\]a]", "u"),
    ],
)
def test_python_patterns_become_javascript_with_the_same_meaning(pattern, source, flags):
    translated = to_js(pattern)
    assert translated["source"].startswith(source)
    assert translated["flags"] == flags


def test_the_end_and_white_space_keep_their_python_meaning():
    source = to_js(re.compile(r"\s$"))["source"]
    assert source.endswith(r"(?=\n?(?![\s\S]))")  # Python's $ also matches before a final newline
    assert r"\u001c-\u0020" in source and r"\u0085" in source and r"\ufeff" not in source
    assert to_js(re.compile(r"\bje\b"))["source"] == (
        rf"(?:(?<!{WORD})(?={WORD})|(?<={WORD})(?!{WORD}))je(?:(?<!{WORD})(?={WORD})|(?<={WORD})(?!{WORD}))"
    )
    # re.escape escapes "-", "&" and "#", which JavaScript's u flag refuses outside a class.
    assert to_js(re.compile(re.escape("e-mail&co#1")))["source"] == "e-mail&co#1"


@pytest.mark.parametrize(
    "pattern",
    [r"(?>atomic)", r"a++", r"(?i:scoped)", r"[\W]", r"\N{EM DASH}", r"(a)?(?(1)b|c)", r"(?#comment)"],
)
def test_what_javascript_cannot_say_is_refused(pattern):
    with pytest.raises(ValueError):
        to_js(re.compile(pattern))


def test_the_export_reads_the_checker_and_adds_the_brands_rules():
    rules = (WordRule("polis", "verzekerings polis", ("polis",), "korter", checker.ERROR), WordRule("leeg", " "))
    data = engine_data(rules, ("Heeft",))
    assert json.loads(json.dumps(data)) == data
    assert data["inversion"] == checker.INVERSION
    assert data["agreement"] == [list(pair) for pair in checker.AGREEMENT]
    assert data["words"]["subject_verbs"] == sorted(checker.SUBJECT_VERBS)
    assert data["messages"]["address"] == checker.ADDRESS_MESSAGE
    assert data["prefer"] == ["heeft"]
    assert [rule["id"] for rule in data["rules"]] == ["polis", "leeg"]
    assert data["rules"][0]["pattern"]["source"].startswith(r"(?<![\p{L}\p{N}_-])verzekerings[")
    assert data["rules"][0]["severity"] == checker.ERROR
    assert data["rules"][1]["pattern"] is None  # an empty phrase matches nothing, in both engines
    with pytest.raises(ValueError):
        engine_data(prefer=("heeft", "hebt"))
