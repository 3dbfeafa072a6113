from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    size = blocks.ChoiceBlock(label=_("Niveau"), choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "home/blocks/heading.html"
        preview_value = {"text": "Samen voor de klant", "size": "h2"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Knoptekst"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een adres"), required=False)

    class Meta:
        icon = "link"
        label = _("Oproep tot actie")
        template = "home/blocks/call_to_action.html"
        preview_value = {"text": "Bekijk de trainingen", "url": "https://example.nl"}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of vul een adres in."))}
            )
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Van"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "home/blocks/quote.html"
        preview_value = {
            "text": "Onze klanten merken geen verschil tussen ons en onze partners.",
            "attribution": "Klantenservice",
        }


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Alinea"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="home/blocks/paragraph.html",
        preview_value="<p>Een alinea met uitleg voor partners.</p>",
    )
    image = ImageBlock(label=_("Afbeelding"), template="home/blocks/image.html")
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
