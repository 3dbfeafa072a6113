import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voice.highlight import line_and_column
from voice.messages import message, report_data
from voice.models import Severity
from voice.rules import address_settings, check


def summary(report):
    counts = report_data(report)["counts"]
    return _("Gevonden vorm: %(detected)s; getoetst op: %(form)s; %(errors)s, %(warnings)s, %(advice)s.") % {
        "detected": report.detected,
        "form": report.form or "-",
        "errors": ngettext("%(count)d fout", "%(count)d fouten", counts["error"]) % {"count": counts["error"]},
        "warnings": ngettext("%(count)d waarschuwing", "%(count)d waarschuwingen", counts["warning"])
        % {"count": counts["warning"]},
        "advice": ngettext("%(count)d advies", "%(count)d adviezen", counts["advice"]) % {"count": counts["advice"]},
    }


class Command(BaseCommand):
    help = "Toets een tekst op u/jij en de woordregels van het merk. Leest stdin zonder bestand; exit 1 bij fouten."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Tekstbestand (UTF-8); zonder bestand wordt stdin gelezen.")
        parser.add_argument(
            "--form", choices=["u", "jij", "auto"], default="auto", help="Aanspreekvorm (standaard: auto)."
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="Geef het rapport als JSON.")

    def handle(self, *args, file=None, form="auto", as_json=False, **options):
        text = self.read(file)
        report = check(text, form, address_settings())
        if as_json:
            self.stdout.write(json.dumps(report_data(report), ensure_ascii=False, indent=2))
        else:
            self.print_findings(text, report, file or "stdin")
        if report.errors:
            sys.exit(1)

    def read(self, file):
        if not file:
            return sys.stdin.read()
        try:
            with open(file, encoding="utf-8") as handle:
                return handle.read()
        except FileNotFoundError as error:
            raise CommandError(_("Het bestand %(file)s bestaat niet.") % {"file": file}) from error
        except IsADirectoryError as error:
            raise CommandError(_("%(file)s is een map, geen tekstbestand.") % {"file": file}) from error
        except OSError as error:
            raise CommandError(_("Kan %(file)s niet lezen (geen toegang?).") % {"file": file}) from error
        except UnicodeDecodeError as error:
            raise CommandError(_("%(file)s is geen UTF-8-tekst.") % {"file": file}) from error

    def print_findings(self, text, report, name):
        for finding in report.findings:
            line, column = line_and_column(text, finding.start)
            suggestion = f" → {finding.suggestion}" if finding.suggestion else ""
            severity = Severity(finding.severity).label
            self.stdout.write(f"{name}:{line}:{column}: {severity}: ‘{finding.text}’: {message(finding)}{suggestion}")
        self.stdout.write(summary(report))
