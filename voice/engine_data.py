"""The checker's data for its JavaScript port (voice/static/voice/checker.js), read from voice/checker.py.

`engine_data(rules, prefer)` is a JSON-serialisable dict: every pattern as JavaScript source and flags, the word
lists, the inversion and suggestion tables, the verb pairs, the message templates and the severities, plus the
brand's word rules and preferred verbs. checker.py stays the one place where a pattern is written.

Python and JavaScript read some regex syntax differently; `to_js` rewrites those parts and refuses what it cannot
carry over, so a new pattern in checker.py fails the export instead of matching differently in the editor:
- `\\w`, `\\d`, `\\s` and `\\b` are Unicode in Python and ASCII in JavaScript: they become explicit classes (with
  the `u` flag), `\\s` as the exact set of characters Python counts as white space;
- `(?P<name>` and `(?P=name)` become `(?<name>` and `\\k<name>`; `.`, `^` and `$` keep Python's meaning (`$` also
  matches before a final newline); the flags become JavaScript flags;
- escapes of characters that need none (`\\-`, `\\#` from re.escape) lose their backslash where the `u` flag
  forbids them, and a `{` that is no quantifier is escaped.

No Django import, like the checker.
"""

import re
import sys
from functools import cache

from . import checker

WORD_CLASS = r"\p{L}\p{N}_"  # Python's \w: letters, digits and numbers of any script, and the underscore
DIGIT = r"\p{Nd}"
# Characters that JavaScript lets (or makes) a pattern escape, outside and inside a character class.
SYNTAX = set("^$\\.*+?()[]{}|/")
CLASS_SYNTAX = SYNTAX | {"-"}
SIMPLE_ESCAPES = set("ntrfv")
QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
FLAGS = {re.IGNORECASE: "i"}
UNSUPPORTED_FLAGS = re.VERBOSE | re.ASCII


@cache
def _space_class():
    """The characters Python's \\s matches in a str pattern (str.isspace), as class ranges for JavaScript."""
    spaces = [code for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    ranges, start = [], spaces[0]
    for previous, code in zip(spaces, [*spaces[1:], None], strict=True):
        if code != previous + 1:
            ranges.append(_code(start) if start == previous else f"{_code(start)}-{_code(previous)}")
            start = code
    return "".join(ranges)


def _code(code):
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\u{{{code:x}}}"


def _escape(char, in_class):
    r"""The JavaScript for the escape `\char`: in a character class or outside one."""
    space, word = _space_class(), WORD_CLASS
    if in_class:
        classes = {"w": word, "d": DIGIT, "D": r"\P{Nd}", "s": space, "b": r"\x08"}
        if char in classes:
            return classes[char]
        if char in ("W", "S"):
            raise ValueError(f"\\{char} inside a character class has no JavaScript equivalent")
    else:
        boundary = f"(?:(?<![{word}])(?=[{word}])|(?<=[{word}])(?![{word}]))"
        not_boundary = f"(?:(?<=[{word}])(?=[{word}])|(?<![{word}])(?![{word}]))"
        classes = {
            "w": f"[{word}]",
            "W": f"[^{word}]",
            "d": DIGIT,
            "D": r"\P{Nd}",
            "s": f"[{space}]",
            "S": f"[^{space}]",
            "b": boundary,
            "B": not_boundary,
            "A": r"(?<![\s\S])",
            "Z": r"(?![\s\S])",
        }
        if char in classes:
            return classes[char]
    if char in SIMPLE_ESCAPES or char in ("x", "u"):
        return "\\" + char
    if char.isalnum():
        raise ValueError(f"the escape \\{char} has no JavaScript equivalent here")
    return "\\" + char if char in (CLASS_SYNTAX if in_class else SYNTAX) else char


def to_js(pattern):
    """A compiled Python pattern as {"source", "flags"} for JavaScript's RegExp, with the same matches."""
    flags = pattern.flags
    if flags & UNSUPPORTED_FLAGS:
        raise ValueError(f"unsupported flags in {pattern.pattern!r}")
    multiline, dotall = bool(flags & re.MULTILINE), bool(flags & re.DOTALL)
    source, out, index, in_class = pattern.pattern, [], 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            following = source[index + 1]
            if following == "x":
                out.append(source[index : index + 4])
                index += 4
                continue
            if following == "u":
                out.append(source[index : index + 6])
                index += 6
                continue
            if following == "U":
                out.append(_code(int(source[index + 2 : index + 10], 16)))
                index += 10
                continue
            if following.isdigit() and following != "0" and not in_class:
                out.append("\\" + following)  # a numbered back-reference reads the same
                index += 2
                continue
            out.append(_escape(following, in_class))
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
                out.append(char)
            elif char == "[":
                out.append(r"\[")
            else:
                out.append(char)
            index += 1
            continue
        if char == "[":
            in_class = True
            out.append(char)
            index += 1
            if source[index : index + 1] == "^":
                out.append("^")
                index += 1
            if source[index : index + 1] == "]":  # a leading "]" is a literal in Python
                out.append(r"\]")
                index += 1
            continue
        if char == "(" and source[index + 1 : index + 2] == "?":
            index = _group(source, index, out)
            continue
        if char in "*+?" and source[index + 1 : index + 2] == "+":
            raise ValueError(f"possessive quantifiers have no JavaScript equivalent: {source!r}")
        if char == "{":
            quantifier = QUANTIFIER.match(source, index)
            if quantifier and (quantifier.group(1) or quantifier.group(3)):
                low, comma, high = quantifier.groups()
                out.append("{" + (low or "0") + comma + high + "}")
                index = quantifier.end()
                continue
            out.append(r"\{")
        elif char in "}]":
            out.append("\\" + char)
        elif char == ".":
            out.append(r"[\s\S]" if dotall else r"[^\n]")
        elif char == "^":
            out.append(r"(?<![^\n])" if multiline else "^")
        elif char == "$":
            out.append(r"(?![^\n])" if multiline else r"(?=\n?(?![\s\S]))")
        else:
            out.append(char)
        index += 1
    js_flags = "".join(letter for flag, letter in FLAGS.items() if flags & flag)
    return {"source": "".join(out), "flags": js_flags + "u"}


def _group(source, index, out):
    """Translate the opening of a `(?...)` group at `index`; return the index after it."""
    rest = source[index + 2 :]
    for python, javascript in (("P<", "(?<"), (":", "(?:"), ("=", "(?="), ("!", "(?!"), ("<=", "(?<="), ("<!", "(?<!")):
        if rest.startswith(python):
            out.append(javascript)
            return index + 2 + len(python)
    if rest.startswith("P="):
        name_end = source.index(")", index)
        out.append(r"\k<" + source[index + 4 : name_end] + ">")
        return name_end + 1
    flags = re.match(r"[aiLmsux]+\)", rest)
    if flags and index == 0:
        return index + 2 + flags.end()  # global flags at the start are in pattern.flags already
    raise ValueError(f"the group {source[index : index + 6]!r}… has no JavaScript equivalent")


def _word_rule(rule):
    pattern = checker.word_pattern(rule.phrase)
    return {
        "id": rule.id,
        "pattern": to_js(pattern) if pattern else None,
        "replacements": list(rule.replacements),
        "reason": rule.reason,
        "severity": rule.severity,
    }


def engine_data(rules=(), prefer=()):
    """Everything checker.js needs to judge a text exactly as checker.check(text, form, rules, prefer) does."""
    return {
        "forms": list(checker.FORMS),
        "severities": {"error": checker.ERROR, "warning": checker.WARNING, "advice": checker.ADVICE},
        "rule_ids": {
            "address": checker.ADDRESS_RULES,
            "generic_je": checker.GENERIC_JE_RULE,
            "agreement": checker.AGREEMENT_RULE,
        },
        "patterns": {
            "phrases": {form: to_js(pattern) for form, pattern in checker.PHRASES.items()},
            "pronouns": {form: to_js(pattern) for form, pattern in checker.PRONOUNS.items()},
            "hour": to_js(checker.HOUR),
            "initial": to_js(checker.INITIAL),
            "quotes": [to_js(pattern) for pattern in checker.QUOTES],
            "sentence": to_js(checker.SENTENCE),
            "generic_je": to_js(checker.GENERIC_JE),
            "agreement": to_js(checker.AGREEMENT_PATTERN),
            "previous_word": to_js(checker.PREVIOUS_WORD),
            "next_word": to_js(checker.NEXT_WORD),
        },
        "words": {
            "not_a_noun": sorted(checker.NOT_A_NOUN),
            "subject_verbs": sorted(checker.SUBJECT_VERBS),
            "subordinators": sorted(checker.SUBORDINATORS),
        },
        "inversion": checker.INVERSION,
        "inverted": checker.INVERTED,
        "agreement": [list(pair) for pair in checker.AGREEMENT],
        "suggestions": {
            "thanks_prefix": checker.THANKS_PREFIX,
            "thanks": checker.THANKS,
            "words": checker.SUGGESTIONS,
            "possessive": checker.POSSESSIVE,
            "possessive_words": list(checker.POSSESSIVE_WORDS),
            "pronoun": checker.PRONOUN,
            "generic_je": checker.GENERIC_JE_SUGGESTION,
        },
        "reach": {"hour": checker.HOUR_REACH, "word": checker.WORD_REACH, "span": checker.SPAN_REACH},
        "messages": {
            "address": checker.ADDRESS_MESSAGE,
            "inverted": checker.INVERTED_MESSAGE,
            "generic_je": checker.GENERIC_JE_MESSAGE,
            "agreement": checker.AGREEMENT_MESSAGE,
            "preferred": checker.PREFERRED_MESSAGE,
            "avoid": checker.AVOID_MESSAGE,
            "avoid_because": checker.AVOID_BECAUSE_MESSAGE,
        },
        "rules": [_word_rule(rule) for rule in rules],
        "prefer": list(checker.preferred(prefer)),
    }
