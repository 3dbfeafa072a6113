from django.core.management.base import BaseCommand

from recognition.standing import refresh, take_snapshot


class Command(BaseCommand):
    help = "Legt het niveau van elke partner vast (wijzigingen worden gemeld) en de stand van deze maand; dagelijks."

    def handle(self, *args, **options):
        changes = refresh()
        partners = take_snapshot()
        self.stdout.write(f"{len(changes)} niveauwijziging(en); maandstand van {partners} partner(s) vastgelegd.")
