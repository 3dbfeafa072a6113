"""Demo journeys: car damage from quote to settlement, and a broken windscreen, with half a year of customer
feedback per partner, suggestions from partners (one answered) and three months of 'jullie zeiden, wij deden'."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from materials.models import MaterialPage
from partners.models import Partner, PartnerKind
from tools.models import ChecklistPage
from training.models import TrainingModulePage

from .models import (
    FeedbackResponse,
    ImprovementAction,
    JourneyIndexPage,
    JourneyPage,
    JourneyStep,
    Suggestion,
)

CAR_DAMAGE = [
    {
        "name": "Offerte en advies",
        "owner": "tussenpersoon",
        "customer_does": "Vraagt een autoverzekering aan en wil weten welke dekking past.",
        "promise": "Binnen één werkdag een offerte op maat, met dekking en eigen risico in gewone taal uitgelegd.",
        "handover": "De gekozen dekking, het eigen risico en de afspraken over betalen, volledig in het dossier.",
        "support": [("module", TrainingModulePage, "aanspreken"), ("material", MaterialPage, "autoverzekering")],
    },
    {
        "name": "Polis en welkom",
        "owner": "",
        "customer_does": "Ontvangt de polis en leest wat er bij schade moet gebeuren.",
        "promise": "Binnen drie werkdagen de polis, met het schadenummer dat dag en nacht bereikbaar is.",
        "handover": "",
        "support": [("material", MaterialPage, "schade melden")],
    },
    {
        "name": "Schade melden",
        "owner": "",
        "customer_does": "Meldt de schade, online of telefonisch, en stuurt foto's mee.",
        "promise": "Binnen een uur een bevestiging met dossiernummer en wat er nu gaat gebeuren.",
        "handover": "Dossiernummer, kenteken, foto's van de schade en het moment dat de klant het beste uitkomt.",
        "support": [],
    },
    {
        "name": "Herstel",
        "owner": "schadehersteller",
        "customer_does": "Brengt de auto naar de hersteller, of laat hem ophalen.",
        "promise": "Vervangend vervoer vanaf de eerste dag en de auto terug op de afgesproken dag, met garantie.",
        "handover": "Het herstelrapport, foto's na herstel en de factuur, op de dag van oplevering.",
        "support": [
            ("tool", ChecklistPage, "overdracht"),
            ("module", TrainingModulePage, "overdracht"),
            ("material", MaterialPage, "schadeherstel"),
        ],
    },
    {
        "name": "Afhandeling en uitbetaling",
        "owner": "",
        "customer_does": "Hoort hoe de schade is afgehandeld en wat er is betaald.",
        "promise": "Binnen vijf werkdagen na herstel is alles rond, zonder eigen risico bij een vaste hersteller.",
        "handover": "Een korte samenvatting van de schade, zodat de adviseur die bij de jaarlijkse check kent.",
        "support": [],
    },
    {
        "name": "Nazorg en jaarlijkse check",
        "owner": "tussenpersoon",
        "customer_does": "Loopt eens per jaar de verzekering door met de adviseur.",
        "promise": "Eén keer per jaar een afspraak om te kijken of de dekking nog past, op een moment dat past.",
        "handover": "",
        "support": [("module", TrainingModulePage, "belofte")],
    },
]

WINDSCREEN = [
    {
        "name": "Ruitschade melden",
        "owner": "",
        "customer_does": "Meldt een ster of barst in de voorruit.",
        "promise": "Direct een afspraak met een glasspecialist in de buurt, zonder formulieren.",
        "handover": "Kenteken, type auto, plek van de schade en de gewenste dag.",
        "support": [],
    },
    {
        "name": "Reparatie of vervanging",
        "owner": "glasherstel",
        "customer_does": "Laat de ruit repareren of vervangen, op locatie of in de werkplaats.",
        "promise": "Een ster binnen 30 minuten gerepareerd; een nieuwe ruit dezelfde dag, camera's opnieuw afgesteld.",
        "handover": "Wat er gedaan is, met foto en factuur, dezelfde dag.",
        "support": [("material", MaterialPage, "glasschade")],
    },
    {
        "name": "Afronding",
        "owner": "",
        "customer_does": "Krijgt bericht dat alles is geregeld.",
        "promise": "Binnen twee werkdagen bericht, en bij reparatie geen eigen risico.",
        "handover": "",
        "support": [],
    },
]

COMMENTS = {
    "high": [
        "Heel duidelijk uitgelegd, ik wist precies waar ik aan toe was.",
        "Snel geholpen en vriendelijk te woord gestaan.",
        "De auto was eerder klaar dan afgesproken.",
        "Prettig dat ik niets twee keer hoefde te vertellen.",
    ],
    "mid": ["Prima, al duurde het wachten op de offerte wat lang.", "Goed, maar ik moest zelf nabellen."],
    "low": [
        "Niemand wist van mijn melding af toen ik belde.",
        "Vervangend vervoer was er pas op de derde dag.",
        "Ik moest mijn verhaal drie keer opnieuw doen.",
        "De offerte was vol vaktaal.",
    ],
}

ACTIONS = [
    (
        2,
        "Schade melden",
        "Klanten moesten hun verhaal bij de hersteller opnieuw doen.",
        "De hersteller krijgt nu bij elke melding het dossiernummer, de foto's en het voorkeursmoment mee.",
    ),
    (
        1,
        "Herstel",
        "Vervangend vervoer was er niet altijd vanaf de eerste dag.",
        "Aangesloten herstellers reserveren nu vervangend vervoer zodra de afspraak staat.",
    ),
    (
        0,
        "Offerte en advies",
        "De offerte stond vol vaktaal.",
        "De offertebrief is herschreven in gewone taal, en staat als materiaal in de bibliotheek.",
    ),
]


def first_of_month(months_back):
    month = timezone.localdate().replace(day=1)
    for _step in range(months_back):
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def journey(index, title, slug, introduction, steps, kinds):
    existing = JourneyPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        return existing
    owners = {kind.slug: kind for kind in PartnerKind.objects.all()}
    page = JourneyPage(title=title, slug=slug, introduction=introduction)
    page.steps = [
        JourneyStep(
            sort_order=position,
            name=step["name"],
            owner=owners.get(step["owner"]),
            customer_does=step["customer_does"],
            promise=step["promise"],
            handover=step["handover"],
            support=[
                {"type": kind, "value": page.pk}
                for kind, model, title in step["support"]
                for page in model.objects.live().filter(title__icontains=title).order_by("path")[:1]
            ],
        )
        for position, step in enumerate(steps)
    ]
    index.add_child(instance=page)
    page.audiences.set([owners[slug] for slug in kinds if slug in owners])
    page.save_revision().publish()
    return page


def feedback_history(page, rng):
    """Half a year of answers per partner for the steps it owns, a little better every month."""
    now = timezone.now()
    answers = []
    for step in page.steps.select_related("owner"):
        if step.owner is None:
            continue
        for partner in Partner.objects.filter(kinds=step.owner, is_active=True):
            for day in range(180, 0, -3):
                if rng.random() < 0.35:
                    continue
                lift = (180 - day) / 180  # later answers are better: the actions work
                score = max(0, min(10, round(rng.gauss(6.5 + 2.5 * lift, 2.2))))
                band = "high" if score >= 9 else "mid" if score >= 7 else "low"
                comment = rng.choice(COMMENTS[band]) if rng.random() < 0.3 else ""
                answers.append(
                    FeedbackResponse(
                        journey=page,
                        step=step,
                        step_name=step.name,
                        partner=partner,
                        score=score,
                        comment=comment,
                        created_at=now - timedelta(days=day, hours=rng.randint(0, 10)),
                    )
                )
    FeedbackResponse.objects.bulk_create(answers)


def suggestions(page):
    steps = {step.name: step for step in page.steps.all()}
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.all()}
    brand_user = users.get("redactie")
    van_dijk = Partner.objects.filter(slug="van-dijk-assurantien").first()
    autoherstel = Partner.objects.filter(slug="autoherstel-noord").first()
    if van_dijk and "Polis en welkom" in steps:
        step = steps["Polis en welkom"]
        Suggestion.objects.create(
            journey=page,
            step=step,
            step_name=step.name,
            partner=van_dijk,
            author=users.get("mehmet"),
            problem="Klanten bellen ons omdat ze niet weten wanneer de polis komt.",
            proposal="Stuur de adviseur een kopie van de welkomstmail, dan kunnen wij meteen antwoorden.",
            created_at=timezone.now() - timedelta(days=40),
            status=Suggestion.Status.TAKEN_UP,
            answer="Goed punt. Vanaf deze maand krijgt de adviseur een kopie van elke welkomstmail.",
            answered_at=timezone.now() - timedelta(days=30),
            answered_by=brand_user,
        )
    if autoherstel and "Schade melden" in steps:
        step = steps["Schade melden"]
        Suggestion.objects.create(
            journey=page,
            step=step,
            step_name=step.name,
            partner=autoherstel,
            author=users.get("daan"),
            problem="Foto's van de schade komen soms pas na de afspraak binnen.",
            proposal="Vraag de klant bij het melden meteen om foto's en stuur ze mee met de opdracht.",
            created_at=timezone.now() - timedelta(days=6),
        )


def actions(page):
    steps = {step.name: step for step in page.steps.all()}
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.all()}
    brand_user = users.get("redactie")
    for months_back, step_name, said, did in ACTIONS:
        step = steps[step_name]
        action = ImprovementAction.objects.create(
            month=first_of_month(months_back),
            journey=page,
            step=step,
            step_name=step.name,
            customers_said=said,
            we_did=did,
            created_by=brand_user,
        )
        action.feedback.set(FeedbackResponse.objects.filter(step=step).exclude(comment="").filter(score__lt=7)[:3])


def build(context):
    site = Site.objects.get(is_default_site=True)
    index = JourneyIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        index = site.root_page.add_child(
            instance=JourneyIndexPage(
                title="Klantreizen",
                slug="klantreizen",
                introduction="Wat de klant beleeft van de eerste vraag tot de laatste stap, wie welke stap doet en "
                "wat we daarbij aan elkaar overdragen.",
            )
        )
        index.save_revision().publish()
    car = journey(
        index,
        "Autoschade: van offerte tot afhandeling",
        "autoschade",
        "Van de eerste offerte tot de jaarlijkse check: zo beleeft de klant zijn autoverzekering, met jullie.",
        CAR_DAMAGE,
        ["tussenpersoon", "schadehersteller"],
    )
    windscreen = journey(
        index,
        "Ruitschade",
        "ruitschade",
        "Een ster of barst in de voorruit: snel en zonder gedoe geregeld.",
        WINDSCREEN,
        ["glasherstel"],
    )
    if FeedbackResponse.objects.exists():
        return  # the demo history exists already
    rng = random.Random(2026)  # noqa: S311  (made-up demo answers, the same on every run)
    for page in (car, windscreen):
        feedback_history(page, rng)
    suggestions(car)
    actions(car)
