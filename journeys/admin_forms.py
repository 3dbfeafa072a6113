"""The brand team's forms in the admin: answering a partner's suggestion, and the improvement of the month."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from .models import FeedbackResponse, ImprovementAction, JourneyStep, Suggestion

# The latest commented answers and suggestions to link an action to: enough for a month, short enough to read.
RECENT_CHOICES = 50
SHORT_TEXT = 80


class SuggestionAnswerForm(WagtailAdminModelForm):
    """The proposal stays as the partner wrote it; the brand team decides and answers."""

    DECIDED = (Suggestion.Status.TAKEN_UP, Suggestion.Status.NOT_TAKEN_UP)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in self.DECIDED and not cleaned.get("answer"):
            self.add_error(
                "answer",
                _("Schrijf de partner een antwoord: waarom het voorstel wel of niet is overgenomen."),
            )
        return cleaned

    def save(self, commit=True):
        suggestion = self.instance
        if not suggestion.answer:
            suggestion.answered_at = suggestion.answered_by = None
        elif {"answer", "status"} & set(self.changed_data):
            suggestion.answered_at = timezone.now()
            suggestion.answered_by = self.for_user
        return super().save(commit)


def month_label(month):
    return date_format(month, "F Y")


def month_taken(month, exclude_pk=None):
    return ImprovementAction.objects.filter(month=month).exclude(pk=exclude_pk).exists()


def month_taken_message(month):
    return _("Voor %(month)s is er al een verbetering. Eén per maand: pas die aan of kies een andere maand.") % {
        "month": month_label(month)
    }


class StepChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.journey.title} · {obj.name}"


class FeedbackChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        comment = Truncator(obj.comment).chars(SHORT_TEXT)
        given = date_format(timezone.localtime(obj.created_at), "j F Y")
        return f"{obj.score} · {given} · {obj.partner.name} · {obj.step_name}: “{comment}”"


class SuggestionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        problem = Truncator(obj.problem).chars(SHORT_TEXT)
        given = date_format(timezone.localtime(obj.created_at), "j F Y")
        return f"{given} · {obj.partner.name} · {obj.step_name}: “{problem}”"


class ImprovementActionForm(WagtailAdminModelForm):
    """One improvement a month, for one step of a live journey, with the feedback and suggestions behind it."""

    month = forms.DateField(
        label=_("Maand"),
        widget=AdminDateInput,
        help_text=_("Een dag in de maand is genoeg: de verbetering hoort bij die hele maand."),
    )
    step = StepChoiceField(label=_("Stap"), queryset=JourneyStep.objects.none())
    feedback = FeedbackChoiceField(
        label=_("Feedback"),
        queryset=FeedbackResponse.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De laatste antwoorden met een toelichting, over de gekozen stap."),
    )
    suggestions = SuggestionChoiceField(
        label=_("Voorstellen van partners"),
        queryset=Suggestion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De laatste voorstellen van partners, over de gekozen stap."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        action = self.instance
        if "step" in self.fields:
            live = Q(journey__live=True)
            # A step of a journey taken offline later stays choosable for the action that names it.
            self.fields["step"].queryset = (
                JourneyStep.objects.filter(live | Q(pk=action.step_id) if action.step_id else live)
                .select_related("journey")
                .order_by("journey__title", "journey_id", "sort_order", "pk")
            )
        if "feedback" in self.fields:
            recent = FeedbackResponse.objects.exclude(comment="").order_by("-created_at").values("pk")
            self.fields["feedback"].queryset = self._recent_or_linked(FeedbackResponse, recent, "feedback")
        if "suggestions" in self.fields:
            recent = Suggestion.objects.order_by("-created_at").values("pk")
            self.fields["suggestions"].queryset = self._recent_or_linked(Suggestion, recent, "suggestions")

    def _recent_or_linked(self, model, recent, field_name):
        """The latest ones, and those this action already links to however old they are."""
        chosen = Q(pk__in=recent[:RECENT_CHOICES])
        if self.instance.pk:
            chosen |= Q(pk__in=getattr(self.instance, field_name).values("pk"))
        return model.objects.filter(chosen).select_related("partner").order_by("-created_at", "-pk")

    def clean_month(self):
        month = self.cleaned_data["month"].replace(day=1)
        if month_taken(month, self.instance.pk):
            raise forms.ValidationError(month_taken_message(month), code="unique")
        return month

    def clean(self):
        cleaned = super().clean()
        step = cleaned.get("step")
        if step is not None:
            refusals = {
                "feedback": _("Kies alleen feedback over de gekozen stap (%(step)s)."),
                "suggestions": _("Kies alleen voorstellen over de gekozen stap (%(step)s)."),
            }
            for name, message in refusals.items():
                if any(item.step_id != step.pk for item in cleaned.get(name) or ()):
                    self.add_error(name, message % {"step": step.name})
        return cleaned

    def save(self, commit=True):
        action = self.instance
        step = self.cleaned_data["step"]
        action.journey_id = step.journey_id
        action.step_name = step.name
        if action._state.adding and action.created_by_id is None:
            action.created_by = self.for_user
        return super().save(commit)
