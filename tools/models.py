from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from partners.access import audience_gate
from partners.audience import AudienceMixin, AudienceQuerySetMixin

from .admin_forms import CalculatorPageForm
from .blocks import CalculationStreamBlock, ChecklistStreamBlock, InputStreamBlock, TestCaseStreamBlock


class ToolIndexPage(Page):
    """Hulpmiddelen: the calculators and checklists a partner may use with customers."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["tools.CalculatorPage", "tools.ChecklistPage"]
    max_count = 1

    class Meta:
        verbose_name = _("hulpmiddelen")

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, True) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calculators"] = CalculatorPage.objects.child_of(self).live().visible_to(request.user)
        context["checklists"] = ChecklistPage.objects.child_of(self).live().visible_to(request.user)
        return context


class ToolQuerySet(AudienceQuerySetMixin, PageQuerySet):
    pass


class ToolPage(AudienceMixin, Page):
    """What calculators and checklists share: an introduction, an audience, and where they live."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=1000)

    objects = PageManager.from_queryset(ToolQuerySet)()

    settings_panels = Page.settings_panels + AudienceMixin.audience_panels
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["tools.ToolIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, self.is_visible_to(request.user)) or super().serve(request, *args, **kwargs)


class CalculatorPage(ToolPage):
    """A rekenhulp: questions, formulas over the answers, and the outcomes a customer takes home."""

    inputs = StreamField(InputStreamBlock(), verbose_name=_("invoer"))
    calculations = StreamField(
        CalculationStreamBlock(),
        verbose_name=_("uitkomsten en tussenwaarden"),
        help_text=_(
            "Formules mogen elkaars namen gebruiken, in elke volgorde, zolang er geen kringverwijzing ontstaat."
        ),
    )
    disclaimer = models.TextField(
        _("voorbehoud"),
        blank=True,
        max_length=1000,
        help_text=_("Staat onder de uitkomsten en op de PDF, bijvoorbeeld: een indicatie, geen offerte."),
    )
    test_cases = StreamField(
        TestCaseStreamBlock(),
        verbose_name=_("testgevallen"),
        blank=True,
        help_text=_("Voorbeelden met de uitkomst die je verwacht; publiceren lukt pas als ze allemaal kloppen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("inputs"),
        FieldPanel("calculations"),
        FieldPanel("disclaimer"),
        FieldPanel("test_cases"),
    ]

    base_form_class = CalculatorPageForm

    class Meta:
        verbose_name = _("rekenhulp")
        verbose_name_plural = _("rekenhulpen")

    def definition(self):
        from .calculator import Definition

        return Definition.from_streams(self.inputs, self.calculations)

    def serve(self, request, *args, **kwargs):
        from .views import calculator_page

        return audience_gate(request, self.is_visible_to(request.user)) or calculator_page(request, self)

    def serve_preview(self, request, mode_name):
        from .views import calculator_page

        request.is_preview = True  # the editor's formulas, computed for the defaults
        return calculator_page(request, self)


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    help: str
    required: bool


class ChecklistPage(ToolPage):
    """A check: sections of points to tick, so that nothing is forgotten in a conversation or hand-over."""

    sections = StreamField(ChecklistStreamBlock(), verbose_name=_("onderdelen"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("sections")]

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def grouped_items(self):
        """(section title, [ChecklistItem]) pairs; item ids stay the same when editors reorder or reword."""
        groups = []
        for section in self.sections:
            items = [
                # Items saved without an id (content written in code, not in the editor) are known by position.
                ChecklistItem(
                    str(child.original_id or f"{section.id}:{position}"),
                    child.value["text"],
                    child.value["help"] or "",
                    bool(child.value["required"]),
                )
                for position, child in enumerate(section.value["items"].bound_blocks)
            ]
            groups.append((section.value["title"], items))
        return groups

    def items(self):
        return [item for _title, items in self.grouped_items() for item in items]

    def get_context(self, request, *args, **kwargs):
        from .checklists import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(request, self))
        return context


class ChecklistRun(models.Model):
    """One person working through a checklist once; only that person ever sees its ticks and notes."""

    checklist = models.ForeignKey(
        ChecklistPage, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="runs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="checklist_runs"
    )
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="checklist_runs"
    )
    label = models.CharField(_("omschrijving"), max_length=80)
    # item id -> {"done": bool, "note": str}; items the editor removed later are ignored.
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    created_at = models.DateTimeField(_("gestart"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst opgeslagen"), default=timezone.now)
    completed_at = models.DateTimeField(_("afgerond"), null=True, blank=True)

    class Meta:
        verbose_name = _("checklistronde")
        verbose_name_plural = _("checklistrondes")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["user", "-updated_at"]),
            models.Index(fields=["partner", "checklist"]),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("tools:run", args=[self.pk])

    def answer(self, item_id):
        answer = self.answers.get(item_id) or {}
        return bool(answer.get("done")), str(answer.get("note") or "")


class ToolUse(models.Model):
    """One calculation, one started or one completed checklist run; what was entered is never stored."""

    class Kind(models.TextChoices):
        CALCULATION = "calculation", _("berekening")
        CHECKLIST_STARTED = "checklist_started", _("gestarte checklist")
        CHECKLIST_COMPLETED = "checklist_completed", _("afgeronde checklist")

    tool = models.ForeignKey(Page, verbose_name=_("hulpmiddel"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), null=True, on_delete=models.SET_NULL, related_name="tool_uses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A run is counted once when started and once when completed, however often it is ticked off and on again;
    # the counts outlive the run.
    run = models.ForeignKey(
        ChecklistRun, verbose_name=_("ronde"), null=True, blank=True, on_delete=models.SET_NULL, related_name="uses"
    )
    used_at = models.DateTimeField(_("gebruikt op"), default=timezone.now)

    class Meta:
        verbose_name = _("gebruik van een hulpmiddel")
        verbose_name_plural = _("gebruik van hulpmiddelen")
        indexes = [models.Index(fields=["tool", "used_at"]), models.Index(fields=["partner", "used_at"])]
        constraints = [models.UniqueConstraint(fields=["run", "kind"], name="tools_one_use_per_run_and_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.used_at:%Y-%m-%d %H:%M}"
