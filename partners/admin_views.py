"""Brand team actions on invitations in the Wagtail admin: create (sends the email), resend, revoke."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, IndexView

from . import invitations
from .models import Invitation


class InvitationAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Sent invitations keep their address and partner; make a new one instead.
            for name in ("partner", "email"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("partner") and cleaned.get("email") and cleaned.get("role"):
            try:
                invitations.check_invitable(cleaned["partner"], cleaned["email"], cleaned["role"])
            except invitations.InvitationError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned


class InvitationCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return invitations.invite(data["partner"], data["email"], data["role"], self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except invitations.InvitationError as error:
            # Raced with another invitation between validation and saving: shown as any invalid form is.
            form.add_error(None, str(error))
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Uitnodiging verstuurd naar %(email)s.") % {"email": instance.email}


class InvitationIndexView(IndexView):
    resend_url_name = None
    revoke_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
            buttons += [
                MenuItem(
                    _("Opnieuw versturen"),
                    url=reverse(self.resend_url_name, args=[instance.pk]),
                    icon_name="mail",
                    priority=40,
                ),
                MenuItem(
                    _("Intrekken"),
                    url=reverse(self.revoke_url_name, args=[instance.pk]),
                    icon_name="cross",
                    priority=50,
                ),
            ]
        return buttons


class InvitationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm on GET, act on POST; the listing links here."""

    permission_policy = ModelPermissionPolicy(Invitation)
    permission_required = "change"
    template_name = "partners/admin/invitation_action.html"
    header_icon = "mail"
    action = None
    confirm_label = None
    done_message = None
    index_url_name = None

    def dispatch(self, request, pk):
        self.invitation = get_object_or_404(Invitation.objects.select_related("partner"), pk=pk)
        return super().dispatch(request, pk)

    @property
    def index_url(self):
        return reverse(self.index_url_name)

    def get_page_title(self):
        return f"{self.confirm_label}: {self.invitation.email}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(invitation=self.invitation, confirm_label=self.confirm_label, index_url=self.index_url)
        return context

    def post(self, request, pk):
        try:
            self.action(self.invitation)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, self.done_message % {"email": self.invitation.email})
        return redirect(self.index_url)


class ResendInvitationView(InvitationActionView):
    action = staticmethod(invitations.resend)
    confirm_label = gettext_lazy("Opnieuw versturen")
    done_message = gettext_lazy("Uitnodiging opnieuw verstuurd naar %(email)s.")


class RevokeInvitationView(InvitationActionView):
    action = staticmethod(invitations.revoke)
    confirm_label = gettext_lazy("Intrekken")
    done_message = gettext_lazy("Uitnodiging voor %(email)s ingetrokken.")
