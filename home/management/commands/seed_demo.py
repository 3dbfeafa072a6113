import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from brand import demo as brand_demo
from home import demo as home_demo
from home.demo_scale import SIZES, Scale
from journeys import demo as journeys_demo
from journeys import demo_large as journeys_large
from journeys.models import FeedbackResponse
from materials import demo as materials_demo
from materials import demo_large as materials_large
from materials.models import Download, MaterialPage
from partners import audience_cache
from partners import demo as partners_demo
from partners import demo_large as partners_large
from partners.models import Membership, Partner
from recognition import demo as recognition_demo
from recognition import demo_large as recognition_large
from tools import demo as tools_demo
from tools import demo_large as tools_large
from tools.models import ChecklistRun, ToolUse
from training import demo as training_demo
from training import demo_large as training_large
from training.models import Attempt, Completion, TrainingModulePage
from voice import demo as voice_demo

# Floor order, except that home's site root comes before the feature apps whose pages hang below it.
BUILDERS = [
    accounts_demo,
    partners_demo,
    brand_demo,
    home_demo,
    training_demo,
    materials_demo,
    tools_demo,
    voice_demo,
    journeys_demo,
    recognition_demo,
]
# The benchmark set on top of the demo, in the same order; the sizes live in home/demo_scale.py.
LARGE_BUILDERS = [
    ("partners en mensen", partners_large),
    ("trainingen", training_large),
    ("materialen", materials_large),
    ("hulpmiddelen", tools_large),
    ("klantreizen", journeys_large),
    ("erkenning", recognition_large),
]
COUNTED = [
    ("partners", Partner),
    ("gebruikers", get_user_model()),
    ("lidmaatschappen", Membership),
    ("trainingsmodules", TrainingModulePage),
    ("toetspogingen", Attempt),
    ("behaalde modules", Completion),
    ("materialen", MaterialPage),
    ("downloads", Download),
    ("checklistrondes", ChecklistRun),
    ("gebruik van hulpmiddelen", ToolUse),
    ("klantfeedback", FeedbackResponse),
]


def seconds(duration):
    return f"{duration:.1f}".replace(".", ",") + " s"


def number(count):
    return f"{count:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Bouwt het demomerk met partners, accounts en pagina's; twee keer draaien kan geen kwaad. Met --size large "
        f"komt daar de benchmarkset bovenop ({number(SIZES['partners'][0])} partners, {number(SIZES['users'][0])} "
        "mensen en twee jaar geschiedenis); --scale 0.01 bouwt die in het klein, zoals de tests doen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ook draaien als DEBUG uit staat.")
        parser.add_argument(
            "--size",
            choices=["demo", "large"],
            default="demo",
            help="demo (standaard): alleen de demo; large: de demo plus de grote benchmarkset.",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Bij --size large: de schaal van de benchmarkset, van 0 tot en met 1 (standaard 1, de volle set).",
        )

    def handle(self, *args, force=False, size="demo", scale=1.0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo maakt demo-accounts met een bekend wachtwoord en draait daarom alleen met "
                "DEBUG aan. Gebruik --force als je dit echt wilt."
            )
        if not 0 < scale <= 1:
            raise CommandError("--scale moet groter zijn dan 0 en hoogstens 1.")
        context = {"brand_domain": "polderzorg.example", "logins": []}
        started = time.monotonic()
        with transaction.atomic():
            for builder in BUILDERS:
                builder.build(context)
        if size == "large":
            self.stdout.write(f"Demo: {seconds(time.monotonic() - started)}")
            self.build_large(context, Scale(scale))
            self.stdout.write(f"Totaal: {seconds(time.monotonic() - started)}")
        self.print_logins(context["logins"])

    def build_large(self, context, scale):
        if partners_large.is_built():
            self.stdout.write("De grote dataset is al aanwezig; er is niets bijgekomen.")
            return
        context["scale"] = scale
        with transaction.atomic():
            for label, builder in LARGE_BUILDERS:
                started = time.monotonic()
                builder.build(context)
                self.stdout.write(f"Grote dataset, {label}: {seconds(time.monotonic() - started)}")
        audience_cache.content_changed()  # pages were written without Wagtail's publish signals
        counts = ", ".join(f"{number(model.objects.count())} {label}" for label, model in COUNTED)
        self.stdout.write(f"In de database: {counts}.")

    def print_logins(self, logins):
        width = max(len(email) for email, _, _ in logins)
        role_width = max(len(str(role)) for _, role, _ in logins)
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {accounts_demo.DEMO_PASSWORD})")
        self.stdout.write(f"{'e-mailadres'.ljust(width)}  {'rol'.ljust(role_width)}  partner")
        for email, role, partner in logins:
            self.stdout.write(f"{email.ljust(width)}  {str(role).ljust(role_width)}  {partner}")
