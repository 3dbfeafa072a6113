"""Building the writing guide and word rules in tests and the demo, as an editor fills them in."""

from .models import VoiceGuidePage, WordRule


def guide(home_page, title="Schrijfwijzer", slug="schrijfwijzer", body=(), introduction=""):
    existing = VoiceGuidePage.objects.child_of(home_page).first()
    if existing:
        return existing
    page = home_page.add_child(
        instance=VoiceGuidePage(title=title, slug=slug, introduction=introduction, body=list(body))
    )
    page.save_revision().publish()
    return page


def principle(title, text):
    return {"type": "principle", "value": {"title": title, "text": text}}


def example(do, dont, *, situation="", form="", why=""):
    return {"type": "example", "value": {"situation": situation, "form": form, "do": do, "dont": dont, "why": why}}


def word_list(heading="Woordenlijst", text=""):
    return {"type": "word_list", "value": {"heading": heading, "text": text}}


def address_table(heading="U of jij?", text=""):
    return {"type": "address_table", "value": {"heading": heading, "text": text}}


def word_rule(phrase, replacements="", *, reason="", severity="warning", active=True):
    rule, _created = WordRule.objects.update_or_create(
        phrase=phrase,
        defaults={"replacements": replacements, "reason": reason, "severity": severity, "active": active},
    )
    return rule
