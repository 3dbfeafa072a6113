"""The demo brand: Polderzorg, a fictional Dutch insurer."""

from wagtail.models import Site

from .models import BrandSettings


def build(context):
    site = Site.objects.get(is_default_site=True)
    BrandSettings.objects.get_or_create(
        site=site,
        defaults={
            "brand_name": "Polderzorg",
            "primary_colour": "#0b5cad",
            "accent_colour": "#f2a900",
            "support_email": "partners@polderzorg.example",
            "support_phone": "0800 123 4567",
        },
    )
