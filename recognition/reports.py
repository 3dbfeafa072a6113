"""The brand team's overview of the network: every active partner's level, total score and metrics.

The scores are worked out for all partners at once (`scorecards`, a fixed number of queries); the level filter
and the sorting act on those worked-out rows, so they happen in Python on one list.
"""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from partners.models import Partner
from partners.reports import SafeExportMixin

from .metrics import METRICS
from .models import Standing
from .scorecards import network, rules, scorecards

NO_LEVEL = "null"
EMPTY = "–"


class OverviewRow:
    """One partner's line in the overview and its export."""

    def __init__(self, card):
        self.partner = card.partner
        self.name = card.partner.name
        # Kinds come prefetched with the partners.
        self.kinds = ", ".join(sorted(kind.name for kind in card.partner.kinds.all()))
        self.level = card.level
        self.level_name = card.level.name if card.level else str(_("geen niveau"))
        self.level_rank = card.level.rank if card.level else None
        self.overall = card.overall
        self.people = card.people
        for metric in METRICS:
            setattr(self, metric.key, card.values.get(metric.key))


# sort key -> the value a row sorts on; None sorts last, ascending or descending.
SORT_VALUES = {
    "name": lambda row: row.name.casefold(),
    "kinds": lambda row: row.kinds.casefold() or None,
    "level": lambda row: row.level_rank,
    "overall": lambda row: row.overall,
    **{metric.key: (lambda row, key=metric.key: getattr(row, key)) for metric in METRICS},
    "people": lambda row: row.people,
}


def sort_rows(rows, ordering):
    """The rows in this ordering ("overall", "-overall", ...): ties keep their order, rows without a value go last."""
    descending = ordering.startswith("-")
    value = SORT_VALUES[ordering.removeprefix("-")]
    present = [row for row in rows if value(row) is not None]
    missing = [row for row in rows if value(row) is None]
    return sorted(present, key=value, reverse=descending) + missing


class ScoreColumn(Column):
    """A score from 0 to 100, or a dash when there is nothing to measure yet."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return EMPTY if value is None else value


class OverviewFilterSet(WagtailFilterSet):
    # The choices come from what the view loaded for the scores anyway (the levels, the partners' kinds), and the
    # rows are filtered in Python on the worked-out scores: no query per filter.
    level = django_filters.ChoiceFilter(label=_("Niveau"), empty_label=_("alle niveaus"), method="keep")
    kind = django_filters.ChoiceFilter(label=_("Partnersoort"), empty_label=_("alle soorten"), method="keep")

    class Meta:
        model = Partner
        fields = ["level", "kind"]

    def __init__(self, *args, levels=(), kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["level"].extra["choices"] = [
            (NO_LEVEL, _("geen niveau")),
            *((str(level.pk), level.name) for level in levels),
        ]
        self.filters["kind"].extra["choices"] = [(str(kind.pk), kind.name) for kind in kinds]

    def keep(self, queryset, name, value):
        return queryset  # the view filters the worked-out rows


class OverviewReportView(SafeExportMixin, ReportView):
    page_title = _("Partners en erkenning")
    header_icon = "group"
    index_url_name = "recognition_reports:overview"
    index_results_url_name = "recognition_reports:overview_results"
    filterset_class = OverviewFilterSet
    export_filename = "partners-en-erkenning"
    permission_policy = ModelPermissionPolicy(Standing)
    any_permission_required = ["view"]
    is_searchable = True
    search_fields = ["name"]
    search_backend_name = None
    default_ordering = "name"
    list_export = ["name", "kinds", "level_name", "overall", *(metric.key for metric in METRICS), "people"]

    @cached_property
    def export_headings(self):
        return {
            "name": _("Partner"),
            "kinds": _("Partnersoorten"),
            "level_name": _("Niveau"),
            "overall": _("Totaalscore"),
            **{metric.key: metric.label for metric in METRICS},
            "people": _("Mensen"),
        }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Partner"),
                sort_key="name",
                classname="recognition-overview-name",  # names stay whole beside eleven narrow columns
                get_url=lambda row: reverse("recognition_partner", args=[row.partner.pk]),
            ),
            Column("kinds", label=_("Partnersoorten"), sort_key="kinds"),
            Column("level_name", label=_("Niveau"), sort_key="level"),
            ScoreColumn("overall", label=_("Totaalscore"), sort_key="overall"),
            *(ScoreColumn(metric.key, label=metric.label, sort_key=metric.key) for metric in METRICS),
            Column("people", label=_("Mensen"), sort_key="people"),
        ]

    @cached_property
    def rules(self):
        return rules()

    @cached_property
    def partners(self):
        return list(network().prefetch_related("kinds"))

    def get_filterset_kwargs(self):
        kinds = {kind.pk: kind for partner in self.partners for kind in partner.kinds.all()}
        return {
            **super().get_filterset_kwargs(),
            "levels": self.rules[0],
            "kinds": sorted(kinds.values(), key=lambda kind: kind.name.casefold()),
        }

    def get_queryset(self):
        return network()

    def get_filtered_queryset(self):
        self.filter_queryset(self.get_queryset())  # validates the filters; the rows are filtered below
        partners = self.partners
        if self.search_query:
            wanted = self.search_query.casefold()
            partners = [partner for partner in partners if wanted in partner.name.casefold()]
        kind = self.chosen("kind")
        if kind:
            partners = [partner for partner in partners if any(str(k.pk) == kind for k in partner.kinds.all())]
        rows = [OverviewRow(card) for card in scorecards(partners, with_rules=self.rules)]
        level = self.chosen("level")
        if level == NO_LEVEL:
            rows = [row for row in rows if row.level is None]
        elif level:
            rows = [row for row in rows if row.level is not None and str(row.level.pk) == level]
        return sort_rows(rows, self.ordering or self.default_ordering)

    def chosen(self, name):
        """The value (as text) of a filter, or "" when it is not used."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name) or ""
        return ""
