from django.core.management.base import BaseCommand

from training.reminders import send_reminders
from training.tasks import send_training_reminders


class Command(BaseCommand):
    help = "Email people whose required modules are missing, expiring or expired, and digests to their managers."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue the work as a task instead of doing it now.")

    def handle(self, *args, queue=False, **options):
        if queue:
            result = send_training_reminders.enqueue()
            self.stdout.write(f"In de wachtrij gezet: {result.id}")
            return
        personal, digests = send_reminders()
        self.stdout.write(f"{personal} herinneringen en {digests} overzichten verstuurd.")
