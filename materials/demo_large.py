"""The benchmark set's library: materials like the demo's (a real PDF in the private collection, topics, audience,
versions, some replaced by a new version, withdrawn or expired) and two years of downloads by the large set's
people, with the notices the real flow leaves when a version they hold goes out of date."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from partners.models import PartnerKind, Role

from .demo import COLOURS, thumbnail
from .factories import pdf_bytes, private_collection
from .models import Download, MaterialIndexPage, MaterialPage, MaterialTopic, MaterialVersion, OutdatedNotice
from .models import PrivateDocument as Document
from .versions import HOLDER_SEPARATOR, holder_name

FORMATS = {
    "folder": ("Folder", 35),
    "factsheet": ("Factsheet", 25),
    "poster": ("Poster", 10),
    "presentation": ("Presentatie", 10),
    "form": ("Formulier", 10),
    "email": ("E-mailsjabloon", 10),
}
# (product, topics, aimed at these kinds (none: everyone))
PRODUCTS = [
    ("Woonverzekering", ["wonen", "productinformatie"], []),
    ("Inboedelverzekering", ["wonen"], []),
    ("Autoverzekering", ["auto", "productinformatie"], []),
    ("Reisverzekering", ["reizen"], ["tussenpersoon"]),
    ("Aansprakelijkheidsverzekering", ["productinformatie"], []),
    ("Rechtsbijstand", ["productinformatie"], ["tussenpersoon"]),
    ("Uitvaartverzekering", ["productinformatie"], ["tussenpersoon"]),
    ("Motorverzekering", ["auto"], []),
    ("Caravanverzekering", ["reizen"], []),
    ("Fietsverzekering", ["mobiliteit"], []),
    ("Ongevallenverzekering", ["productinformatie"], ["tussenpersoon"]),
    ("Pechhulp", ["auto", "mobiliteit"], []),
    ("Glasdekking", ["auto", "schade"], ["glasherstel", "schadehersteller"]),
    ("Schadeherstel", ["schade"], ["schadehersteller"]),
    ("Ruitreparatie", ["schade", "auto"], ["glasherstel"]),
    ("Waterschade", ["schade", "wonen"], []),
    ("Stormschade", ["schade", "wonen"], []),
    ("Bedrijfsaansprakelijkheid", ["zakelijk"], ["tussenpersoon"]),
    ("Zakelijke autoverzekering", ["zakelijk", "auto"], ["tussenpersoon", "schadehersteller"]),
    ("Onze klantbelofte", ["klantbelofte"], []),
]
ANGLES = [
    "in het kort",
    "voor gezinnen",
    "voor starters",
    "voor senioren",
    "voor ondernemers",
    "bij schade",
    "vergelijken",
    "veelgestelde vragen",
    "uitgelegd",
    "stap voor stap",
]
LANGUAGES = {"nl": 88, "en": 5, "de": 2, "tr": 2, "pl": 2, "ar": 1}
NEW_VERSION, WITHDRAWN, EXPIRED, ENDS_LATER = 0.10, 0.03, 0.04, 0.10  # shares of materials
WITH_THUMBNAIL = 0.3
COBRANDED = 0.3  # share of downloads of a co-brandable material that are co-branded
NOTICE_DISMISSED = 0.6


@dataclass
class Material:
    page: MaterialPage
    kinds: frozenset
    published: datetime
    ends: datetime  # withdrawn or expired then, else now
    renewed: datetime | None = None  # a second version went live then
    documents: list = field(default_factory=list)  # one for each version, oldest first
    versions: list = field(default_factory=list)
    weight: float = 1.0

    def version_at(self, moment):
        return self.versions[0] if self.renewed and moment < self.renewed else self.versions[-1]


def build(context):
    scale, people = context["scale"], context["people"]
    rng = scale.rng("materials")
    materials = add_materials(scale, rng)
    if materials:
        downloads = add_downloads(scale, rng, people, materials)
        add_notices(scale, rng, people, materials, downloads)


def plan(scale, rng, count):
    """Title, format, product and dates for each new material; titles (and so slugs) are unique in the library."""
    taken = set(MaterialPage.objects.values_list("slug", flat=True))
    formats, weights = list(FORMATS), [weight for _label, weight in FORMATS.values()]
    plans = []
    while len(plans) < count:
        format_name = rng.choices(formats, weights)[0]
        product = rng.choice(PRODUCTS)
        published = scale.start - timedelta(days=60) + (scale.now - scale.start) * rng.random() ** 1.3
        title = f"{FORMATS[format_name][0]} {product[0]} {rng.choice(ANGLES)}"
        if rng.random() < 0.5:
            title = f"{title} {published.year}"
        slug = slugify(title)[:80]
        if slug in taken:
            continue
        taken.add(slug)
        plans.append((title, slug, format_name, product, published))
    return plans


def add_materials(scale, rng):
    count = scale.missing("materials", MaterialPage.objects)
    if not count:
        return []
    index = MaterialIndexPage.objects.get()
    kinds = {kind.slug: kind for kind in PartnerKind.objects.all()}
    topics = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": name})[0]
        for _p, names, _k in PRODUCTS
        for name in names
    }
    covers = {name: thumbnail(label, name) for name, (label, _weight) in FORMATS.items()}
    collection = private_collection()
    materials, documents = [], []
    for title, slug, format_name, (_product, topic_names, audience), published in plan(scale, rng, count):
        label = f"{published.year}-1"
        page = MaterialPage(
            title=title,
            slug=slug,
            summary=f"{title}: wat de klant moet weten, in gewone taal en met voorbeelden.",
            format=format_name,
            language=rng.choices(list(LANGUAGES), list(LANGUAGES.values()))[0],
            version_label=label,
            co_brandable=format_name in ("folder", "factsheet") and rng.random() < 0.6,
            thumbnail=covers[format_name] if rng.random() < WITH_THUMBNAIL else None,
            first_published_at=published,
        )
        page.audiences = [kinds[name] for name in audience if name in kinds]
        page.tagged_topics = [MaterialTopic(tag=topics[name]) for name in topic_names]
        material = Material(page, frozenset(kind.pk for kind in page.audiences.all()), published, scale.now)
        material.weight = rng.lognormvariate(0, 1.2)  # a few materials are downloaded far more than the rest
        material.documents.append(document(page, label, collection, format_name))
        chance = rng.random()
        age = scale.now - published
        if chance < NEW_VERSION and age > timedelta(days=60):
            material.renewed = published + age * rng.uniform(0.3, 0.9)
            page.version_label = f"{material.renewed.year}-{2 if material.renewed.year == published.year else 1}"
            page.last_published_at = material.renewed
            material.documents.append(document(page, page.version_label, collection, format_name))
        elif chance < NEW_VERSION + WITHDRAWN:
            material.ends = published + age * rng.uniform(0.4, 0.9)
            page.withdrawal_reason = "Deze informatie klopt niet meer met de huidige voorwaarden."
        elif chance < NEW_VERSION + WITHDRAWN + EXPIRED:
            page.valid_from = published.date()
            page.valid_until = (published + age * rng.uniform(0.3, 0.8)).date()
            material.ends = timezone.make_aware(datetime.combine(page.valid_until, time.max))
        elif chance < NEW_VERSION + WITHDRAWN + EXPIRED + ENDS_LATER:
            page.valid_until = (scale.now + timedelta(days=rng.uniform(30, 300))).date()
        page.document = material.documents[-1]
        documents += material.documents
        materials.append(material)
    scale.bulk(Document, documents)
    scale.index(Document, documents)
    for material in materials:
        material.page.document_id = material.page.document.pk  # now that it has one

    def relate(pages):
        scale.bulk(
            MaterialPage.audiences.through,
            [
                MaterialPage.audiences.through(materialpage_id=material.page.pk, partnerkind_id=kind)
                for material in materials
                for kind in material.kinds
            ],
        )
        for page in pages:
            page.tagged_topics = [
                MaterialTopic(content_object=page, tag=topic.tag) for topic in page.tagged_topics.all()
            ]
        scale.bulk(MaterialTopic, [topic for page in pages for topic in page.tagged_topics.all()])

    scale.add_pages(index, [material.page for material in materials], relate)
    add_versions(scale, materials)
    return materials


def document(page, label, collection, format_name):
    """A small, real PDF of its own for each version, as the brand team would upload it."""
    content = pdf_bytes(page.title, [page.summary, f"Versie {label}"], colour=COLOURS.get(format_name, "#0b5cab"))
    doc = Document(title=f"{page.title} {label}", collection=collection)
    doc.file.save(f"{page.slug}-{label}.pdf", ContentFile(content), save=False)
    doc.file_size = len(content)
    doc._set_file_hash()
    return doc


def add_versions(scale, materials):
    """The versions that publishing recorded: the first one, and the second when a new file went live."""
    for material in materials:
        page = material.page
        if material.renewed:
            material.versions.append(
                MaterialVersion(
                    material=page,
                    label=f"{material.published.year}-1",
                    document=material.documents[0],
                    file_hash=material.documents[0].file_hash,
                    published_at=material.published,
                    superseded_at=material.renewed,
                )
            )
        material.versions.append(
            MaterialVersion(
                material=page,
                label=page.version_label,
                document=page.document,
                file_hash=page.document.file_hash,
                published_at=material.renewed or material.published,
                withdrawn_at=material.ends if page.withdrawal_reason else None,
            )
        )
    scale.bulk(MaterialVersion, [version for material in materials for version in material.versions])


def add_downloads(scale, rng, people, materials):
    """Downloads by people of the materials aimed at their partner, of the version that was current then."""
    pick_person = scale.picker(rng, people, [rng.lognormvariate(0, 1) for _person in people])
    pick_material = scale.picker(rng, materials, [material.weight for material in materials])
    wanted = scale.missing("downloads", Download.objects)
    rows, tries = [], 0
    while len(rows) < wanted and tries < 50 * wanted:
        tries += 1
        person, material = pick_person(), pick_material()
        if material.kinds and not material.kinds & person.kinds:
            continue
        start, end = max(person.since, material.published), min(person.until, material.ends)
        if end <= start:
            continue
        moment = scale.moment(rng, start, end)
        rows.append(
            Download(
                user_id=person.user_id,
                partner_id=person.partner_id,
                material_id=material.page.pk,
                version=material.version_at(moment),
                cobranded=material.page.co_brandable and rng.random() < COBRANDED,
                downloaded_at=moment,
            )
        )
    scale.bulk(Download, rows)
    return rows


def add_notices(scale, rng, people, materials, downloads):
    """What publishing a new version or withdrawing left: a notice for each holder and their partner's managers."""
    outdated = {}  # version id -> (reason, when it went out of date)
    for material in materials:
        if material.renewed:
            outdated[material.versions[0].pk] = (OutdatedNotice.Reason.NEW_VERSION, material.renewed)
        elif material.page.withdrawal_reason:
            outdated[material.versions[-1].pk] = (OutdatedNotice.Reason.WITHDRAWN, material.ends)
    holders = {}  # version id -> {user id: partner id}
    for row in downloads:
        if row.version_id in outdated and row.downloaded_at < outdated[row.version_id][1]:
            holders.setdefault(row.version_id, {})[row.user_id] = row.partner_id
    held_by = {user_id for held in holders.values() for user_id in held}
    names = {
        pk: holder_name(first_name, last_name, email)
        for pk, first_name, last_name, email in get_user_model()
        .objects.filter(pk__in=held_by)
        .values_list("pk", "first_name", "last_name", "email")
    }
    managers = {}
    for person in people:
        if person.role == Role.MANAGER:
            managers.setdefault(person.partner_id, []).append(person)
    notices = []
    for version_id, held in holders.items():
        reason, moment = outdated[version_id]
        mine = {user_id: notice(rng, user_id, version_id, reason, moment, downloaded_myself=True) for user_id in held}
        for partner_id in set(held.values()):
            for manager in managers.get(partner_id, []):
                if not manager.since <= moment < manager.until:
                    continue
                team = [
                    names[user] for user, partner in held.items() if partner == partner_id and user != manager.user_id
                ]
                if team:
                    own = mine.setdefault(manager.user_id, notice(rng, manager.user_id, version_id, reason, moment))
                    own.team_holders = HOLDER_SEPARATOR.join(sorted(team))
        notices += mine.values()
    scale.bulk(OutdatedNotice, notices)


def notice(rng, user_id, version_id, reason, moment, downloaded_myself=False):
    dismissed = moment + timedelta(days=rng.uniform(0, 20)) if rng.random() < NOTICE_DISMISSED else None
    return OutdatedNotice(
        user_id=user_id,
        version_id=version_id,
        reason=reason,
        downloaded_myself=downloaded_myself,
        created_at=moment,
        emailed_at=moment,
        dismissed_at=dismissed,
    )
