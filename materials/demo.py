"""A demo library: twelve materials as real PDFs, with a new version, a withdrawal with its replacement,
an expired material, share links and downloads by the demo accounts (so notices show on their dashboards)."""

from datetime import timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Site

from partners.models import Membership, PartnerKind

from .factories import document, library, material, pdf_bytes, publish_changes
from .models import Download, MaterialPage, MaterialVersion, ShareLink
from .versions import current_version

COLOURS = {"folder": "#0b5cab", "factsheet": "#1f6f8b", "poster": "#8b1f4f", "presentation": "#5b2a86"}

MATERIALS = [
    {
        "title": "Folder Woonverzekering",
        "slug": "folder-woonverzekering",
        "age_days": 95,
        "summary": "Wat de woonverzekering dekt, in gewone taal, met voorbeelden van schade aan huis en inboedel.",
        "format": "folder",
        "topics": ["wonen", "productinformatie"],
        "co_brandable": True,
        "version_label": "2026-1",
        "pages": 2,
        "text": [
            "De woonverzekering beschermt het huis en alles wat erin staat tegen schade door brand, storm, "
            "water en inbraak.",
            "Bij schade belt de klant ons schadenummer; dag en nacht neemt een medewerker op.",
        ],
    },
    {
        "title": "Factsheet Autoverzekering",
        "slug": "factsheet-autoverzekering",
        "age_days": 60,
        "summary": "De drie dekkingen van de autoverzekering naast elkaar, met de no-claimkorting in één tabel.",
        "format": "factsheet",
        "topics": ["auto", "productinformatie"],
        "co_brandable": True,
        "version_label": "2026-1",
        "text": ["WA, WA-plus en allrisk op één pagina, met wat wel en niet gedekt is."],
    },
    {
        "title": "Poster Schade melden in drie stappen",
        "slug": "poster-schade-melden",
        "age_days": 200,
        "summary": "Voor de balie of de werkplaats: zo meldt een klant schade, met het nummer en de app.",
        "format": "poster",
        "topics": ["schade"],
        "version_label": "2025-3",
        "text": ["1. Maak foto's. 2. Meld de schade in de app of bel ons. 3. Wij bellen binnen een werkdag terug."],
    },
    {
        "title": "Checklist bij waterschade",
        "slug": "checklist-waterschade",
        "age_days": 12,
        "summary": "Wat een klant meteen moet doen bij waterschade, en wat beter kan wachten tot de expert er is.",
        "format": "factsheet",
        "topics": ["schade", "wonen"],
        "co_brandable": True,
        "version_label": "2026-1",
        "text": ["Zet het water af, maak foto's, bewaar beschadigde spullen tot de expert ze heeft gezien."],
    },
    {
        "title": "Presentatie Onze klantbelofte",
        "slug": "presentatie-klantbelofte",
        "age_days": 45,
        "summary": "Tien dia's over de belofte aan de klant, om te gebruiken in een teamoverleg.",
        "format": "presentation",
        "topics": ["klantbelofte"],
        "version_label": "2026-1",
        "pages": 4,
        "text": ["Bereikbaar, duidelijk en betrouwbaar: wat dat betekent aan de balie en aan de telefoon."],
    },
    {
        "title": "Travel insurance leaflet",
        "slug": "travel-insurance-leaflet",
        "age_days": 20,
        "summary": "De folder over de reisverzekering in het Engels, voor klanten die geen Nederlands lezen.",
        "format": "folder",
        "language": "en",
        "topics": ["reizen", "productinformatie"],
        "co_brandable": True,
        "version_label": "2026-1",
        "text": ["Travel insurance covers medical costs abroad, luggage and cancellation."],
    },
    {
        "title": "Factsheet Glasschade",
        "slug": "factsheet-glasschade",
        "age_days": 8,
        "summary": "Voor herstellers: hoe een glasschade wordt afgehandeld en wat de klant zelf betaalt.",
        "format": "factsheet",
        "topics": ["schade", "auto"],
        "audiences": ["schadehersteller", "glasherstel"],
        "version_label": "2026-1",
        "text": ["Reparatie van een ruit kost de klant niets; bij vervanging geldt het eigen risico."],
    },
    {
        "title": "Werkwijze schadeherstel",
        "slug": "werkwijze-schadeherstel",
        "age_days": 75,
        "summary": "De afspraken tussen Polderzorg en herstellers, van de eerste afspraak tot de oplevering.",
        "format": "folder",
        "topics": ["schade"],
        "audiences": ["schadehersteller"],
        "version_label": "2026-2",
        "text": ["De hersteller belt de klant binnen vier uur en houdt de klant elke dag op de hoogte."],
    },
    {
        "title": "Folder Inboedelverzekering 2026",
        "slug": "folder-inboedelverzekering-2026",
        "age_days": 6,
        "summary": "Alles over de inboedelverzekering, met de nieuwe dekking voor elektrische fietsen.",
        "format": "folder",
        "topics": ["wonen", "productinformatie"],
        "co_brandable": True,
        "version_label": "2026-1",
        "text": ["Nieuw: de elektrische fiets is binnen en buiten het huis verzekerd tot 5.000 euro."],
    },
    {
        "title": "Folder Inboedelverzekering 2025",
        "slug": "folder-inboedelverzekering-2025",
        "age_days": 400,
        "summary": "De vorige folder over de inboedelverzekering.",
        "format": "folder",
        "topics": ["wonen"],
        "co_brandable": True,
        "version_label": "2025-1",
        "text": ["De inboedelverzekering dekt schade aan spullen in huis."],
    },
    {
        "title": "Informatieblad Aansprakelijkheid",
        "slug": "informatieblad-aansprakelijkheid",
        "age_days": 150,
        "summary": "Wanneer de aansprakelijkheidsverzekering betaalt, met vijf herkenbare voorbeelden.",
        "format": "factsheet",
        "topics": ["productinformatie"],
        "version_label": "2026-1",
        "valid_until_days": 200,
        "text": ["Een klant stoot bij vrienden een vaas om: de aansprakelijkheidsverzekering betaalt."],
    },
    {
        "title": "Actieflyer Zomer 2026",
        "slug": "actieflyer-zomer-2026",
        "age_days": 180,
        "summary": "De zomeractie met korting op de reisverzekering; de actie is voorbij.",
        "format": "folder",
        "topics": ["reizen"],
        "version_label": "2026-1",
        "valid_until_days": -60,
        "text": ["Tot en met augustus tien procent korting op de doorlopende reisverzekering."],
    },
]


def thumbnail(title, format_name):
    """A cover image for the card: the format and title on the brand's colour."""
    existing = get_image_model().objects.filter(title=f"Omslag {title}").first()
    if existing:
        return existing
    colour = COLOURS.get(format_name, "#0b5cab")
    cover = PILImage.new("RGB", (960, 600), colour)
    draw = ImageDraw.Draw(cover)
    draw.rectangle((0, 470, 960, 600), fill="#ffffff")
    draw.text((60, 70), format_name.upper(), fill="#ffffff", font=ImageFont.load_default(size=40))
    words, lines, line = title.split(), [], ""
    for word in words:
        if len(line) + len(word) > 22:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    for number, text in enumerate(lines[:3]):
        draw.text((60, 160 + number * 80), text, fill="#ffffff", font=ImageFont.load_default(size=64))
    draw.text((60, 510), "Polderzorg", fill=colour, font=ImageFont.load_default(size=44))
    buffer = BytesIO()
    cover.save(buffer, format="PNG")
    slug = title.lower().replace(" ", "-")[:40]
    return get_image_model().objects.create(title=f"Omslag {title}", file=ImageFile(buffer, name=f"omslag-{slug}.png"))


def ensure_material(index, spec):
    existing = MaterialPage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    today = timezone.localdate()
    fields = {
        "slug": spec["slug"],
        "summary": spec["summary"],
        "format": spec["format"],
        "language": spec.get("language", "nl"),
        "version_label": spec["version_label"],
        "co_brandable": spec.get("co_brandable", False),
        "thumbnail": thumbnail(spec["title"], spec["format"]),
    }
    if "valid_until_days" in spec:
        fields["valid_from"] = today - timedelta(days=300)
        fields["valid_until"] = today + timedelta(days=spec["valid_until_days"])
    content = pdf_bytes(
        spec["title"], spec["text"], pages=spec.get("pages", 1), colour=COLOURS.get(spec["format"], "#0b5cab")
    )
    doc = document(spec["title"], content, name=f"{spec['slug']}-{spec['version_label']}.pdf")
    audiences = PartnerKind.objects.filter(slug__in=spec.get("audiences", []))
    page = material(index, spec["title"], doc=doc, audiences=audiences, topics=spec["topics"], **fields)
    # The demo library has a history: each material went live some time ago.
    MaterialVersion.objects.filter(material=page).update(published_at=timezone.now() - timedelta(days=spec["age_days"]))
    return page


def download(user, page, days_ago, *, cobranded=False):
    membership = Membership.objects.current().filter(user=user).select_related("partner").first()
    Download.objects.create(
        user=user,
        partner=membership.partner if membership else None,
        material=page,
        version=current_version(page),
        cobranded=cobranded,
        downloaded_at=timezone.now() - timedelta(days=days_ago),
    )


def build(context):
    home = Site.objects.get(is_default_site=True).root_page
    index = library(home, title="Bibliotheek", slug="bibliotheek")
    pages = {spec["slug"]: ensure_material(index, spec) for spec in MATERIALS}
    if Download.objects.exists():
        return  # the demo history exists already
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.all()}
    living, old_contents, new_contents = (
        pages["folder-woonverzekering"],
        pages["folder-inboedelverzekering-2025"],
        pages["folder-inboedelverzekering-2026"],
    )
    download(users["mehmet"], old_contents, 40)
    download(users["pieter"], old_contents, 35, cobranded=True)
    download(users["pieter"], living, 30)
    download(users["sanne"], pages["factsheet-autoverzekering"], 12, cobranded=True)
    download(users["kees"], pages["werkwijze-schadeherstel"], 8)
    download(users["noor"], pages["factsheet-glasschade"], 3)
    for days in (20, 6, 2):
        download(users["lotte"], pages["poster-schade-melden"], days)
    # The brand team publishes the new contents folder as the replacement, and a new version of the home folder:
    # Mehmet and Pieter (and their managers) get a notice and an email.
    publish_changes(old_contents, replaced_by=new_contents)
    new_file = pdf_bytes(
        "Folder Woonverzekering",
        ["Vernieuwd: glasschade aan huis is nu standaard meeverzekerd.", *MATERIALS[0]["text"]],
        pages=2,
    )
    publish_changes(
        living,
        version_label="2026-2",
        document=document("Folder Woonverzekering 2026-2", new_file, name="folder-woonverzekering-2026-2.pdf"),
    )
    sanne = users["sanne"]
    link = ShareLink.objects.create(
        material=pages["factsheet-autoverzekering"],
        partner=Membership.objects.get(user=sanne).partner,
        created_by=sanne,
    )
    ShareLink.objects.filter(pk=link.pk).update(views=4, downloads=2, last_viewed_at=timezone.now())
