"""The brand team ("Redactie"): a group with what the brand's own editors need in Wagtail.

Made after every migrate, so a real deployment has the role too, not just the demo.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from materials.privacy import ensure_private_collection

BRAND_TEAM_GROUP = "Redactie"

BRAND_TEAM_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "manage_personal_data"),
    ("brand", "change_brandsettings"),
    ("partners", "add_partner"),
    ("partners", "change_partner"),
    ("partners", "add_partnerkind"),
    ("partners", "change_partnerkind"),
    ("partners", "add_membership"),
    ("partners", "change_membership"),
    ("partners", "add_invitation"),
    ("partners", "change_invitation"),
    ("training", "view_completion"),
    ("training", "view_attempt"),
    ("materials", "view_download"),
    ("materials", "view_sharelink"),
    ("tools", "view_tooluse"),
    ("voice", "change_addresssettings"),
    ("voice", "add_wordrule"),
    ("voice", "change_wordrule"),
    ("voice", "view_textcheck"),
    ("journeys", "view_feedbackresponse"),
    ("journeys", "view_suggestion"),
    ("journeys", "change_suggestion"),
    ("journeys", "add_improvementaction"),
    ("journeys", "change_improvementaction"),
    ("journeys", "view_improvementaction"),
    ("recognition", "add_recognitionlevel"),
    ("recognition", "change_recognitionlevel"),
    ("recognition", "change_recognitionsettings"),
    ("recognition", "view_standing"),
    ("recognition", "view_levelchange"),
]
BRAND_TEAM_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
BRAND_TEAM_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_brand_team_group():
    """Create or complete the group; running it again changes nothing."""
    group, _ = Group.objects.get_or_create(name=BRAND_TEAM_GROUP)
    for app_label, codename in BRAND_TEAM_MODEL_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    root_page = Page.get_first_root_node()
    for codename in BRAND_TEAM_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root_page,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in BRAND_TEAM_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    ensure_private_collection(BRAND_TEAM_GROUP)
    return group
