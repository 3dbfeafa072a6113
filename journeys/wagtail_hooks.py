import django_filters
from django.db import IntegrityError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from partners.models import Partner
from partners.reports import SafeExportMixin, register_reports

from .admin_forms import ImprovementActionForm, SuggestionAnswerForm, month_taken, month_taken_message
from .models import FeedbackResponse, ImprovementAction, JourneyPage, Suggestion
from .reports import FollowUpReportView, NpsReportView


class SuggestionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Suggestion.Status.choices, label=_("Status"))
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    journey = django_filters.ModelChoiceFilter(
        queryset=lambda request: JourneyPage.objects.order_by("title"), label=_("Klantreis")
    )

    class Meta:
        model = Suggestion
        fields = ["status", "partner", "journey"]


class SafeExportIndexView(SafeExportMixin, generic.IndexView):
    """Partners write these texts: in a spreadsheet they stay text, never a formula."""


class SuggestionViewSet(ModelViewSet):
    """Partners propose in the portal; the brand team decides and answers here (no adding, no copying)."""

    model = Suggestion
    url_prefix = "journeys/suggestion"
    url_namespace = "journeys_suggestion"
    icon = "comment"
    menu_label = _("Verbetervoorstellen")
    index_view_class = SafeExportIndexView
    copy_view_enabled = False
    list_display = ["created_at", "journey", "step_name", "partner", "status", "answered_at"]
    list_export = [
        "created_at",
        "journey",
        "step_name",
        "partner",
        "problem",
        "proposal",
        "get_status_display",
        "answer",
        "answered_at",
    ]
    export_headings = {"get_status_display": _("Status")}
    filterset_class = SuggestionFilterSet
    search_fields = ["problem", "proposal", "answer", "step_name", "partner__name"]
    search_backend_name = None
    edit_handler = ObjectList(Suggestion.panels, base_form_class=SuggestionAnswerForm)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=Suggestion.objects.select_related("journey", "partner"), **kwargs)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{**kwargs, "add_url_name": None})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]


class MonthTitleColumn(TitleColumn):
    def get_value(self, instance):
        return date_format(instance.month, "F Y")


class OneActionAMonthMixin:
    """Two people saving the same month at once: the second hears it, as the form would have told them."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            month = form.cleaned_data["month"]
            if not month_taken(month, form.instance.pk):
                raise
            form.add_error("month", month_taken_message(month))
            # What is_valid() would have set, had the form known.
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ImprovementActionCreateView(OneActionAMonthMixin, generic.CreateView):
    pass


class ImprovementActionEditView(OneActionAMonthMixin, generic.EditView):
    pass


class ImprovementActionViewSet(ModelViewSet):
    model = ImprovementAction
    url_prefix = "journeys/improvementaction"
    url_namespace = "journeys_improvementaction"
    icon = "resubmit"
    menu_label = _("Jullie zeiden, wij deden")
    index_view_class = SafeExportIndexView
    add_view_class = ImprovementActionCreateView
    edit_view_class = ImprovementActionEditView
    copy_view_enabled = False
    list_filter = ["journey"]
    list_export = ["month", "journey", "step_name", "customers_said", "we_did", "created_by"]
    edit_handler = ObjectList(
        [
            FieldPanel("month"),
            FieldPanel("step"),
            FieldPanel("customers_said"),
            FieldPanel("we_did"),
            FieldPanel("feedback"),
            FieldPanel("suggestions"),
        ],
        base_form_class=ImprovementActionForm,
    )

    @property
    def list_display(self):
        edit = self.get_url_name("edit")
        return [
            MonthTitleColumn(
                "month", label=_("Maand"), sort_key="month", get_url=lambda action: reverse(edit, args=[action.pk])
            ),
            Column("journey", label=_("Klantreis")),
            Column("step_name", label=_("Stap")),
            Column("created_by", label=_("Vastgelegd door")),
        ]

    def get_index_view_kwargs(self, **kwargs):
        queryset = ImprovementAction.objects.select_related("journey", "created_by")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class JourneysGroup(ViewSetGroup):
    menu_label = _("Klantreizen")
    menu_icon = "tasks"
    menu_order = 320
    items = (SuggestionViewSet, ImprovementActionViewSet)


@hooks.register("register_admin_viewset")
def register_journeys_admin():
    return JourneysGroup()


register_reports(
    "journeys",
    [
        ("nps", NpsReportView, _("NPS per stap"), "table", FeedbackResponse),
        ("follow-up", FollowUpReportView, _("Lage scores en opmerkingen"), "comment", FeedbackResponse),
    ],
    first_order=980,
)
