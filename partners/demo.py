"""Demo partners of three kinds, with a manager and staff each, and one deactivated partner."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

from accounts.demo import ensure_user

from .models import EmailDomain, Membership, Partner, PartnerKind, Role

KINDS = [("Tussenpersoon", "tussenpersoon"), ("Schadehersteller", "schadehersteller"), ("Glasherstel", "glasherstel")]

PARTNERS = [
    {
        "name": "Van Dijk Assurantiën",
        "slug": "van-dijk-assurantien",
        "kinds": ["tussenpersoon"],
        "domain": "vandijk-assurantien.example",
        "address": ("Havenstraat 12", "4461 AB", "Goes"),
        "phone": "0113 123 456",
        "people": [
            ("Sanne", "van Dijk", Role.MANAGER),
            ("Mehmet", "Yilmaz", Role.STAFF),
            ("Lotte", "Bakker", Role.STAFF),
        ],
    },
    {
        "name": "De Boer Advies",
        "slug": "de-boer-advies",
        "kinds": ["tussenpersoon"],
        "domain": "deboer-advies.example",
        "address": ("Markt 3", "8911 AV", "Leeuwarden"),
        "phone": "058 234 567",
        "people": [("Pieter", "de Boer", Role.MANAGER), ("Fatima", "El Amrani", Role.STAFF)],
    },
    {
        "name": "AutoHerstel Noord",
        "slug": "autoherstel-noord",
        "kinds": ["schadehersteller"],
        "domain": "autohersteln.example",
        "address": ("Industrieweg 40", "9723 JP", "Groningen"),
        "phone": "050 345 678",
        "people": [("Kees", "Mulder", Role.MANAGER), ("Daan", "Visser", Role.STAFF)],
    },
    {
        "name": "Helder Glas Service",
        "slug": "helder-glas-service",
        "kinds": ["glasherstel", "schadehersteller"],
        "domain": "helderglas.example",
        "address": ("Stationsplein 8", "3511 ED", "Utrecht"),
        "phone": "030 456 789",
        "people": [("Noor", "Jansen", Role.MANAGER), ("Ruben", "Smit", Role.STAFF)],
    },
    {
        "name": "Oud & Co Verzekeringen",
        "slug": "oud-en-co",
        "kinds": ["tussenpersoon"],
        "domain": "oudenco.example",
        "address": ("Kerkstraat 1", "1017 GA", "Amsterdam"),
        "phone": "020 567 890",
        "active": False,
        "people": [("Bram", "Oud", Role.MANAGER)],
    },
]


LOGO_COLOURS = ["#1f6f8b", "#8b1f4f", "#2e7d32", "#5b2a86", "#6d4c41"]


def demo_logo(name, colour):
    """A square logo with the partner's initials, made once and then reused."""
    title = f"Logo {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (240, 240), colour)
    initials = "".join(word[0] for word in name.replace("&", "").split()[:2]).upper()
    draw = ImageDraw.Draw(canvas)
    draw.text((120, 120), initials, fill="#ffffff", anchor="mm", font=ImageFont.load_default(size=110))
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"logo-{initials.lower()}.png"))


def build(context):
    kinds = {slug: PartnerKind.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in KINDS}
    for index, spec in enumerate(PARTNERS):
        street, postal_code, city = spec["address"]
        partner, created = Partner.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "street_address": street,
                "postal_code": postal_code,
                "city": city,
                "phone": spec["phone"],
                "website": f"https://www.{spec['domain']}",
                "contact_email": f"info@{spec['domain']}",
                "is_active": spec.get("active", True),
                "logo": demo_logo(spec["name"], LOGO_COLOURS[index % len(LOGO_COLOURS)]),
            },
        )
        if created:
            partner.kinds.set([kinds[slug] for slug in spec["kinds"]])
            partner.save()
        EmailDomain.objects.get_or_create(domain=spec["domain"], defaults={"partner": partner})
        for first_name, last_name, role in spec["people"]:
            local = first_name.lower()
            user = ensure_user(f"{local}@{spec['domain']}", first_name=first_name, last_name=last_name)
            Membership.objects.get_or_create(user=user, ended_at=None, defaults={"partner": partner, "role": role})
            status = "" if partner.is_active else " (gedeactiveerd)"
            context["logins"].append((user.email, Role(role).label, f"{partner.name}{status}"))
