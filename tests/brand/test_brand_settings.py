"""Brand settings: validated colours, and a portal that re-skins itself from them without code."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Site

from brand.colours import contrast_ratio, readable_text_colour
from brand.models import BrandSettings

FORMAT_MESSAGE = "Vul een kleur in als #RRGGBB, bijvoorbeeld #0b5cad."
TOO_LIGHT_MESSAGE = (
    "Deze kleur is te licht: tekst erop en koppelingen ermee zijn slecht leesbaar. Kies een donkerder kleur."
)


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def brand(site):
    """The site's brand settings as the admin edits them: one row per site, made on first use."""
    return BrandSettings.for_site(site)


def edited(brand, **fields):
    for name, value in fields.items():
        setattr(brand, name, value)
    return brand


def errors_for(settings_object):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        settings_object.full_clean()
    return error.value.message_dict


@pytest.mark.parametrize("colour", ["0b5cad", "#0b5ca", "#0b5cag", "blauw", "#fff", "#0B5CA D"])
def test_primary_colour_must_be_rrggbb(brand, colour):
    errors = errors_for(edited(brand, primary_colour=colour))

    assert FORMAT_MESSAGE in errors["primary_colour"]


@pytest.mark.parametrize("colour", ["oranje", "#f2a90"])
def test_accent_colour_must_be_rrggbb(brand, colour):
    errors = errors_for(edited(brand, primary_colour="#0b5cad", accent_colour=colour))

    assert errors == {"accent_colour": [FORMAT_MESSAGE]}


@pytest.mark.parametrize("colour", ["#ffdd00", "#FFFFFF", "#7fb2e5", "#767676"])
def test_primary_colour_too_light_for_white_text_is_refused(brand, colour):
    errors = errors_for(edited(brand, primary_colour=colour, accent_colour="#f2a900"))

    assert errors == {"primary_colour": [TOO_LIGHT_MESSAGE]}


@pytest.mark.parametrize("colour", ["#0b5cad", "#0B5CAD", "#000000", "#5b2a86"])
def test_dark_primary_colour_is_accepted(brand, colour):
    edited(brand, brand_name="Polderzorg", primary_colour=colour, accent_colour="#f2a900").full_clean()


def brand_in_page(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_base_template_applies_the_brand_and_follows_changes(client, site, staff_a, django_capture_on_commit_callbacks):
    BrandSettings.objects.update_or_create(
        site=site, defaults={"brand_name": "Polderzorg", "primary_colour": "#0b5cad", "accent_colour": "#f2a900"}
    )

    html = brand_in_page(client, staff_a)

    assert "--brand-primary:#0b5cad;" in html
    assert "--brand-on-primary:#ffffff;" in html
    assert "--brand-accent:#f2a900;" in html
    assert "--brand-on-accent:#000000;" in html
    assert '<span class="brand__name">Polderzorg</span>' in html
    assert "· Polderzorg</title>" in html

    # Another brand takes over the portal: only the setting changes, no code. (Saved as the admin saves it, which
    # also forgets the cached copy every page reads.)
    brand = BrandSettings.objects.get(site=site)
    brand.brand_name, brand.primary_colour, brand.accent_colour = "Zeewind Energie", "#5b2a86", "#00205b"
    with django_capture_on_commit_callbacks(execute=True):
        brand.save()

    html = brand_in_page(client, staff_a)

    assert "--brand-primary:#5b2a86;" in html
    assert "--brand-on-primary:#ffffff;" in html
    assert "--brand-accent:#00205b;" in html
    assert "--brand-on-accent:#ffffff;" in html
    assert '<span class="brand__name">Zeewind Energie</span>' in html
    assert "Polderzorg" not in html
    assert "#0b5cad" not in html


def test_login_page_shows_the_brand_to_visitors(client, site):
    BrandSettings.objects.update_or_create(
        site=site, defaults={"brand_name": "Zeewind Energie", "primary_colour": "#5b2a86"}
    )

    response = client.get("/account/login/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "--brand-primary:#5b2a86;" in html
    assert "Zeewind Energie" in html


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("#000000", "#ffffff", 21),
        ("#ffffff", "#000000", 21),
        ("#0b5cad", "#0b5cad", 1),
        ("#777777", "#ffffff", 4.48),
        ("#0b5cad", "#ffffff", 6.67),
    ],
)
def test_contrast_ratio(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#ffdd00", "#000000"),  # yellow
        ("#f2a900", "#000000"),  # amber
        ("#ffffff", "#000000"),
        ("#0b5cad", "#ffffff"),  # dark blue
        ("#00205b", "#ffffff"),  # navy
        ("#000000", "#ffffff"),
    ],
)
def test_readable_text_colour(background, text):
    assert readable_text_colour(background) == text
