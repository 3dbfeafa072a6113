"""The brand side's personal-data actions on a person, in the Wagtail admin: export and anonymise, both logged."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import personal_data
from .views import personal_data_response

EXPORT_ACTION = "accounts.export_personal_data"
ANONYMISE_ACTION = "accounts.anonymise"
SEARCH = "accounts_personal_data"
MANAGE_PERSONAL_DATA = "accounts.manage_personal_data"
CHANGE_USER = "accounts.change_user"
SEARCH_RESULTS = 20


def has_admin_access(person):
    """Admin access by any route: the staff flag, superuser, or access_admin through a group (Wagtail's way)."""
    if person.is_superuser or person.is_staff:
        return True
    return (
        person.user_permissions.filter(codename="access_admin").exists()
        or get_user_model().objects.filter(pk=person.pk, groups__permissions__codename="access_admin").exists()
    )


def may_handle(request_user, person):
    """The brand team handles partner users' requests; accounts with admin access are for administrators, and a
    superuser's only for another superuser (as Wagtail itself has it)."""
    if not request_user.has_perm(MANAGE_PERSONAL_DATA):
        return False
    if person.is_superuser:
        return request_user.is_superuser
    return not has_admin_access(person) or request_user.has_perm(CHANGE_USER)


class PersonalDataPermission:
    """Wagtail's admin turns the PermissionDenied into a message on its home page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_PERSONAL_DATA):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PersonMixin(PersonalDataPermission):
    def dispatch(self, request, pk):
        if request.user.has_perm(MANAGE_PERSONAL_DATA):  # else refused below, before anyone is looked up
            self.person = get_object_or_404(get_user_model(), pk=pk)
            if not may_handle(request.user, self.person):
                raise PermissionDenied
        return super().dispatch(request, pk)


class PersonalDataSearchView(PersonalDataPermission, WagtailAdminTemplateMixin, TemplateView):
    """Where a request ("send me my data", "delete me") starts: find the person by email address or name."""

    template_name = "accounts/admin/personal_data_search.html"
    header_icon = "user"
    page_title = gettext_lazy("Persoonsgegevens")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:254]
        people = []
        if query:
            matches = get_user_model().objects.filter(
                Q(email__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
            )
            if not self.request.user.has_perm(CHANGE_USER):
                admin_access = Q(is_staff=True) | Q(is_superuser=True) | Q(user_permissions__codename="access_admin")
                matches = matches.exclude(admin_access | Q(groups__permissions__codename="access_admin"))
            elif not self.request.user.is_superuser:
                matches = matches.exclude(is_superuser=True)
            people = matches.prefetch_related("memberships__partner").order_by("email")[:SEARCH_RESULTS]
        context.update(query=query, people=people)
        return context


class ExportPersonalDataView(PersonMixin, View):
    def get(self, request, pk):
        log(self.person, EXPORT_ACTION, user=request.user)
        return personal_data_response(self.person, f"gegevens-{pk}-{timezone.localdate().isoformat()}.json")


class AnonymiseView(PersonMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm on GET, anonymise on POST, then back to the user listing with what happened."""

    template_name = "accounts/admin/anonymise.html"
    header_icon = "user"
    page_title = gettext_lazy("Anonimiseren")

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        search = {"url": reverse(SEARCH), "label": PersonalDataSearchView.page_title}
        return [*self.breadcrumbs_items, search, {"url": "", "label": self.get_header_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["is_self"] = self.person.pk == self.request.user.pk
        return context

    def post(self, request, pk):
        if self.person.pk == request.user.pk:
            # Anonymising yourself here would end this very session half-way; the account page asks for the password.
            messages.error(request, _("Je eigen account verwijder je via Mijn account › Account verwijderen."))
            return redirect(SEARCH)
        if self.person.is_anonymised:
            messages.info(request, _("Dit account is al geanonimiseerd."))
            return redirect(SEARCH)
        name = str(self.person)
        try:
            with transaction.atomic():  # erased and logged, or neither
                anonymised = personal_data.anonymise(self.person)
                # Logged after the change, so the entry's title is the neutral name, not the erased one.
                log(anonymised, ANONYMISE_ACTION, user=request.user)
        except personal_data.ErasureRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(SEARCH)
        messages.success(request, _("%(name)s is geanonimiseerd.") % {"name": name})
        return redirect(SEARCH)
