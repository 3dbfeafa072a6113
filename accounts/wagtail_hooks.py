from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from .admin_views import (
    ANONYMISE_ACTION,
    EXPORT_ACTION,
    MANAGE_PERSONAL_DATA,
    AnonymiseView,
    ExportPersonalDataView,
    PersonalDataSearchView,
    may_handle,
)


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_PERSONAL_DATA)


@hooks.register("register_admin_urls")
def personal_data_admin_urls():
    return [
        path(
            "accounts/users/<int:pk>/gegevens/", ExportPersonalDataView.as_view(), name="accounts_export_personal_data"
        ),
        path("accounts/users/<int:pk>/anonimiseren/", AnonymiseView.as_view(), name="accounts_anonymise"),
        path("accounts/persoonsgegevens/", PersonalDataSearchView.as_view(), name="accounts_personal_data"),
    ]


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(_("Persoonsgegevens"), reverse("accounts_personal_data"), icon_name="user", order=900)


@hooks.register("register_user_listing_buttons")
def personal_data_buttons(user, request_user):
    """In each person's "More" menu of the user listing, for those who may handle that person's data."""
    if not may_handle(request_user, user):
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
