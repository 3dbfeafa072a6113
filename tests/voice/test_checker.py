"""The u/jij checker's promises one by one: offsets and suggestions, quotations, the hour, compounds,
abbreviations, diminutives, word rules. The labelled corpus is measured in test_corpus.py."""

import pytest

from voice.checker import ADVICE, AVOID_BECAUSE_MESSAGE, WARNING, WordRule, check


@pytest.mark.parametrize(
    ("text", "form", "found"),
    [
        ("Heeft u vragen? Bel je adviseur.", "auto", [(20, 22, "je", "uw")]),
        ("Kun je ons bellen? U krijgt dan bericht.", "u", [(4, 6, "je", "u")]),
        ("Wil je dit formulier invullen, a.u.b.?", "jij", [(31, 37, "a.u.b.", "alsjeblieft")]),
        ("Hebt u uw polis bij de hand? Dank je!", "u", [(29, 36, "Dank je", "Dank u")]),
        ("Meld u aan via de site en kies je wachtwoord.", "jij", [(5, 6, "u", "je")]),
    ],
)
def test_findings_point_at_the_words_with_a_suggestion(text, form, found):
    report = check(text, form)
    assert [(f.start, f.end, f.text, f.suggestion) for f in report.errors] == found
    assert all(text[f.start : f.end] == f.text for f in report.findings)
    assert all(f.message for f in report.findings)


@pytest.mark.parametrize(
    "text",
    [
        "Wij zijn open van 9 u tot 17.30 u.",
        "Neem na de U-bocht de tweede afslag.",
        "Alle auto's m.u.v. bestelbussen.",
        'Een klant schreef: "Jullie hielpen me snel." U leest het goed.',
        "Het meisje in de jeans kocht een jeep.",
    ],
)
def test_no_address_is_read_where_there_is_none(text):
    assert check(text, "u").errors == []


def test_word_rules_apply_on_word_boundaries_without_case():
    rules = [WordRule("polis", "verzekeringspolis", ("polis",), "korter en gewoner", WARNING)]
    report = check("Uw Verzekeringspolis staat online; de verzekeringspolissen ook.", "u", rules)
    assert [(f.text, f.rule, f.severity, f.suggestion) for f in report.findings] == [
        ("Verzekeringspolis", "polis", WARNING, "polis")
    ]


def test_an_unknown_form_is_refused():
    with pytest.raises(ValueError):
        check("Hallo", "wij")


@pytest.mark.parametrize(
    ("text", "form", "detected", "checked_against", "errors"),
    [
        ("Bent u tevreden? Laat het ons weten.", "auto", "u", "u", []),
        ("Ben je tevreden? Laat het ons weten.", "auto", "jij", "jij", []),
        ("Stuur de foto's mee. Bel ons vandaag.", "auto", "none", "", []),  # imperatives carry no signal
        ("Uw auto staat klaar. Haal je hem vandaag op? U kunt ook bellen.", "auto", "mixed", "u", ["je"]),
        ("Jullie offerte is klaar. Kunt u morgen tekenen?", "u", "mixed", "u", ["Jullie"]),
        ("Meld je aan en log in. Wilt u hulp?", "jij", "mixed", "jij", ["u"]),
        ("Dank u voor je bericht.", "auto", "mixed", "u", ["je"]),  # a tie: the first clear use decides
        ("Wil je alsjeblieft je polisnummer noemen?", "u", "jij", "u", ["je", "alsjeblieft", "je"]),
    ],
)
def test_the_form_is_detected_and_the_outliers_reported(text, form, detected, checked_against, errors):
    report = check(text, form)
    assert (report.detected, report.form) == (detected, checked_against)
    assert [f.text for f in report.errors] == errors


def test_a_generic_je_is_advice_in_a_u_text_and_fine_in_a_jij_text():
    text = "Je weet maar nooit wanneer het misgaat. Daarom raden wij u een inboedelverzekering aan."
    report = check(text, "u")
    assert report.detected == "u"
    assert [(f.text, f.severity, f.rule) for f in report.findings] == [("Je", ADVICE, "generic-je")]
    assert check(text.replace("u een", "je een"), "jij").findings == []


def test_a_u_text_keeps_to_one_verb_form():
    report = check("U hebt een schade gemeld. Wanneer heeft u tijd? En hebt u foto's?", "u")
    assert [(f.text, f.rule, f.severity, f.suggestion) for f in report.findings] == [
        ("heeft", "agreement", WARNING, "hebt")
    ]
    assert check("U heeft een schade gemeld. Wanneer heeft u tijd?", "u").findings == []


@pytest.mark.parametrize(
    ("text", "prefer", "found"),
    [
        # The brand writes "u hebt": every "heeft" after or before "u" is reported, even when it is the only one.
        ("U heeft een schade gemeld. Wanneer heeft u tijd?", ("hebt",), [("heeft", "hebt"), ("heeft", "hebt")]),
        ("U hebt een schade gemeld. Wanneer heeft u tijd? En hebt u foto's?", ("hebt",), [("heeft", "hebt")]),
        # The brand writes "u heeft": now the majority is the outlier.
        ("U hebt een schade gemeld. Wanneer heeft u tijd? En hebt u foto's?", ("heeft",), [("hebt", "heeft")] * 2),
        # A preference for one pair leaves the others to the majority rule.
        ("U kunt bellen of u kan mailen. Kunt u morgen?", ("heeft",), [("kan", "kunt")]),
        ("Kan u morgen bellen?", ("kunt",), [("Kan", "kunt")]),
        ("Kan u morgen bellen?", ("heeft",), []),
        # Quotations keep their own words.
        ('Een klant schreef: "U heeft gelijk." U hebt het goed gedaan.', ("hebt",), []),
    ],
)
def test_the_brands_verb_choice_wins_over_the_majority(text, prefer, found):
    report = check(text, "u", prefer=prefer)
    agreement = [f for f in report.findings if f.rule == "agreement"]
    assert [(f.text, f.suggestion) for f in agreement] == found
    assert all(f.severity == WARNING and text[f.start : f.end] == f.text for f in agreement)


def test_a_verb_choice_applies_to_u_texts_only_and_must_be_a_choice():
    assert check("Heb je tijd? Heeft je broer tijd?", "jij", prefer=("hebt",)).findings == []
    with pytest.raises(ValueError):
        check("U heeft tijd.", "u", prefer=("heeft", "hebt"))
    with pytest.raises(ValueError):
        check("U heeft tijd.", "u", prefer=("bent",))


def test_a_finding_keeps_its_untranslated_message():
    rules = [WordRule("polis", "verzekeringspolis", ("polis",), "korter en gewoner")]
    text = "Heeft u vragen? Bel je adviseur over uw verzekeringspolis. U hebt recht op hulp."
    findings = check(text, "u", rules, prefer=("heeft",)).findings
    assert [f.message for f in findings] == [
        "In een tekst met ‘u’ hoort ‘uw’, niet ‘je’.",
        "Vermijd ‘verzekeringspolis’: korter en gewoner",
        "Wij schrijven ‘u heeft’, niet ‘u hebt’.",
    ]
    assert all(f.template % f.params == f.message for f in findings)
    assert findings[1].template == AVOID_BECAUSE_MESSAGE and findings[1].params["reason"] == "korter en gewoner"
    inverted = check("Kun je ons bellen? U krijgt dan bericht.", "u").findings[0]
    assert inverted.message == "In een tekst met ‘u’: ‘kunt u’ in plaats van ‘kun je’."
    assert inverted.template % inverted.params == inverted.message
