from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from brand import demo as brand_demo
from home import demo as home_demo
from journeys import demo as journeys_demo
from materials import demo as materials_demo
from partners import demo as partners_demo
from recognition import demo as recognition_demo
from tools import demo as tools_demo
from training import demo as training_demo
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


class Command(BaseCommand):
    help = "Build the demo brand, partners, accounts and pages. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo maakt demo-accounts met een bekend wachtwoord en draait daarom alleen met "
                "DEBUG aan. Gebruik --force als je dit echt wilt."
            )
        context = {"brand_domain": "polderzorg.example", "logins": []}
        with transaction.atomic():
            for builder in BUILDERS:
                builder.build(context)
        self.print_logins(context["logins"])

    def print_logins(self, logins):
        width = max(len(email) for email, _, _ in logins)
        role_width = max(len(str(role)) for _, role, _ in logins)
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {accounts_demo.DEMO_PASSWORD})")
        self.stdout.write(f"{'e-mailadres'.ljust(width)}  {'rol'.ljust(role_width)}  partner")
        for email, role, partner in logins:
            self.stdout.write(f"{email.ljust(width)}  {str(role).ljust(role_width)}  {partner}")
