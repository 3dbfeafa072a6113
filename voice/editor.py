"""The tone of voice in Wagtail's content checks: u/jij mixing, the brand's verb choice and its avoided words.

Wagtail 8 runs Axe over every preview (the editor's "Checks" side panel) and over live pages (the userbar), with the
configuration of the userbar's `ContentCheckerItem`. `VoiceCheckerItem` adds four custom Axe rules with one check
each; voice/static/voice/editor-check.js gives those checks their evaluate function through the userbar element's
`registerCheck`, and judges the page's main text with checker.js, fed with `engine_data` from the Python engine.
`add_voice_checks` is the `construct_wagtail_userbar` hook that swaps Wagtail's item for this one.
"""

from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page, Site

from .engine_data import engine_data

DATA_ID = "voice-checker-data"
# The elements Axe points at: text blocks, and links, buttons and labels outside a block. Their text, in page order,
# is judged as one whole (see editor-check.js).
BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, blockquote, figcaption, caption, summary"
CONTROLS = "a, button, label"
# Axe rule id -> (impact, the kind of findings its check reports, the panel's name and help text).
VOICE_RULES = {
    "voice-address": (
        "serious",
        "address",
        _("‘u’ en ‘je’ door elkaar"),
        _("Deze tekst spreekt de lezer aan met ‘u’ én met ‘je’ of ‘jij’. Kies één vorm en pas de uitschieters aan."),
    ),
    "voice-agreement": (
        "moderate",
        "agreement",
        _("Werkwoord bij ‘u’ wisselt of wijkt af"),
        _("Houd één vorm aan, de vorm die het merk kiest: ‘u hebt’ of ‘u heeft’, ‘u kunt’ of ‘u kan’."),
    ),
    "voice-words": (
        "moderate",
        "words",
        _("Woord dat het merk vermijdt"),
        _("De woordregels van het merk geven een beter woord."),
    ),
    "voice-generic-je": (
        "minor",
        "generic_je",
        _("‘je’ in de betekenis van ‘men’"),
        _("In een tekst met ‘u’ leest ‘men’ of een omschrijving rustiger."),
    ),
}


def check_id(rule_id):
    return f"{rule_id}-check"


class VoiceCheckerItem(ContentCheckerItem):
    """Wagtail's content checker plus the brand's tone of voice, judged in the browser by the same rules as Python."""

    #: The form of address the page is judged against: "auto" lets the page's own majority decide.
    form = "auto"

    class Media:
        js = ["voice/checker.js", "voice/editor-check.js"]

    def __init__(self, in_editor=False, *, page=None, rules=None, prefer=None):
        super().__init__(in_editor=in_editor)
        self.page = page
        self.rules = rules
        self.prefer = prefer

    def get_axe_run_only(self, request):
        run_only = super().get_axe_run_only(request)
        # Wagtail's list holds rule ids; without a list Axe runs every enabled rule, ours included.
        return [*run_only, *VOICE_RULES] if run_only else run_only

    def get_axe_custom_rules(self, request):
        voice_rules = [
            {
                "id": rule_id,
                "impact": impact,
                "selector": f"{BLOCKS}, {CONTROLS}",
                "tags": ["voice"],
                "any": [check_id(rule_id)],
                "enabled": True,
            }
            for rule_id, (impact, _kind, _name, _help) in VOICE_RULES.items()
        ]
        return [*super().get_axe_custom_rules(request), *voice_rules]

    def get_axe_custom_checks(self, request):
        # Axe's own result (the console, the failure summary) says in words what the panel says.
        voice_checks = [
            {
                "id": check_id(rule_id),
                "options": {"findings": kind},
                "metadata": {"impact": impact, "messages": {"fail": help_text}},
            }
            for rule_id, (impact, kind, _name, help_text) in VOICE_RULES.items()
        ]
        return [*super().get_axe_custom_checks(request), *voice_checks]

    def get_axe_messages(self, request):
        messages = {
            rule_id: {"error_name": name, "help_text": help_text}
            for rule_id, (_impact, _kind, name, help_text) in VOICE_RULES.items()
        }
        return {**super().get_axe_messages(request), **messages}

    def get_check_data(self, request):
        """What editor-check.js needs: selectors, check ids, and the engine data with the brand's rules and verbs."""
        rules, prefer = self.rules, self.prefer
        if rules is None or prefer is None:
            from .rules import active_rules, preferred_verbs  # the models are ready by the time a page renders

            page = self.page if isinstance(self.page, Page) and self.page.pk else None
            site = page.get_site() if page else Site.find_for_request(request)
            rules = active_rules() if rules is None else rules
            prefer = preferred_verbs(site) if prefer is None else prefer
        return {
            "form": self.form,
            "blocks": BLOCKS,
            "controls": CONTROLS,
            "checks": [check_id(rule_id) for rule_id in VOICE_RULES],
            "engine": engine_data(rules, prefer),
        }

    def render_html(self, parent_context):
        html = super().render_html(parent_context)
        data = self.get_check_data(parent_context.get("request"))
        # Rendered beside the menu item, inside the userbar, where editor-check.js looks for it.
        return format_html("{}{}", html, json_script(data, DATA_ID))


def add_voice_checks(request, items, page):
    """`construct_wagtail_userbar` hook: Wagtail's content checker item becomes one with the tone-of-voice rules."""
    items[:] = [
        VoiceCheckerItem(in_editor=item.in_editor, page=page)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, VoiceCheckerItem)
        else item
        for item in items
    ]
