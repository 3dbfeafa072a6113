"""The English catalogues of our apps: complete, not fuzzy, placeholders intact, .mo files compiled and in use.

Our source strings are Dutch; `en` is the one catalogue we keep (Dutch msgid -> English msgstr).
"""

import re
from collections import Counter
from http import HTTPStatus
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.html import escape

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "accounts",
    "partners",
    "home",
    "brand",
    "training",
    "materials",
    "tools",
    "portal",
    "voice",
    "journeys",
    "recognition",
]
CATALOGUES = {app: ROOT / app / "locale" / "en" / "LC_MESSAGES" / "django.po" for app in APPS}

PRINTF_NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([a-zA-Z])")
PRINTF_POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?([sdifr])")
TEMPLATE_VARIABLE = re.compile(r"{{\s*(\w+)[^}]*}}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")

LOGIN_LEAD = "Log in met het e-mailadres waarmee je bent uitgenodigd of je hebt aangemeld."

by_app = pytest.mark.parametrize("app", APPS)


def catalogue(app):
    return polib.pofile(str(CATALOGUES[app]))


def placeholders(text):
    """What a translation must carry over: printf names (with type), positional printf, {{ names }}, tags."""
    text = text.replace("%%", "")
    named = [f"%({name}){kind}" for name, kind in PRINTF_NAMED.findall(text)]
    positional = [f"%{kind}" for kind in PRINTF_POSITIONAL.findall(PRINTF_NAMED.sub("", text))]
    variables = [f"{{{{ {name} }}}}" for name in TEMPLATE_VARIABLE.findall(text)]
    return Counter(named + positional + variables + HTML_TAG.findall(text))


def sources_and_translations(entry):
    """(source, translation) pairs: msgid for the singular form, msgid_plural for the other forms."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    return [
        (entry.msgid if index == 0 else entry.msgid_plural, text) for index, text in sorted(entry.msgstr_plural.items())
    ]


def test_every_app_has_an_english_catalogue():
    missing = [str(path.relative_to(ROOT)) for path in CATALOGUES.values() if not path.is_file()]
    assert missing == []


@by_app
def test_catalogue_is_english(app):
    po = catalogue(app)
    assert po.metadata.get("Language") == "en"
    assert "nplurals=2" in po.metadata.get("Plural-Forms", "")
    assert len(po) > 0


@by_app
def test_no_untranslated_entries(app):
    untranslated = [entry.msgid for entry in catalogue(app).untranslated_entries()]
    assert untranslated == []


@by_app
def test_no_fuzzy_or_obsolete_entries(app):
    po = catalogue(app)
    assert not po.metadata_is_fuzzy
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []


@by_app
def test_placeholders_and_tags_are_kept(app):
    broken = [
        (source, text)
        for entry in catalogue(app)
        if not entry.obsolete
        for source, text in sources_and_translations(entry)
        if placeholders(source) != placeholders(text)
    ]
    assert broken == []


def test_shared_source_strings_translate_the_same_everywhere():
    """Django merges the catalogues into one, so a msgid in two apps must not mean two things."""
    seen = {}
    for app in APPS:
        for entry in catalogue(app).translated_entries():
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            seen.setdefault(key, {})[app] = entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
    conflicting = {key[1]: apps for key, apps in seen.items() if len(set(apps.values())) > 1}
    assert conflicting == {}


def entry_mapping(entries):
    mapping = {}
    for entry in entries:
        if entry.msgid_plural:
            value = tuple(text for _, text in sorted((int(index), text) for index, text in entry.msgstr_plural.items()))
        else:
            value = entry.msgstr
        mapping[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = value
    return mapping


@by_app
def test_compiled_catalogue_is_up_to_date(app):
    mo_path = CATALOGUES[app].with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path.relative_to(ROOT)} is missing: run `make messages`"
    compiled = entry_mapping(entry for entry in polib.mofile(str(mo_path)) if entry.msgid)
    assert compiled == entry_mapping(catalogue(app).translated_entries()), "run `make messages` and commit the .mo"


def served(entry):
    return translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)


@by_app
def test_django_serves_the_english(app):
    """The compiled catalogues are found at run time: every string comes out in English."""
    wrong = []
    with translation.override("en"):
        for entry in catalogue(app).translated_entries():
            if entry.msgid_plural:
                for index, text in entry.msgstr_plural.items():
                    count = 1 if int(index) == 0 else 2
                    if translation.ngettext(entry.msgid, entry.msgid_plural, count) != text:
                        wrong.append(entry.msgid)
            elif served(entry) != entry.msgstr:
                wrong.append(entry.msgid)
    assert wrong == []


def test_login_page_in_english_after_choosing_english(client, db):
    response = client.post("/account/taal/", {"language": "en", "next": "/account/login/"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/account/login/"

    page = client.get("/account/login/").content.decode()
    english_lead = catalogue("portal").find(LOGIN_LEAD).msgstr
    assert '<html lang="en">' in page
    assert escape(english_lead) in page
    assert "Log in with the email address" in page
    assert 'No account yet? <a href="/account/signup/">Sign up</a>' in page
    assert LOGIN_LEAD not in page
