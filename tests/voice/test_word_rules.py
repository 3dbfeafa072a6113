"""The brand's word rules: edited as a snippet, cached for the checker, and found by the teksttoets."""

import html
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from voice import factories
from voice.models import WordRule
from voice.rules import active_rules

ADD_URL = "/admin/snippets/voice/wordrule/add/"
DUPLICATE = "Voor dit woord bestaat al een regel."
NO_LETTERS = "Een woordregel gaat over woorden: gebruik minstens één letter."


def rule_form(phrase, replacements="", *, reason="", severity="warning", active=True):
    data = {"phrase": phrase, "replacements": replacements, "reason": reason, "severity": severity}
    return data | ({"active": "on"} if active else {})


def phrases():
    return {rule.phrase: rule for rule in active_rules()}


def findings(client, text, form="u"):
    """The teksttoets's list of findings as (the words found, the suggestion) in text order."""
    response = client.post("/teksttoets/", {"text": text, "form": form})
    assert response.status_code == HTTPStatus.OK
    rows = BeautifulSoup(response.content, "html.parser").select("ol.findings li")
    return [
        (
            row.strong.get_text().strip("‘’"),
            suggestion.get_text() if (suggestion := row.select_one(".suggestion")) else "",
        )
        for row in rows
    ]


# ---------------------------------------------------------------------------
# The snippet in the admin
# ---------------------------------------------------------------------------


def test_the_brand_team_adds_a_rule(brand_editor):
    response = brand_editor.post(
        ADD_URL,
        rule_form("  ter  attentie  van ", "voor", reason="Ambtelijk.", severity="advice"),
    )

    assert response.status_code == HTTPStatus.FOUND
    rule = WordRule.objects.get()
    assert (rule.phrase, rule.replacement_list(), rule.reason, rule.severity, rule.active) == (
        "ter attentie van",
        ["voor"],
        "Ambtelijk.",
        "advice",
        True,
    ), "spaces around and inside the phrase are tidied up"


@pytest.mark.parametrize("phrase", ["Dient U", "DIENT u", " dient   u "])
def test_a_phrase_that_already_has_a_rule_is_refused_in_any_case(brand_editor, word_rules, phrase):
    response = brand_editor.post(ADD_URL, rule_form(phrase, "wilt u"))

    assert response.status_code == HTTPStatus.OK, "the form comes back with the message"
    assert DUPLICATE in html.unescape(response.content.decode())
    assert WordRule.objects.filter(phrase__iexact="dient u").count() == 1


@pytest.mark.parametrize("phrase", ["...", "12,50", "-- !"])
def test_a_phrase_without_letters_is_refused(brand_editor, phrase):
    response = brand_editor.post(ADD_URL, rule_form(phrase, "iets"))

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["phrase"] == [NO_LETTERS]
    assert not WordRule.objects.exists()


def test_the_brand_team_changes_a_rule_and_the_teksttoets_follows(brand_editor, word_rules, staff_a, client):
    rule = word_rules[1]
    assert phrases()["per omgaande"].replacements == ("meteen",)  # now cached

    response = brand_editor.post(
        f"/admin/snippets/voice/wordrule/edit/{rule.pk}/", rule_form("per omgaande", "direct, vandaag nog")
    )

    assert response.status_code == HTTPStatus.FOUND
    client.force_login(staff_a)
    assert findings(client, "Wij betalen per omgaande.") == [("per omgaande", "direct / vandaag nog")]


def test_an_administrator_deletes_a_rule_and_the_teksttoets_forgets_it(
    client, admin_user, login_with_mfa, home_page, word_rules
):
    assert "per omgaande" in phrases()  # now cached
    login_with_mfa(client, admin_user)

    response = client.post(f"/admin/snippets/voice/wordrule/delete/{word_rules[1].pk}/")

    assert response.status_code == HTTPStatus.FOUND
    assert "per omgaande" not in phrases()
    assert findings(client, "Wij betalen per omgaande.") == []


# ---------------------------------------------------------------------------
# The rules the checker gets
# ---------------------------------------------------------------------------


def test_active_rules_are_given_to_the_checker_with_their_replacements(word_rules):
    assert phrases()["dient u"].replacements == ("wilt u", "kunt u")
    assert phrases()["dient u"].reason == "Dat klinkt als een bevel."
    assert phrases()["per omgaande"].severity == "error"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(lambda rule: factories.word_rule("reeds", "al"), {"dient u", "per omgaande", "reeds"}, id="add"),
        pytest.param(lambda rule: rule.delete(), {"per omgaande"}, id="delete"),
        pytest.param(lambda rule: setattr(rule, "active", False) or rule.save(), {"per omgaande"}, id="deactivate"),
        pytest.param(
            lambda rule: setattr(rule, "phrase", "dient men") or rule.save(), {"dient men", "per omgaande"}, id="edit"
        ),
    ],
)
def test_the_cached_rules_are_forgotten_when_a_rule_changes(word_rules, change, expected):
    assert set(phrases()) == {"dient u", "per omgaande"}  # now cached

    change(word_rules[0])

    assert set(phrases()) == expected


def test_inactive_rules_are_ignored(client, staff_a, word_rules):
    factories.word_rule("reeds", "al", active=False)
    client.force_login(staff_a)

    assert "reeds" not in phrases()
    assert findings(client, "Wij hebben uw brief reeds ontvangen.") == []


def test_a_rule_made_in_the_admin_reaches_the_teksttoets_with_its_replacement(brand_editor, client, staff_a):
    response = brand_editor.post(ADD_URL, rule_form("middels", "met, via", reason="Niemand zegt dit hardop."))
    assert response.status_code == HTTPStatus.FOUND
    client.force_login(staff_a)

    response = client.post("/teksttoets/", {"text": "U betaalt middels een acceptgiro.", "form": "u"})

    page = BeautifulSoup(response.content, "html.parser")
    assert [mark.find(string=True) for mark in page.select(".voice-text mark")] == ["middels"]
    [row] = page.select("ol.findings li")
    assert "Vermijd ‘middels’: Niemand zegt dit hardop." in row.get_text()
    assert row.select_one(".suggestion").get_text() == "met / via"
