from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from training.reminders import send_reminders
from training.tasks import send_training_reminders


class Command(BaseCommand):
    help = "Email people whose required modules are missing, expiring or expired, and digests to their managers."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue the work as a task instead of doing it now.")

    def handle(self, *args, queue=False, **options):
        if queue:
            result = send_training_reminders.enqueue()
            self.stdout.write(_("In de wachtrij gezet: %(id)s") % {"id": result.id})
            return
        summary = send_reminders()
        self.stdout.write(
            _("%(personal)d herinneringen en %(digests)d overzichten verstuurd.")
            % {"personal": summary.personal, "digests": summary.digests}
        )
        if summary.failed:
            raise CommandError(
                _("%(failed)d e-mails konden niet worden verstuurd; zie het log. Een volgende run probeert ze opnieuw.")
                % {"failed": summary.failed}
            )
