import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from partners.access import audience_gate
from partners.audience import AudienceMixin, AudienceQuerySetMixin

from .blocks import SupportStreamBlock

COMMENT_MAX_LENGTH = 1000
SUGGESTION_MAX_LENGTH = 2000
# Short enough to type from a printed card; no 0/o, 1/l/i to misread.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 8


class JourneyIndexPage(Page):
    """Klantreizen: the customer journeys the brand maps with its partners."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["journeys.JourneyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("klantreizen")

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, True) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .maps import journey_list

        context = super().get_context(request, *args, **kwargs)
        context["journeys"] = journey_list(request.user, self)
        return context


class JourneyQuerySet(AudienceQuerySetMixin, PageQuerySet):
    pass


class JourneyPage(AudienceMixin, Page):
    """One customer journey, from the first contact to the last step, with who owns each step."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=1000)

    objects = PageManager.from_queryset(JourneyQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("steps", label=_("Stappen"), min_num=1, max_num=30),
    ]
    settings_panels = Page.settings_panels + AudienceMixin.audience_panels
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["journeys.JourneyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("klantreis")
        verbose_name_plural = _("klantreizen")

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, self.is_visible_to(request.user)) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .maps import journey_context

        context = super().get_context(request, *args, **kwargs)
        context.update(journey_context(request, self))
        return context


class JourneyStep(Orderable):
    """A step of a journey: what the customer does and may expect, who owns it, and what is handed over."""

    journey = ParentalKey(JourneyPage, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("naam"), max_length=120)
    customer_does = models.TextField(_("wat de klant doet"), max_length=1000)
    promise = models.TextField(
        _("wat de klant mag verwachten"),
        max_length=1000,
        help_text=_("De belofte aan de klant, zo concreet mogelijk: wat, door wie en wanneer."),
    )
    owner = models.ForeignKey(
        "partners.PartnerKind",
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="journey_steps",
        help_text=_("De partnersoort die deze stap uitvoert; leeg laten als het merk de stap zelf doet."),
    )
    handover = models.TextField(
        _("overdracht naar de volgende stap"),
        blank=True,
        max_length=1000,
        help_text=_("Wat de eigenaar van de volgende stap moet krijgen, zodat de klant niets hoeft te herhalen."),
    )
    support = StreamField(
        SupportStreamBlock(),
        verbose_name=_("ondersteuning"),
        blank=True,
        help_text=_("Trainingen, materialen en hulpmiddelen die bij deze stap helpen."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("customer_does"),
        FieldPanel("promise"),
        FieldPanel("owner"),
        FieldPanel("handover"),
        FieldPanel("support"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")

    def __str__(self):
        return self.name

    @property
    def owner_name(self):
        return self.owner.name if self.owner_id else _("het merk")


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


class FeedbackLink(models.Model):
    """The public link (and QR code) through which a partner's customers rate one step."""

    step = models.ForeignKey(JourneyStep, verbose_name=_("stap"), on_delete=models.CASCADE, related_name="links")
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="feedback_links"
    )
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, default=new_code)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("feedbacklink")
        verbose_name_plural = _("feedbacklinks")
        constraints = [models.UniqueConstraint(fields=["step", "partner"], name="journeys_one_link_per_step_partner")]

    def __str__(self):
        return self.code


class FeedbackResponseQuerySet(models.QuerySet):
    def in_period(self, days=None):
        if not days:
            return self
        return self.filter(created_at__gte=timezone.now() - timedelta(days=days))

    def low_or_commented(self):
        from .nps import PASSIVE_FROM

        return self.filter(models.Q(score__lt=PASSIVE_FROM) | ~models.Q(comment=""))

    def by_month(self):
        return self.annotate(month=TruncMonth("created_at", output_field=models.DateField()))


class FeedbackResponse(models.Model):
    """One customer's answer to the NPS question for one step of one partner; no personal data."""

    journey = models.ForeignKey(
        JourneyPage, verbose_name=_("klantreis"), on_delete=models.CASCADE, related_name="feedback"
    )
    # A step an editor removes later keeps its answers under the name it had.
    step = models.ForeignKey(
        JourneyStep, verbose_name=_("stap"), null=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    step_name = models.CharField(_("naam van de stap"), max_length=120)
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="feedback"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(0), MaxValueValidator(10)])
    comment = models.TextField(_("toelichting"), blank=True, max_length=COMMENT_MAX_LENGTH)
    # One answer per filled-in form, however often it is sent.
    submission = models.UUIDField(_("inzending"), unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("gegeven op"), default=timezone.now, db_index=True)

    objects = FeedbackResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("klantfeedback")
        verbose_name_plural = _("klantfeedback")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["partner", "created_at"]),
            models.Index(fields=["step", "created_at"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(score__lte=10), name="journeys_score_0_to_10")]

    def __str__(self):
        return f"{self.score} · {self.step_name}"


class Suggestion(models.Model):
    """A partner's proposal to improve a step it takes part in, and the brand team's answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("nog geen besluit")
        TAKEN_UP = "taken_up", _("overgenomen")
        NOT_TAKEN_UP = "not_taken_up", _("niet overgenomen")

    journey = models.ForeignKey(
        JourneyPage, verbose_name=_("klantreis"), on_delete=models.CASCADE, related_name="suggestions"
    )
    step = models.ForeignKey(
        JourneyStep, verbose_name=_("stap"), null=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    step_name = models.CharField(_("naam van de stap"), max_length=120)
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="suggestions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    problem = models.TextField(_("wat gaat er mis voor de klant"), max_length=SUGGESTION_MAX_LENGTH)
    proposal = models.TextField(_("wat zou helpen"), max_length=SUGGESTION_MAX_LENGTH)
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("antwoord"), blank=True, max_length=SUGGESTION_MAX_LENGTH)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("journey", read_only=True),
                FieldPanel("step_name", read_only=True),
                FieldPanel("partner", read_only=True),
                FieldPanel("problem", read_only=True),
                FieldPanel("proposal", read_only=True),
            ],
            heading=_("Voorstel"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("answer")], heading=_("Antwoord")),
    ]

    class Meta:
        verbose_name = _("verbetervoorstel")
        verbose_name_plural = _("verbetervoorstellen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["partner", "-created_at"]), models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.step_name}: {self.problem[:60]}"


class ImprovementAction(models.Model):
    """'Jullie zeiden, wij deden': the one improvement of a month, what customers said and what was done."""

    month = models.DateField(
        _("maand"),
        unique=True,
        help_text=_("Eén verbetering per maand: zo blijft de aandacht bij wat klanten zeiden."),
    )
    journey = models.ForeignKey(
        JourneyPage, verbose_name=_("klantreis"), on_delete=models.CASCADE, related_name="actions"
    )
    step = models.ForeignKey(
        JourneyStep, verbose_name=_("stap"), null=True, on_delete=models.SET_NULL, related_name="actions"
    )
    step_name = models.CharField(_("naam van de stap"), max_length=120)
    customers_said = models.TextField(_("wat klanten zeiden"), max_length=1000)
    we_did = models.TextField(_("wat we deden"), max_length=1000)
    feedback = models.ManyToManyField(FeedbackResponse, verbose_name=_("feedback"), blank=True, related_name="actions")
    suggestions = models.ManyToManyField(
        Suggestion, verbose_name=_("voorstellen van partners"), blank=True, related_name="actions"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("verbetering")
        verbose_name_plural = _("jullie zeiden, wij deden")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m} · {self.step_name}"
