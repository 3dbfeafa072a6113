"""Demo accounts for the brand side: an administrator and a brand team member."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

DEMO_PASSWORD = "Partnerportaal-2026"  # noqa: S105  (documented in the README, demo only)


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


def build(context):
    domain = context["brand_domain"]
    admin = ensure_user(f"beheer@{domain}", first_name="Anouk", last_name="Vermeulen", is_staff=True, is_superuser=True)
    editor = ensure_user(f"redactie@{domain}", first_name="Joris", last_name="Hendriks", is_staff=True)
    # home's demo puts the editor in the brand team group, which home defines.
    context["brand_team"] = [editor]
    context["logins"] += [
        (admin.email, "administrator", "—"),
        (editor.email, "redactie (merkteam)", "—"),
    ]
