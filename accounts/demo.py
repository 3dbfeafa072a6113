"""Demo accounts for the brand side: an administrator and a brand team member."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

DEMO_PASSWORD = "Partnerportaal-2026"  # noqa: S105  (documented in the README, demo only)
BRAND_TEAM_GROUP = "Redactie"

BRAND_TEAM_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("home", "change_brandsettings"),
    ("partners", "add_partner"),
    ("partners", "change_partner"),
    ("partners", "add_partnerkind"),
    ("partners", "change_partnerkind"),
    ("partners", "add_membership"),
    ("partners", "change_membership"),
    ("partners", "add_invitation"),
    ("partners", "change_invitation"),
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


def ensure_user(email, *, first_name, last_name, password=DEMO_PASSWORD, **flags):
    """Create the demo user once; later runs leave it (and its password) as it is."""
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **flags}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def brand_team_group():
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
    return group


def build(context):
    domain = context["brand_domain"]
    admin = ensure_user(f"beheer@{domain}", first_name="Anouk", last_name="Vermeulen", is_staff=True, is_superuser=True)
    editor = ensure_user(f"redactie@{domain}", first_name="Joris", last_name="Hendriks", is_staff=True)
    editor.groups.add(brand_team_group())
    context["logins"] += [
        (admin.email, "administrator", "—"),
        (editor.email, "redactie (merkteam)", "—"),
    ]
