"""`manage.py voice_check`: the teksttoets on the command line, for a file or stdin, as text or JSON."""

import io
import json
import re
import sys

import pytest
from django.core.management import CommandError, call_command

LETTER = "Beste klant,\nDient u het formulier per omgaande op te sturen? Dan hoor je snel van ons.\n"
CLEAN = "Beste klant,\nHeeft u vragen? Bel ons gerust.\n"


def run(*args):
    """The command's output and exit code (None when it does not exit)."""
    out = io.StringIO()
    try:
        call_command("voice_check", *args, stdout=out)
    except SystemExit as stop:
        return out.getvalue(), stop.code
    return out.getvalue(), None


@pytest.fixture
def letter(tmp_path):
    def write(text, name="brief.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_findings_are_printed_with_file_line_and_column(letter, word_rules):
    path = letter(LETTER)

    output, code = run(path)

    assert output.splitlines() == [
        f"{path}:2:1: waarschuwing: ‘Dient u’: Vermijd ‘Dient u’: Dat klinkt als een bevel. → wilt u / kunt u",
        f"{path}:2:23: fout: ‘per omgaande’: Vermijd ‘per omgaande’. → meteen",
        f"{path}:2:59: fout: ‘je’: In een tekst met ‘u’ hoort ‘u’, niet ‘je’. → u",
        "Gevonden vorm: mixed; getoetst op: u; 2 fouten, 1 waarschuwing, 0 adviezen.",
    ]
    assert code == 1, "errors make the command fail, so a script or CI job stops"


def test_a_text_without_errors_does_not_fail(letter, word_rules):
    output, code = run(letter(CLEAN))

    assert output.splitlines() == ["Gevonden vorm: u; getoetst op: u; 0 fouten, 0 waarschuwingen, 0 adviezen."]
    assert code is None


def test_warnings_and_advice_alone_do_not_fail(letter, word_rules):
    output, code = run(letter("Je weet maar nooit. Dient u een schade te melden? Bel ons."))

    assert output.splitlines()[-1] == "Gevonden vorm: u; getoetst op: u; 0 fouten, 1 waarschuwing, 1 advies."
    assert code is None


def test_json_gives_the_report(letter, word_rules):
    text = LETTER

    output, code = run(letter(text), "--json")

    report = json.loads(output)
    assert (report["detected"], report["form"], report["counts"]) == (
        "mixed",
        "u",
        {"error": 2, "warning": 1, "advice": 0},
    )
    assert [(finding["text"], finding["suggestion"]) for finding in report["findings"]] == [
        ("Dient u", "wilt u / kunt u"),
        ("per omgaande", "meteen"),
        ("je", "u"),
    ]
    assert all(text[finding["start"] : finding["end"]] == finding["text"] for finding in report["findings"])
    assert code == 1


def test_a_form_can_be_asked_for(letter, db):
    path = letter(CLEAN)

    output, code = run(path, "--form", "jij")

    assert output.splitlines() == [
        f"{path}:2:7: fout: ‘u’: In een tekst met ‘jij’: ‘heb je’ in plaats van ‘heeft u’. → je",
        "Gevonden vorm: u; getoetst op: jij; 1 fout, 0 waarschuwingen, 0 adviezen.",
    ]
    assert code == 1


def test_without_a_file_stdin_is_read(monkeypatch, word_rules):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Heeft u vragen?\nBel je adviseur."))

    output, code = run()

    assert output.splitlines()[0] == "stdin:2:5: fout: ‘je’: In een tekst met ‘u’ hoort ‘uw’, niet ‘je’. → uw"
    assert code == 1


def test_stdin_without_errors_does_not_fail(monkeypatch, db):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Heb je vragen? Bel je adviseur."))

    output, code = run("--json")

    assert json.loads(output)["findings"] == []
    assert code is None


@pytest.mark.parametrize(
    ("name", "message"),
    [("ontbreekt.txt", "Het bestand {path} bestaat niet."), ("", "{path} is een map, geen tekstbestand.")],
    ids=["missing-file", "a-folder"],
)
def test_an_unreadable_file_is_refused_with_a_message(tmp_path, db, name, message):
    path = str(tmp_path / name)

    with pytest.raises(CommandError, match=f"^{re.escape(message.format(path=path))}$"):
        run(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path, db):
    path = tmp_path / "brief-latin1.txt"
    path.write_bytes("Geachte heer Müller, wij verzoeken u per omgaande te betalen.".encode("latin-1"))

    with pytest.raises(CommandError, match=rf"^{re.escape(str(path))} is geen UTF-8-tekst\.$"):
        run(str(path))
