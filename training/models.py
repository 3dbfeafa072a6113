import secrets
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from partners.access import audience_gate
from partners.audience import AudienceMixin, AudienceQuerySetMixin

from .blocks import LessonBlock, QuestionBlock
from .scoring import Question


class TrainingIndexPage(Page):
    """The academy: every module a partner user may take, grouped by what is required of them."""

    introduction = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count = 1

    class Meta:
        verbose_name = _("academie")

    def get_context(self, request, *args, **kwargs):
        from .progress import academy_groups

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = academy_groups(request.user, self)
        return context


class TrainingModuleQuerySet(AudienceQuerySetMixin, PageQuerySet):
    pass


class TrainingModulePage(RoutablePageMixin, AudienceMixin, Page):
    """A module: lessons to read, then a quiz; passing earns a certificate."""

    summary = models.TextField(_("samenvatting"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("omslagafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("geschatte duur in minuten"), default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    required_kinds = ParentalManyToManyField(
        "partners.PartnerKind",
        blank=True,
        related_name="+",
        verbose_name=_("verplicht voor partnersoorten"),
        help_text=_("Leeg en geen rol aangevinkt: voor niemand verplicht, wel aanbevolen."),
    )
    required_for_staff = models.BooleanField(_("verplicht voor medewerkers"), default=False)
    required_for_managers = models.BooleanField(_("verplicht voor beheerders"), default=False)
    validity_months = models.PositiveSmallIntegerField(
        _("geldigheid in maanden"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Leeg: het certificaat verloopt nooit."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("slaaggrens (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempts_per_day = models.PositiveSmallIntegerField(
        _("pogingen per 24 uur"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Leeg: onbeperkt."),
    )
    shuffle_questions = models.BooleanField(_("vragen in willekeurige volgorde"), default=False)
    shuffle_choices = models.BooleanField(_("antwoorden in willekeurige volgorde"), default=False)
    recertify_from = models.DateField(
        _("opnieuw certificeren vanaf"),
        null=True,
        blank=True,
        help_text=_(
            "Certificaten van vóór deze datum verlopen op deze datum, bijvoorbeeld na een inhoudelijke wijziging."
        ),
    )
    lessons = StreamField([("lesson", LessonBlock())], verbose_name=_("lessen"), blank=True)
    quiz = StreamField([("question", QuestionBlock())], verbose_name=_("toets"), blank=True)

    objects = PageManager.from_queryset(TrainingModuleQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("lessons"),
        FieldPanel("quiz"),
    ]
    settings_panels = (
        Page.settings_panels
        + AudienceMixin.audience_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("required_kinds"),
                    FieldPanel("required_for_staff"),
                    FieldPanel("required_for_managers"),
                ],
                heading=_("Verplicht"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("pass_mark"),
                    FieldPanel("attempts_per_day"),
                    FieldPanel("shuffle_questions"),
                    FieldPanel("shuffle_choices"),
                    FieldPanel("validity_months"),
                    FieldPanel("recertify_from"),
                ],
                heading=_("Toets en certificaat"),
            ),
        ]
    )
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trainingsmodule")
        verbose_name_plural = _("trainingsmodules")

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, self.is_visible_to(request.user)) or super().serve(request, *args, **kwargs)

    preview_modes = [("", _("Overzicht")), ("lessons", _("Lessen")), ("quiz", _("Toets"))]

    def serve_preview(self, request, mode_name):
        from .module_views import preview

        return preview(request, self, mode_name)

    @path("")
    def overview(self, request):
        from .module_views import overview

        return overview(request, self)

    @path("les/<int:number>/")
    def lesson(self, request, number):
        from .module_views import lesson

        return lesson(request, self, number)

    @path("toets/")
    def take_quiz(self, request):
        from .module_views import take_quiz

        return take_quiz(request, self)

    @path("resultaat/<int:attempt_id>/")
    def result(self, request, attempt_id):
        from .module_views import result

        return result(request, self, attempt_id)

    # Quiz and lessons as plain data, keyed by the stable ids Wagtail gives stream and list children.
    def quiz_questions(self):
        questions = []
        for block in self.quiz:
            choices = block.value["choices"].bound_blocks
            questions.append(
                Question(
                    id=block.id,
                    kind=block.value["kind"],
                    correct=frozenset(child.id for child in choices if child.value["correct"]),
                    choices=frozenset(child.id for child in choices),
                )
            )
        return questions

    def lesson_ids(self):
        # From the raw stream: no need to load the images and documents inside the lessons.
        return [block["id"] for block in self.lessons.raw_data]

    def valid_until(self, completed_at):
        """When a completion made at this moment stops counting, or None when it never does."""
        return completed_at + relativedelta(months=self.validity_months) if self.validity_months else None


class AttemptQuerySet(models.QuerySet):
    def submitted_since(self, moment):
        return self.filter(submitted_at__gte=moment)


class Attempt(models.Model):
    """One submitted quiz. Scored against the revision it was taken on, by stable ids."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_attempts")
    module = models.ForeignKey(TrainingModulePage, on_delete=models.CASCADE, related_name="attempts")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    token = models.UUIDField(unique=True, editable=False)  # one submission per quiz form
    answers = models.JSONField(default=dict)
    correct_questions = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    pass_mark = models.PositiveSmallIntegerField(_("slaaggrens (%)"))
    passed = models.BooleanField(_("geslaagd"))
    submitted_at = models.DateTimeField(_("ingediend"), default=timezone.now)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["user", "module", "-submitted_at"])]

    def __str__(self):
        return f"{self.user} – {self.module} ({self.score}%)"


def expired_q(now):
    """Completions no longer valid at this moment (revoked ones aside): past their date, or recertification asked."""
    today = timezone.localdate(now)  # recertification dates are local dates, as in Completion.effective_valid_until
    recertified = Q(module__recertify_from__lte=today, completed_at__date__lt=F("module__recertify_from"))
    return Q(valid_until__lte=now) | recertified


class CompletionQuerySet(models.QuerySet):
    def valid(self, now=None):
        """The certificates that count at this moment: not revoked, not expired, not overtaken by recertification."""
        return self.filter(revoked_at__isnull=True).exclude(expired_q(now or timezone.now()))


def new_certificate_code():
    return secrets.token_urlsafe(12)


class Completion(models.Model):
    """A passed module, made in the request that passed it; the certificate hangs on it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions")
    module = models.ForeignKey(TrainingModulePage, on_delete=models.CASCADE, related_name="completions")
    attempt = models.OneToOneField(Attempt, on_delete=models.PROTECT, related_name="completion")
    partner = models.ForeignKey(
        "partners.Partner", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("partner")
    )
    completed_at = models.DateTimeField(_("behaald op"), default=timezone.now)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    valid_until = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    certificate_code = models.CharField(max_length=32, unique=True, default=new_certificate_code, editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("behaalde module")
        verbose_name_plural = _("behaalde modules")
        ordering = ["-completed_at"]
        indexes = [
            models.Index(fields=["user", "module", "-completed_at"]),
            # The report's first page, newest first: read from the index instead of sorting every completion.
            models.Index(fields=["-completed_at"], name="training_completion_newest"),
        ]

    def __str__(self):
        return f"{self.user} – {self.module}"

    def effective_valid_until(self, module=None):
        """The end of validity, brought forward when the module asks for recertification."""
        module = module or self.module
        until = self.valid_until
        if module.recertify_from and self.completed_at.date() < module.recertify_from:
            recertify = timezone.make_aware(datetime.combine(module.recertify_from, time.min))
            until = min(until, recertify) if until else recertify
        return until

    def status(self, now=None, module=None):
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        until = self.effective_valid_until(module)
        if until and until <= now:
            return "expired"
        return "valid"

    def get_status_display(self):
        return {"valid": _("geldig"), "expired": _("verlopen"), "revoked": _("ingetrokken")}[self.status()]

    def get_verify_url(self):
        return reverse("training:verify_certificate", args=[self.certificate_code])

    def get_pdf_url(self):
        return reverse("training:certificate_pdf", args=[self.certificate_code])


class LessonProgress(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    module = models.ForeignKey(TrainingModulePage, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson_id = models.CharField(max_length=64)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gelezen les")
        verbose_name_plural = _("gelezen lessen")
        constraints = [
            models.UniqueConstraint(fields=["user", "module", "lesson_id"], name="training_lesson_read_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.module} – {self.lesson_id}"


class Reminder(models.Model):
    """A reminder sent, so the same one never goes out twice in a period."""

    class Kind(models.TextChoices):
        MISSING = "missing", _("nog niet behaald")
        EXPIRING = "expiring", _("verloopt binnenkort")
        EXPIRED = "expired", _("verlopen")
        DIGEST = "digest", _("overzicht voor beheerder")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_reminders")
    module = models.ForeignKey(TrainingModulePage, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.CharField(_("periode"), max_length=10)  # the month, e.g. 2026-11
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "kind", "period"],
                condition=Q(module__isnull=False),
                name="training_one_reminder_per_period",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "period"],
                condition=Q(module__isnull=True),
                name="training_one_digest_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.kind} – {self.period}"
