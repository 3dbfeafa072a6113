"""The benchmark set's partners and people: partners of the demo's kinds, each with its email domain, and people
with a membership in teams of varied size, about one manager per partner.

The people go to the other apps as `context["people"]`: their history happens while they work for their partner.
"""

from collections import namedtuple
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from accounts.demo import DEMO_PASSWORD

from .models import EmailDomain, Membership, Partner, PartnerKind, Role

# The demo's domains end in .example, the large set's in .test: so a second run finds the set it made.
TOP_LEVEL_DOMAIN = "test"

# (kinds, share of partners, name patterns)
SEGMENTS = [
    (
        ["tussenpersoon"],
        0.55,
        ["{last} Assurantiën", "{last} Advies", "Assurantiekantoor {last}", "{last} & {other} Verzekeringen"],
    ),
    (["schadehersteller"], 0.27, ["Autoschade {last}", "Schadeherstel {city}", "Carrosseriebedrijf {last}"]),
    (["glasherstel"], 0.10, ["Glasservice {city}", "{last} Autoruiten"]),
    (["glasherstel", "schadehersteller"], 0.08, ["{last} Auto & Glas", "Schade- en Glascentrum {city}"]),
]
# fmt: off
FIRST_NAMES = [
    "Anna", "Bas", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jeroen", "Kim", "Lars", "Mila",
    "Niels", "Olga", "Pim", "Rik", "Sara", "Tim", "Vera", "Wouter", "Yara", "Zoë", "Ahmed", "Bram", "Charlotte",
    "Dirk", "Emma", "Floor", "Hasan", "Iris", "Jasper", "Karin", "Lotte", "Mehmet", "Noor", "Priya", "Ruben",
    "Sophie", "Thijs", "Ayla", "Koen", "Marieke", "Sven", "Esther", "Youssef", "Linda", "Joost", "Nina", "Stefan",
]
LAST_NAMES = [
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "de Graaf", "van der Meer", "Kok", "Jacobs", "Haan", "Schouten", "van Dam", "Kaya", "Yılmaz", "El Idrissi",
    "Hoekstra", "Postma", "Willems", "Verbeek", "Kuipers", "Prins", "Huisman", "Peeters", "Maas", "Koster",
]
# fmt: on
CITIES = [
    ("Amsterdam", "10", "020"),
    ("Rotterdam", "30", "010"),
    ("Utrecht", "35", "030"),
    ("Eindhoven", "56", "040"),
    ("Groningen", "97", "050"),
    ("Zwolle", "80", "038"),
    ("Breda", "48", "076"),
    ("Arnhem", "68", "026"),
    ("Leeuwarden", "89", "058"),
    ("Middelburg", "43", "0118"),
    ("Maastricht", "62", "043"),
    ("Almere", "13", "036"),
    ("Enschede", "75", "053"),
    ("Den Haag", "25", "070"),
    ("Tilburg", "50", "013"),
    ("Apeldoorn", "73", "055"),
]
STREETS = ["Stationsweg", "Industrieweg", "Marktplein", "Kerkstraat", "Havenkade", "Dorpsstraat", "Molenweg"]
BIGGEST_TEAM = 60  # at any scale one team is longer than the team page's 50 a page
INACTIVE_SHARE = 0.03  # partners the brand deactivated in the last half year
LEFT_SHARE = 0.03  # people whose membership ended

Person = namedtuple("Person", "user_id partner_id role kinds since until")
Person.__doc__ = "A membership of the large set: `kinds` are PartnerKind ids; the person acts between since and until."


def is_built():
    return EmailDomain.objects.filter(domain__endswith=f".{TOP_LEVEL_DOMAIN}").exists()


def build(context):
    scale = context["scale"]
    rng = scale.rng("partners")
    partners = make_partners(scale, rng)
    context["people"] = make_people(scale, rng, partners)


def capitalised(last_name):
    """A surname without a first name before it: "van Dam" becomes "Van Dam"."""
    return last_name[0].upper() + last_name[1:]


def make_partners(scale, rng):
    """The partners, with kinds, domains and a window: joined (and deactivated) at some moment."""
    kinds = {kind.slug: kind.pk for kind in PartnerKind.objects.all()}
    taken = set(Partner.objects.values_list("slug", flat=True))
    segments = [segment for segment in SEGMENTS if all(slug in kinds for slug in segment[0])]
    partners, windows = [], []
    for _number in range(scale.missing("partners", Partner.objects)):
        slugs, _share, patterns = rng.choices(segments, weights=[segment[1] for segment in segments])[0]
        city, postal, area = rng.choice(CITIES)
        last, other = (capitalised(rng.choice(LAST_NAMES)) for _name in range(2))
        title = rng.choice(patterns).format(last=last, other=other, city=city)
        slug = base = slugify(title)[:90]
        while slug in taken:
            slug = f"{base}-{rng.randint(2, 999)}"
        taken.add(slug)
        domain = f"{slug}.{TOP_LEVEL_DOMAIN}"
        active = rng.random() >= INACTIVE_SHARE
        joined = scale.now - timedelta(days=rng.uniform(240 if not active else 60, 900))
        until = scale.now if active else scale.now - timedelta(days=rng.uniform(14, 180))
        partner = Partner(
            name=title,
            slug=slug,
            street_address=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
            postal_code=f"{postal}{rng.randint(10, 99)} {rng.choice('BDGHJKLNPRSTVXZ')}{rng.choice('ABDEGHKLNPRST')}",
            city=city,
            phone=f"{area} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            website=f"https://www.{domain}",
            contact_email=f"info@{domain}",
            is_active=active,
        )
        partners.append(partner)
        windows.append((partner, [kinds[slug] for slug in slugs], domain, joined, until))
    scale.bulk(Partner, partners)
    for partner, _kinds, _domain, joined, _until in windows:
        partner.created_at = joined
    Partner.objects.bulk_update(partners, ["created_at"], batch_size=1000)
    scale.bulk(
        Partner.kinds.through,
        [
            Partner.kinds.through(partner_id=partner.pk, partnerkind_id=kind)
            for partner, kind_ids, *_rest in windows
            for kind in kind_ids
        ],
    )
    scale.bulk(EmailDomain, [EmailDomain(partner=partner, domain=domain) for partner, _k, domain, *_r in windows])
    return windows


def team_sizes(rng, people, teams):
    """Varied team sizes (a long tail of small teams, a few large ones) adding up to `people`, each at least 1."""
    weights = [rng.lognormvariate(2.5, 0.9) for _team in range(teams)]
    biggest = weights.index(max(weights))
    reserved = min(BIGGEST_TEAM, people // 3)
    spread = people - teams
    sizes = [1 + int(spread * weight / sum(weights)) for weight in weights]
    sizes[biggest] = max(sizes[biggest], reserved)
    surplus = sum(sizes) - people
    order = sorted(range(teams), key=lambda team: -sizes[team])
    step = 0
    while surplus != 0:  # even out the rounding on the other teams, never below one person
        team = order[step % teams]
        if surplus < 0:
            sizes[team] += 1
            surplus += 1
        elif team != biggest and sizes[team] > 1:
            sizes[team] -= 1
            surplus -= 1
        step += 1
    return sizes


def make_people(scale, rng, windows):
    """Users with a verified address on their partner's domain and a membership; one password hash for all."""
    password = make_password(DEMO_PASSWORD)
    User = get_user_model()
    sizes = team_sizes(rng, scale.missing("users", User.objects), len(windows))
    users, memberships, taken = [], [], set()
    for (partner, _kinds, domain, joined, until), size in zip(windows, sizes, strict=True):
        for position in range(size):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            local = base = f"{slugify(first)}.{slugify(last).replace('-', '')}"
            while f"{local}@{domain}" in taken:
                local = f"{base}{rng.randint(2, 99)}"
            email = f"{local}@{domain}"
            taken.add(email)
            since = min(joined + timedelta(days=rng.expovariate(1 / 120)), until - timedelta(days=7))
            ended = None
            if position > 0 and rng.random() < LEFT_SHARE:
                ended = since + (until - since) * rng.uniform(0.2, 0.9)
            managers = 1 + size // 40  # about one manager per partner, a second one in larger teams
            role = Role.MANAGER if position < managers else Role.STAFF
            users.append(User(email=email, first_name=first, last_name=last, password=password, date_joined=since))
            memberships.append((partner, role, since, ended))
    scale.bulk(User, users)
    scale.bulk(EmailAddress, [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users])
    scale.bulk(
        Membership,
        [
            Membership(user=user, partner=partner, role=role, started_at=since, ended_at=ended)
            for user, (partner, role, since, ended) in zip(users, memberships, strict=True)
        ],
    )
    kinds = {partner.pk: frozenset(kind_ids) for partner, kind_ids, *_rest in windows}
    until = {partner.pk: partner_until for partner, _k, _d, _j, partner_until in windows}
    return [
        Person(user.pk, partner.pk, role, kinds[partner.pk], since, ended or until[partner.pk])
        for user, (partner, role, since, ended) in zip(users, memberships, strict=True)
    ]
