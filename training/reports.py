"""The brand team's training reports in the Wagtail admin, each with CSV and XLSX export."""

from datetime import timedelta

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from partners.models import Partner, PartnerKind
from partners.reports import SafeExportMixin

from .models import Attempt, Completion, TrainingModulePage, expired_q

STATUS_CHOICES = [("valid", _("geldig")), ("expired", _("verlopen")), ("revoked", _("ingetrokken"))]


class CompletionFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    kind = django_filters.ModelChoiceFilter(
        queryset=PartnerKind.objects.all(), field_name="partner__kinds", label=_("Partnersoort")
    )
    module = django_filters.ModelChoiceFilter(queryset=TrainingModulePage.objects.all(), label=_("Module"))
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label=_("Status"))
    completed_at = django_filters.DateFromToRangeFilter(label=_("Behaald in de periode"), widget=DateRangePickerWidget)

    class Meta:
        model = Completion
        fields = ["partner", "kind", "module", "status", "completed_at"]

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if value == "expired":
            return queryset.filter(revoked_at__isnull=True).filter(expired_q(now))
        return queryset.filter(revoked_at__isnull=True).exclude(expired_q(now))


class CompletionsReportView(SafeExportMixin, ReportView):
    page_title = _("Behaalde modules")
    header_icon = "success"
    index_url_name = "training_reports:completions"
    index_results_url_name = "training_reports:completions_results"
    filterset_class = CompletionFilterSet
    export_filename = "behaalde-modules"
    permission_policy = ModelPermissionPolicy(Completion)
    any_permission_required = ["view"]
    list_export = [
        "user.get_full_name",
        "user.email",
        "partner.name",
        "module.title",
        "completed_at",
        "score",
        "effective_valid_until",
        "status",
    ]
    export_headings = {
        "user.get_full_name": _("Naam"),
        "user.email": _("E-mailadres"),
        "partner.name": _("Partner"),
        "module.title": _("Module"),
        "completed_at": _("Behaald op"),
        "score": _("Score (%)"),
        "effective_valid_until": _("Geldig tot"),
        "get_status_display": _("Status"),
    }
    columns = [
        Column("user", label=_("Naam")),
        Column("partner", label=_("Partner")),
        Column("module", label=_("Module")),
        DateColumn("completed_at", label=_("Behaald op")),
        Column("score", label=_("Score (%)")),
        DateColumn("effective_valid_until", label=_("Geldig tot")),
    ]

    def get_queryset(self):
        # A module's lessons and quiz are large and never shown here: one row would otherwise carry them all.
        return (
            Completion.objects.select_related("user", "partner", "module")
            .defer("module__lessons", "module__quiz")
            .order_by("-completed_at")
        )


class ExpiringFilterSet(WagtailFilterSet):
    days = django_filters.NumberFilter(method="filter_days", label=_("Verloopt binnen (dagen)"), min_value=1)
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))

    class Meta:
        model = Completion
        fields = ["days", "partner"]

    def filter_days(self, queryset, name, value):
        return expiring_within(queryset, int(value))


def expiring_within(queryset, days):
    now = timezone.now()
    horizon = now + timedelta(days=min(days, 3650))
    soon = Q(valid_until__gt=now, valid_until__lte=horizon) | Q(
        module__recertify_from__gt=timezone.localdate(now),
        module__recertify_from__lte=timezone.localdate(horizon),
        completed_at__date__lt=F("module__recertify_from"),
    )
    return queryset.filter(revoked_at__isnull=True).filter(soon)


class ExpiringCertificatesReportView(CompletionsReportView):
    page_title = _("Certificaten die binnenkort verlopen")
    header_icon = "time"
    index_url_name = "training_reports:expiring"
    index_results_url_name = "training_reports:expiring_results"
    filterset_class = ExpiringFilterSet
    export_filename = "certificaten-die-verlopen"

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if "days" in self.request.GET and self.request.GET["days"] else expiring_within(queryset, 30)


class QuestionRate:
    def __init__(self, module, number, text):
        self.module = module
        self.number = number
        self.text = text
        self.answered = 0
        self.correct = 0

    @property
    def pass_rate(self):
        return round(100 * self.correct / self.answered) if self.answered else None


class QuestionFilterSet(WagtailFilterSet):
    module = django_filters.ModelChoiceFilter(queryset=TrainingModulePage.objects.all(), label=_("Module"))

    class Meta:
        model = Attempt
        fields = ["module"]


class QuestionPassRateReportView(SafeExportMixin, ReportView):
    """Per question of the live quiz: how many answered it, and how many got it right."""

    page_title = _("Slagingspercentage per vraag")
    header_icon = "help"
    index_url_name = "training_reports:questions"
    index_results_url_name = "training_reports:questions_results"
    filterset_class = QuestionFilterSet
    export_filename = "slagingspercentage-per-vraag"
    permission_policy = ModelPermissionPolicy(Attempt)
    any_permission_required = ["view"]
    paginate_by = None
    list_export = ["module.title", "number", "text", "answered", "correct", "pass_rate"]
    export_headings = {
        "module.title": _("Module"),
        "number": _("Vraag"),
        "text": _("Tekst"),
        "answered": _("Beantwoord"),
        "correct": _("Goed"),
        "pass_rate": _("Goed (%)"),
    }
    columns = [
        Column("module", label=_("Module")),
        Column("number", label=_("Vraag")),
        Column("text", label=_("Tekst")),
        Column("answered", label=_("Beantwoord")),
        Column("correct", label=_("Goed")),
        Column("pass_rate", label=_("Goed (%)")),
    ]

    def get_queryset(self):
        return Attempt.objects.all()

    def get_filtered_queryset(self):
        attempts = self.filter_queryset(self.get_queryset())
        module_ids = set(attempts.values_list("module_id", flat=True).distinct())
        rates = {}
        rows = []
        for module in TrainingModulePage.objects.filter(pk__in=module_ids).order_by("path"):
            for number, block in enumerate(module.quiz, start=1):
                rate = QuestionRate(module, number, block.value["text"])
                # By module too: a copied module keeps its questions' ids.
                rates[(module.pk, block.id)] = rate
                rows.append(rate)
        for module_id, answers, correct in attempts.values_list("module_id", "answers", "correct_questions").iterator():
            correct = set(correct)
            for question_id in answers:
                rate = rates.get((module_id, question_id))
                if rate is not None:
                    rate.answered += 1
                    rate.correct += question_id in correct
        return rows
