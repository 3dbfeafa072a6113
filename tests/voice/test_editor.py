"""The tone of voice in Wagtail's content checks: the userbar item's Axe configuration and the data it renders.
The checks running in the editor are shown in tests/browser/test_voice_editor.py."""

import json
import re

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from wagtail import hooks
from wagtail.admin.userbar import AdminItem, ContentCheckerItem
from wagtail.models import Site

from voice import rules as voice_rules
from voice.checker import WordRule
from voice.editor import DATA_ID, VoiceCheckerItem, add_voice_checks
from voice.engine_data import engine_data

VOICE_RULES = ["voice-address", "voice-agreement", "voice-words", "voice-generic-je"]


@pytest.fixture
def request_of(rf):
    def make(user):
        request = rf.get("/")
        request.user = user
        return request

    return make


def rendered_data(html):
    match = re.search(rf'<script id="{DATA_ID}" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert match, html
    return json.loads(match.group(1))


def test_the_project_registers_the_hook():
    assert add_voice_checks in hooks.get_hooks("construct_wagtail_userbar")


def test_the_hook_swaps_wagtails_content_checker_for_the_voice_one(rf, home_page):
    admin_item, in_editor = AdminItem(), ContentCheckerItem(in_editor=True)
    items = [admin_item, in_editor]
    add_voice_checks(rf.get("/"), items, home_page)
    assert items[0] is admin_item
    assert type(items[1]) is VoiceCheckerItem and items[1].in_editor and items[1].page == home_page
    voice_item = items[1]
    add_voice_checks(rf.get("/"), items, home_page)
    assert items[1] is voice_item  # once is enough


def test_the_checks_run_beside_wagtails_own_with_dutch_names(rf):
    configuration = VoiceCheckerItem().get_axe_configuration(rf.get("/"))
    run_only = configuration["options"]["runOnly"]
    assert run_only == [*ContentCheckerItem.axe_run_only, *VOICE_RULES]
    rules = {rule["id"]: rule for rule in configuration["spec"]["rules"]}
    assert {"alt-text-quality", "empty-meta-description", *VOICE_RULES} <= set(rules)
    assert rules["voice-address"]["any"] == ["voice-address-check"]
    assert rules["voice-address"]["selector"].startswith("p, li, h1")
    checks = {check["id"]: check for check in configuration["spec"]["checks"]}
    assert checks["voice-words-check"]["options"] == {"findings": "words"}
    serialised = json.loads(json.dumps(configuration, cls=DjangoJSONEncoder))  # as json_script renders it
    assert serialised["messages"]["voice-address"]["error_name"] == "‘u’ en ‘je’ door elkaar"
    assert serialised["messages"]["button-name"]  # Wagtail's own messages stay


def test_without_a_rule_list_axe_runs_every_rule_ours_included(rf):
    class EveryRule(VoiceCheckerItem):
        axe_run_only = None

    assert "runOnly" not in EveryRule().get_axe_configuration(rf.get("/"))["options"]


def test_the_userbar_item_renders_the_engine_data_and_its_scripts(request_of, admin_user):
    rules = (WordRule("polis", "verzekeringspolis", ("polis",), "korter"),)
    item = VoiceCheckerItem(rules=rules, prefer=("heeft",))
    data = rendered_data(item.render_html({"request": request_of(admin_user)}))
    assert data["engine"] == engine_data(rules, ("heeft",))
    assert data["form"] == "auto"
    assert data["checks"] == [f"{rule}-check" for rule in VOICE_RULES]
    assert [path.split("/")[-1] for path in item.media._js] == ["checker.js", "editor-check.js"]


def test_the_brands_word_rules_and_verb_choice_of_the_pages_site_feed_the_check(
    request_of, admin_user, home_page, monkeypatch
):
    rules = (WordRule("helaas", "helaas"),)
    sites = []
    monkeypatch.setattr(voice_rules, "active_rules", lambda: rules)
    monkeypatch.setattr(voice_rules, "preferred_verbs", lambda site=None: sites.append(site) or ("hebt",))
    data = rendered_data(VoiceCheckerItem(page=home_page).render_html({"request": request_of(admin_user)}))
    assert data["engine"] == engine_data(rules, ("hebt",))
    assert sites == [Site.objects.get(is_default_site=True)]
