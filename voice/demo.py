"""Demo tone of voice: "u" by default with "u heeft", "jij" on social media and on the phone for glass repairers,
a handful of word rules, the writing guide and some teksttoets history."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from partners.access import current_membership
from partners.models import Partner, PartnerKind

from .factories import address_table, example, guide, principle, word_list, word_rule
from .models import AddressOverride, AddressSettings, ApiToken, TextCheck

WORD_RULES = [
    ("geachte heer/mevrouw", "Beste [naam]", "We kennen onze klanten; gebruik hun naam.", "error"),
    ("indien", "als", "Gewone taal leest sneller.", "advice"),
    ("middels", "met, via", "Ambtelijk; niemand zegt het hardop.", "warning"),
    ("per omgaande", "meteen, vandaag nog", "Klinkt als een aanmaning.", "warning"),
    ("retourneren", "terugsturen", "Zeg wat de klant doet.", "warning"),
    ("wij verzoeken u", "wilt u", "Vraag het gewoon.", "warning"),
    ("conform", "volgens, zoals", "Gewone taal leest sneller.", "advice"),
    ("gelieve", "wilt u, wil je", "Stijf en afstandelijk.", "warning"),
]


def settings_for(site):
    settings = AddressSettings.for_site(site)
    if settings.overrides.exists():
        return settings
    settings.default_form = "u"
    settings.u_verb = "heeft"
    glass = PartnerKind.objects.filter(slug="glasherstel").first()
    overrides = [AddressOverride(channel="social", form="jij")]
    if glass:
        overrides.append(AddressOverride(partner_kind=glass, channel="phone", form="jij"))
    settings.overrides = overrides
    settings.save()
    return settings


def guide_body():
    return [
        principle(
            "Eén merk, één stem",
            "Of de klant nu ons spreekt of een partner: hij hoort dezelfde toon. Warm, helder en zonder jargon.",
        ),
        principle(
            "Eerst de klant",
            "We beginnen bij wat de klant wil weten en wat hij nu moet doen. De regels en uitzonderingen komen later.",
        ),
        principle(
            "Kies een vorm en houd die vast",
            "Schrijf ‘u’ of ‘jij’, nooit allebei in één tekst. Welke vorm waar hoort, staat in de tabel hieronder.",
        ),
        address_table(text="Zo spreken we klanten aan, per soort partner en per kanaal."),
        example(
            "Wat vervelend dat dit is gebeurd. We regelen het samen: u hoort vandaag nog van ons.",
            "Indien u schade heeft, dient u het formulier per omgaande te retourneren, dan kun je verder.",
            situation="Een klant meldt een schade",
            why="We tonen begrip en zeggen wat er gebeurt. Het voorbeeld hiernaast wisselt ook nog van ‘u’ naar ‘je’.",
        ),
        example(
            "Goed dat je het meldt! Stuur je polisnummer in een privébericht, dan zoeken we het meteen voor je uit.",
            "Wij verzoeken u uw polisnummer middels een privébericht te sturen.",
            situation="Een reactie op sociale media",
            form="jij",
            why="Op sociale media zeggen we ‘jij’ en praten we zoals mensen daar praten.",
        ),
        example(
            "U heeft een afspraak op dinsdag 14 mei om 10 u. Lukt het niet? Bel ons gerust, dan zoeken we samen "
            "een ander moment.",
            "Je afspraak is op dinsdag. Gelieve u tijdig af te melden indien u verhinderd bent.",
            situation="Een afspraak bevestigen",
            why="Concreet, vriendelijk en met een uitweg; ‘gelieve’ en ‘indien’ klinken als een brief van een loket.",
        ),
        word_list(text="Deze woorden vermijden we; de teksttoets wijst ze aan."),
    ]


def history(users):
    now = timezone.now()
    rows = [
        ("mehmet", 1, "u", "mixed", 2, 1),
        ("mehmet", 4, "u", "u", 0, 0),
        ("mehmet", 12, "jij", "jij", 0, 1),
        ("sanne", 2, "u", "u", 0, 0),
        ("sanne", 20, "u", "mixed", 3, 0),
        ("kees", 6, "u", "u", 1, 0),
    ]
    for name, days_ago, form, detected, errors, warnings in rows:
        user = users.get(name)
        membership = current_membership(user) if user else None
        if membership is None:
            continue
        TextCheck.objects.create(
            user=user,
            partner=membership.partner,
            via=TextCheck.Via.PAGE,
            form=form,
            detected=detected,
            words=120 + 10 * days_ago,
            errors=errors,
            warnings=warnings,
            checked_at=now - timedelta(days=days_ago),
        )


def build(context):
    site = Site.objects.get(is_default_site=True)
    for phrase, replacements, reason, severity in WORD_RULES:
        word_rule(phrase, replacements, reason=reason, severity=severity)
    settings_for(site)
    guide(
        site.root_page,
        introduction="Hoe we klanten aanspreken en welke woorden we kiezen, met voorbeelden. Twijfel je over een "
        "tekst? Plak hem in de teksttoets.",
        body=guide_body(),
    )
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.all()}
    if TextCheck.objects.filter(user__in=users.values()).exists():
        return  # the demo history exists already
    history(users)
    partner = Partner.objects.filter(slug="van-dijk-assurantien").first()
    if partner and "sanne" in users:
        ApiToken.issue(partner, users["sanne"], "Klantportaal")
        old, _raw = ApiToken.issue(partner, users["sanne"], "Oude website")
        old.created_at = timezone.now() - timedelta(days=200)
        old.revoked_at = timezone.now() - timedelta(days=40)
        old.save(update_fields=["created_at", "revoked_at"])
