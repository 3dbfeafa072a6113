"""The brand side's personal-data actions on a person, in the Wagtail admin: export and anonymise, both logged."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from . import personal_data
from .views import personal_data_response

EXPORT_ACTION = "accounts.export_personal_data"
ANONYMISE_ACTION = "accounts.anonymise"
USERS_INDEX = "wagtailusers_users:index"


class PersonMixin(PermissionCheckedMixin):
    """For administrators: changing users is the permission that already lets them change anyone's address."""

    permission_policy = ModelPermissionPolicy(get_user_model())
    permission_required = "change"

    def dispatch(self, request, pk):
        self.person = get_object_or_404(get_user_model(), pk=pk)
        return super().dispatch(request, pk)


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["is_self"] = self.person.pk == self.request.user.pk
        return context

    def post(self, request, pk):
        if self.person.pk == request.user.pk:
            # Anonymising yourself here would end this very session half-way; the account page asks for the password.
            messages.error(request, _("Je eigen account verwijder je via Mijn account › Account verwijderen."))
            return redirect(USERS_INDEX)
        if self.person.is_anonymised:
            messages.info(request, _("Dit account is al geanonimiseerd."))
            return redirect(USERS_INDEX)
        name = str(self.person)
        try:
            anonymised = personal_data.anonymise(self.person)
        except personal_data.ErasureRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(USERS_INDEX)
        # Logged after the change, so the entry's title is the neutral name, not the erased one.
        log(anonymised, ANONYMISE_ACTION, user=request.user)
        messages.success(request, _("%(name)s is geanonimiseerd.") % {"name": name})
        return redirect(USERS_INDEX)
