from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from .admin_views import ANONYMISE_ACTION, EXPORT_ACTION, AnonymiseView, ExportPersonalDataView

CHANGE_USER = "accounts.change_user"


@hooks.register("register_admin_urls")
def personal_data_admin_urls():
    return [
        path(
            "accounts/users/<int:pk>/gegevens/", ExportPersonalDataView.as_view(), name="accounts_export_personal_data"
        ),
        path("accounts/users/<int:pk>/anonimiseren/", AnonymiseView.as_view(), name="accounts_anonymise"),
    ]


@hooks.register("register_user_listing_buttons")
def personal_data_buttons(user, request_user):
    """In each person's "More" menu of the user listing, for those who may change users."""
    if not request_user.has_perm(CHANGE_USER):
        return []
    buttons = [
        Button(
            _("Gegevens exporteren"),
            url=reverse("accounts_export_personal_data", args=[user.pk]),
            icon_name="download",
            priority=60,
        )
    ]
    if not user.is_anonymised and user.pk != request_user.pk:
        buttons.append(
            Button(_("Anonimiseren"), url=reverse("accounts_anonymise", args=[user.pk]), icon_name="bin", priority=70)
        )
    return buttons


@hooks.register("register_log_actions")
def personal_data_log_actions(actions):
    actions.register_action(EXPORT_ACTION, _("Persoonsgegevens exporteren"), _("Persoonsgegevens geëxporteerd"))
    actions.register_action(ANONYMISE_ACTION, _("Anonimiseren"), _("Geanonimiseerd"))
