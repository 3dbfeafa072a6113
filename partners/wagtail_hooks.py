import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import (
    InvitationAdminForm,
    InvitationCreateView,
    InvitationIndexView,
    ResendInvitationView,
    RevokeInvitationView,
)
from .models import Invitation, Membership, Partner, PartnerKind, Role


class PartnerFilterSet(WagtailFilterSet):
    class Meta:
        model = Partner
        fields = ["kinds", "is_active"]


class SearchableViewSet(SnippetViewSet):
    # Listings search with the ORM over `search_fields`: exact enough for names and addresses.
    search_backend_name = None


class PartnerViewSet(SearchableViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "city", "is_active"]
    list_export = ["name", "slug", "city", "phone", "website", "contact_email", "is_active"]
    filterset_class = PartnerFilterSet
    search_fields = ["name"]
    ordering = ["name"]


class PartnerKindViewSet(SearchableViewSet):
    model = PartnerKind
    icon = "tag"
    menu_label = _("Partnersoorten")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MembershipFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Rol"))
    current = django_filters.BooleanFilter(field_name="ended_at", lookup_expr="isnull", label=_("Huidig"))

    class Meta:
        model = Membership
        fields = ["partner", "role", "current"]


class MembershipViewSet(SearchableViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Lidmaatschappen")
    list_display = ["user", "partner", "role", "started_at", "ended_at"]
    list_export = ["user", "partner", "role", "started_at", "ended_at"]
    filterset_class = MembershipFilterSet
    search_fields = ["user__email", "user__first_name", "user__last_name", "partner__name"]

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "partner")


class InvitationFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Rol"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("Openstaand"))

    class Meta:
        model = Invitation
        fields = ["partner", "role", "open"]

    def filter_open(self, queryset, name, value):
        pending = Invitation.objects.pending().values("pk")
        return queryset.filter(pk__in=pending) if value else queryset.exclude(pk__in=pending)


class InvitationViewSet(SearchableViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Uitnodigingen")
    add_view_class = InvitationCreateView
    list_display = ["email", "partner", "role", "get_status_display", "sent_at", "expires_at"]
    list_export = ["email", "partner", "role", "get_status_display", "sent_at", "expires_at", "accepted_at"]
    filterset_class = InvitationFilterSet
    search_fields = ["email", "partner__name"]
    index_view_class = InvitationIndexView
    edit_handler = ObjectList(
        [FieldPanel("partner"), FieldPanel("email"), FieldPanel("role")], base_form_class=InvitationAdminForm
    )

    def get_queryset(self, request):
        return Invitation.objects.select_related("partner")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            resend_url_name=self.get_url_name("resend"), revoke_url_name=self.get_url_name("revoke"), **kwargs
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "resend/<int:pk>/",
                ResendInvitationView.as_view(index_url_name=self.get_url_name("list")),
                name="resend",
            ),
            path(
                "revoke/<int:pk>/",
                RevokeInvitationView.as_view(index_url_name=self.get_url_name("list")),
                name="revoke",
            ),
        ]


class PartnersGroup(SnippetViewSetGroup):
    menu_label = _("Partners")
    menu_icon = "group"
    menu_order = 200
    items = (PartnerViewSet, PartnerKindViewSet, MembershipViewSet, InvitationViewSet)


register_snippet(PartnersGroup)
