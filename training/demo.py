"""Three demo modules on Polderzorg's customer journey, partly completed so every status shows up."""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from partners.models import Membership, PartnerKind

from .factories import academy, module, question
from .models import Attempt, Completion, LessonProgress, TrainingModulePage


def lesson(title, *blocks):
    return {"type": "lesson", "id": str(uuid.uuid4()), "value": {"title": title, "content": list(blocks)}}


def block(kind, value):
    return {"type": kind, "id": str(uuid.uuid4()), "value": value}


PROMISE = {
    "title": "Onze belofte aan de klant",
    "slug": "onze-belofte",
    "summary": "Wat Polderzorg klanten belooft, en wat dat van jou vraagt op een gewone werkdag.",
    "estimated_minutes": 15,
    "required_for_staff": True,
    "required_for_managers": True,
    "validity_months": 12,
    "lessons": [
        lesson(
            "Wat we beloven",
            block(
                "rich_text",
                "<p>Polderzorg belooft drie dingen: we zijn bereikbaar, we zeggen wat we doen en we "
                "doen wat we zeggen. Een klant merkt die belofte vooral bij een partner: bij de "
                "tussenpersoon aan tafel of bij de hersteller in de werkplaats.</p>",
            ),
            block(
                "callout",
                {
                    "kind": "tip",
                    "text": "<p>Herhaal aan het eind van elk gesprek wat de volgende stap "
                    "is en wanneer de klant iets hoort.</p>",
                },
            ),
        ),
        lesson(
            "Beleef het zelf",
            block(
                "journey",
                {
                    "title": "Een lekkage op zaterdag",
                    "customer": "Ans (67) ontdekt een lekkage boven haar keuken.",
                    "moments": [
                        {
                            "situation": "Ans belt de schadelijn",
                            "customer_sees": "Ze krijgt binnen twee minuten een mens aan de lijn.",
                            "customer_feels": "Opluchting: er wordt naar haar geluisterd.",
                        },
                        {
                            "situation": "De hersteller komt langs",
                            "customer_sees": "De monteur stelt zich voor en legt uit wat hij gaat doen.",
                            "customer_feels": "Vertrouwen, omdat ze weet wat er gebeurt.",
                        },
                        {
                            "situation": "Een week later",
                            "customer_sees": "Ze krijgt zonder te vragen een bericht dat de schade is afgehandeld.",
                            "customer_feels": "Ze vertelt het haar buren.",
                        },
                    ],
                },
            ),
        ),
    ],
    "quiz": [
        question(
            "Wat doe je aan het eind van elk klantgesprek?",
            [
                (
                    "De volgende stap en het moment van terugkoppeling noemen",
                    True,
                    "Zo weet de klant waar hij aan toe is.",
                ),
                (
                    "Vragen of de klant een beoordeling wil geven",
                    False,
                    "Dat kan, maar eerst moet de klant weten wat er gaat gebeuren.",
                ),
                ("Het dossiernummer voorlezen", False, "Handig, maar het is niet de kern van de belofte."),
            ],
        ),
        question(
            "Een klant merkt onze belofte vooral bij Polderzorg zelf, niet bij partners.",
            [
                ("Waar", False),
                ("Niet waar", True, "Juist: de meeste contactmomenten lopen via partners."),
            ],
            kind="true_false",
        ),
        question(
            "Welke onderdelen horen bij de belofte?",
            [
                ("We zijn bereikbaar", True),
                ("We zeggen wat we doen", True),
                ("We doen wat we zeggen", True),
                ("We zijn altijd de goedkoopste", False, "Prijs is geen onderdeel van de belofte."),
            ],
            kind="multiple",
        ),
    ],
}

ADDRESSING = {
    "title": "De klant aanspreken",
    "slug": "klant-aanspreken",
    "summary": "Wanneer je u zegt en wanneer je, en hoe je in elke zin dezelfde toon houdt.",
    "estimated_minutes": 10,
    "validity_months": 24,
    "kinds": ["tussenpersoon"],
    "lessons": [
        lesson(
            "U, tenzij de klant anders aangeeft",
            block(
                "rich_text",
                "<p>Polderzorg spreekt klanten aan met u. Zegt een klant zelf je, dan mag je dat "
                "overnemen. Houd het in één gesprek of brief wel overal hetzelfde.</p>",
            ),
            block(
                "do_dont",
                {
                    "do": "Goedemiddag mevrouw De Wit, ik help u graag verder.",
                    "dont": "Hoi! Even kijken wat ik voor je kan doen, u hoort het van ons.",
                },
            ),
        ),
    ],
    "quiz": [
        question(
            "Hoe spreek je een nieuwe klant aan?",
            [("Met u", True), ("Met je", False, "Pas als de klant dat zelf doet.")],
        ),
        question(
            "Wat gaat er mis in: 'Even kijken wat ik voor je kan doen, u hoort het van ons'?",
            [
                ("Er staan je en u door elkaar", True),
                ("De zin is te kort", False),
            ],
        ),
    ],
}

HANDOVER = {
    "title": "De overdracht naar de volgende partner",
    "slug": "overdracht",
    "summary": (
        "Een klant merkt niet wie er aan de beurt is. "
        "Zo geef je het dossier door zonder dat hij iets hoeft te herhalen."
    ),
    "estimated_minutes": 20,
    "validity_months": 12,
    "attempts_per_day": 3,
    "kinds": ["schadehersteller", "glasherstel"],
    "required_kinds": ["schadehersteller", "glasherstel"],
    "lessons": [
        lesson(
            "Wat de volgende partner nodig heeft",
            block(
                "rich_text",
                "<ul><li>het dossiernummer en de afspraken die al gemaakt zijn</li>"
                "<li>wat de klant al heeft verteld, zodat hij het niet opnieuw hoeft te zeggen</li>"
                "<li>wanneer de klant iets van de volgende partner hoort</li></ul>",
            ),
            block(
                "callout",
                {"kind": "warning", "text": "<p>Geef nooit een belofte door die je zelf niet kunt waarmaken.</p>"},
            ),
        ),
        lesson(
            "Het overdrachtsgesprek",
            block(
                "rich_text",
                "<p>Vertel de klant wie het overneemt, waarom en wanneer die contact opneemt. "
                "Zeg erbij dat de volgende partner het hele verhaal al kent.</p>",
            ),
        ),
    ],
    "quiz": [
        question(
            "Wat geef je in elk geval door aan de volgende partner?",
            [
                ("Wat de klant al heeft verteld", True),
                ("Je eigen planning voor volgende week", False),
            ],
        ),
        question(
            "De klant hoeft bij de volgende partner zijn verhaal niet opnieuw te doen.",
            [
                ("Waar", True),
                ("Niet waar", False, "Dat is precies wat een goede overdracht voorkomt."),
            ],
            kind="true_false",
        ),
    ],
}

MODULES = [PROMISE, ADDRESSING, HANDOVER]


def ensure_module(index, spec):
    existing = TrainingModulePage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    fields = {key: value for key, value in spec.items() if key not in ("kinds", "required_kinds")}
    return module(
        index,
        audiences=PartnerKind.objects.filter(slug__in=spec.get("kinds", [])),
        required_kinds=PartnerKind.objects.filter(slug__in=spec.get("required_kinds", [])),
        **fields,
    )


def record(user, page, *, passed, days_ago, score=None):
    """An attempt (and a completion when passed) as if taken some days ago."""
    moment = timezone.now() - timedelta(days=days_ago)
    score = score if score is not None else (100 if passed else 50)
    attempt = Attempt.objects.create(
        user=user,
        module=page,
        revision=page.latest_revision,
        token=uuid.uuid4(),
        score=score,
        pass_mark=page.pass_mark,
        passed=passed,
        submitted_at=moment,
    )
    if passed:
        membership = Membership.objects.current().filter(user=user).select_related("partner").first()
        Completion.objects.create(
            user=user,
            module=page,
            attempt=attempt,
            partner=membership.partner if membership else None,
            completed_at=moment,
            score=score,
            valid_until=page.valid_until(moment),
        )


def build(context):
    home = Site.objects.get(is_default_site=True).root_page
    index = academy(home, title="Academie", slug="academie")
    pages = {spec["slug"]: ensure_module(index, spec) for spec in MODULES}
    if Attempt.objects.exists():
        return  # the demo history exists already
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.all()}
    promise, addressing, handover = pages["onze-belofte"], pages["klant-aanspreken"], pages["overdracht"]
    record(users["mehmet"], promise, passed=True, days_ago=20)  # passed
    record(users["sanne"], promise, passed=True, days_ago=350)  # expires soon
    record(users["pieter"], promise, passed=True, days_ago=400)  # expired
    record(users["lotte"], promise, passed=False, days_ago=2)  # failed
    record(users["kees"], handover, passed=False, days_ago=3)
    record(users["kees"], handover, passed=True, days_ago=1, score=100)
    record(users["sanne"], addressing, passed=True, days_ago=30)
    LessonProgress.objects.create(
        user=users["fatima"], module=promise, lesson_id=promise.lesson_ids()[0]
    )  # in progress
