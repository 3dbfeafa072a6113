"""Demo brand, home page and a few content pages."""

from wagtail.models import Page, Site

from partners.models import PartnerKind

from .brand_team import ensure_brand_team_group
from .models import HomePage, StandardPage

WELCOME = (
    "<p>Op dit portaal vind je alles om onze klanten samen goed te helpen: trainingen, actuele materialen "
    "en handige hulpmiddelen. Heb je een vraag? Neem gerust contact op met het partnerteam.</p>"
)

PAGES = [
    {
        "title": "Zo werken we samen",
        "slug": "samenwerken",
        "introduction": "Wat klanten van ons verwachten, en hoe jij als partner het verschil maakt.",
        "body": [
            ("heading", {"text": "Eén belofte aan de klant", "size": "h2"}),
            (
                "paragraph",
                "<p>Voor de klant maakt het niet uit of hij ons spreekt of jou: hij verwacht dezelfde "
                "service. Daarom delen we onze werkwijze, onze toon en onze materialen.</p>",
            ),
            (
                "quote",
                {
                    "text": "Een klant die goed geholpen wordt, komt terug. Bij ons en bij jou.",
                    "attribution": "Partnerteam Polderzorg",
                },
            ),
        ],
        "audiences": [],
    },
    {
        "title": "Schade melden en afhandelen",
        "slug": "schade-afhandelen",
        "introduction": "De afspraken voor herstelbedrijven: van melding tot oplevering.",
        "body": [
            ("heading", {"text": "Binnen één werkdag contact", "size": "h2"}),
            (
                "paragraph",
                "<p>Neem binnen één werkdag na de melding contact op met de klant en spreek een "
                "moment af voor de schadeopname.</p>",
            ),
        ],
        "audiences": ["schadehersteller", "glasherstel"],
    },
]


def build(context):
    group = ensure_brand_team_group()
    for editor in context.get("brand_team", []):
        editor.groups.add(group)
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Polderzorg Partnerportaal",
                slug="partnerportaal",
                welcome_title="Welkom op het partnerportaal",
                welcome_text=WELCOME,
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        previous_root = site.root_page if site else None
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            site.root_page = home
            site.site_name = "Polderzorg Partnerportaal"
            site.save()
        if previous_root and previous_root.pk != home.pk and previous_root.specific_class != HomePage:
            previous_root.delete()
    for spec in PAGES:
        if StandardPage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = StandardPage(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            body=spec["body"],
            show_in_menus=True,
        )
        page.audiences.set(PartnerKind.objects.filter(slug__in=spec["audiences"]))
        home.add_child(instance=page)
        page.save_revision().publish()
