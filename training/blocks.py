from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding met onderschrift")
        template = "training/blocks/captioned_image.html"


class VideoBlock(blocks.StructBlock):
    """A video file from the brand's own documents, with a transcript for who cannot watch or hear it."""

    video = DocumentChooserBlock(label=_("Videobestand (mp4 of webm)"))
    caption = blocks.CharBlock(label=_("Titel"), max_length=200)
    transcript = blocks.TextBlock(label=_("Uitgeschreven tekst"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "training/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Soort"), choices=[("tip", _("Tip")), ("warning", _("Let op"))], default="tip")
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Tip of waarschuwing")
        template = "training/blocks/callout.html"
        preview_value = {"kind": "tip", "text": "<p>Noem de klant bij naam.</p>"}


class JourneyMomentBlock(blocks.StructBlock):
    situation = blocks.CharBlock(label=_("Situatie"), max_length=200)
    customer_sees = blocks.TextBlock(label=_("Wat de klant ziet en hoort"))
    customer_feels = blocks.TextBlock(label=_("Wat de klant denkt en voelt"), required=False)


class CustomerJourneyScenarioBlock(blocks.StructBlock):
    """Beleef de klantreis: a sequence of moments seen through the customer's eyes."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    customer = blocks.CharBlock(
        label=_("De klant"), max_length=200, help_text=_("Bijvoorbeeld: Ans, 67, meldt een waterschade.")
    )
    moments = blocks.ListBlock(JourneyMomentBlock(), label=_("Momenten"), min_num=1)

    class Meta:
        icon = "user"
        label = _("Beleef de klantreis")
        template = "training/blocks/journey_scenario.html"


class DoDontBlock(blocks.StructBlock):
    do = blocks.TextBlock(label=_("Zo wel"))
    dont = blocks.TextBlock(label=_("Zo niet"))

    class Meta:
        icon = "tick"
        label = _("Zo wel / zo niet")
        template = "training/blocks/do_dont.html"
        preview_value = {"do": "Goedemiddag, u spreekt met Sanne.", "dont": "Ja, zeg het maar."}


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Omschrijving"), max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Bijlage")
        template = "training/blocks/attachment.html"


class LessonContentBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Tekst"), icon="pilcrow", features=RICH_TEXT_FEATURES, template="training/blocks/rich_text.html"
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    journey = CustomerJourneyScenarioBlock()
    do_dont = DoDontBlock()
    attachment = AttachmentBlock()


class LessonBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    content = LessonContentBlock(label=_("Inhoud"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Les")


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Antwoord"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Juist"), required=False)
    explanation = blocks.TextBlock(label=_("Uitleg bij dit antwoord"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Antwoord")


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Eén juist antwoord")),
        (MULTIPLE, _("Meerdere juiste antwoorden")),
        (TRUE_FALSE, _("Waar of niet waar")),
    ]


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Vraag"))
    kind = blocks.ChoiceBlock(label=_("Soort vraag"), choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE)
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Antwoorden"), min_num=2)
    explanation = blocks.TextBlock(label=_("Uitleg na het antwoorden"), required=False)

    class Meta:
        icon = "help"
        label = _("Vraag")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Markeer minstens één antwoord als juist."))}
            )
        if value["kind"] in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct > 1:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Bij deze soort vraag is precies één antwoord juist."))}
            )
        if value["kind"] == QuestionKind.TRUE_FALSE and len(value["choices"]) != 2:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Een waar/niet waar-vraag heeft precies twee antwoorden."))}
            )
        return value
