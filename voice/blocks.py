from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

FORM_CHOICES = [
    ("", _("de standaardvorm van het merk")),
    ("u", pgettext_lazy("form of address", "u")),
    ("jij", pgettext_lazy("form of address", "jij")),
]


class PrincipleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Principe"), max_length=120)
    text = blocks.TextBlock(label=_("Uitleg"))

    class Meta:
        icon = "pick"
        label = _("Principe")
        template = "voice/blocks/principle.html"
        preview_value = {
            "title": "Persoonlijk",
            "text": "We schrijven zoals we praten: met de klant, niet over de klant.",
        }


class ExampleBlock(blocks.StructBlock):
    """'Zo zeggen we het': a pair of examples. The "do" must pass the teksttoets, or the guide contradicts itself."""

    situation = blocks.CharBlock(label=_("Situatie"), max_length=160, required=False)
    form = blocks.ChoiceBlock(label=_("Aanspreekvorm"), choices=FORM_CHOICES, required=False, default="")
    do = blocks.TextBlock(label=_("Zo zeggen we het"))
    dont = blocks.TextBlock(label=_("Zo niet"))
    why = blocks.TextBlock(label=_("Waarom"), required=False)

    class Meta:
        icon = "tick"
        label = _("Zo zeggen we het")
        template = "voice/blocks/example.html"
        preview_value = {
            "situation": "Een klant belt over een schade",
            "form": "",
            "do": "Wat vervelend dat dit is gebeurd. Ik help u graag verder.",
            "dont": "U dient eerst het formulier in te vullen, dan kun je verder.",
            "why": "We beginnen bij de klant en houden één aanspreekvorm vast.",
        }

    def clean(self, value):
        from .messages import message
        from .rules import address_settings, check

        value = super().clean(value)
        settings = address_settings()
        report = check(value["do"], value["form"] or settings.default_form, settings)
        problems = [finding for finding in report.findings if finding.severity != "advice"]
        if problems:
            found = "; ".join(f"‘{finding.text}’: {message(finding)}" for finding in problems)
            raise blocks.StructBlockValidationError(
                block_errors={
                    "do": ValidationError(
                        _("Dit voorbeeld volgt de schrijfwijzer zelf niet (%(found)s). Pas het aan."),
                        params={"found": found},
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        from .highlight import marked
        from .rules import address_settings, check

        context = super().get_context(value, parent_context)
        settings = (parent_context or {}).get("address_settings") or address_settings()
        report = check(value["dont"], value["form"] or settings.default_form, settings)
        context["dont_marked"] = marked(value["dont"], report.findings)
        return context


class WordListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), max_length=120, default=_("Woordenlijst"))
    text = blocks.TextBlock(label=_("Inleiding"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Woordenlijst (uit de woordregels)")
        template = "voice/blocks/word_list.html"
        preview_value = {"heading": "Woordenlijst", "text": "Deze woorden vermijden we, en dit schrijven we liever."}

    def get_context(self, value, parent_context=None):
        from .models import WordRule

        context = super().get_context(value, parent_context)
        context["rules"] = WordRule.objects.filter(active=True)
        return context


class AddressTableBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), max_length=120, default=_("U of jij?"))
    text = blocks.TextBlock(label=_("Inleiding"), required=False)

    class Meta:
        icon = "table"
        label = _("Tabel van aanspreekvormen (uit de instellingen)")
        template = "voice/blocks/address_table.html"
        preview_value = {"heading": "U of jij?", "text": "Zo spreken we klanten aan, per partnersoort en kanaal."}

    def get_context(self, value, parent_context=None):
        from .tables import address_table

        context = super().get_context(value, parent_context)
        context.update(address_table(settings=(parent_context or {}).get("address_settings")))
        return context


class GuideStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Alinea"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="voice/blocks/paragraph.html",
        preview_value="<p>Klanten zien één merk, ook als een partner schrijft.</p>",
    )
    principle = PrincipleBlock()
    example = ExampleBlock()
    word_list = WordListBlock()
    address_table = AddressTableBlock()
