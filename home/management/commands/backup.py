import json
import os
import sqlite3
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from home.management import backup_archive


def dump_sqlite(path):
    """SQLite's backup API copies a consistent snapshot even while the portal writes; a file copy may not."""
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)


def dump_postgres(path):
    backup_archive.run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={path}")


DUMPERS = {"sqlite": dump_sqlite, "postgresql": dump_postgres}


def manifest(engine, folders):
    """What restore checks before it changes anything, and what tells a person which backup this is."""
    applied = sorted(MigrationRecorder(connection).applied_migrations())
    return {
        "format": backup_archive.FORMAT,
        "engine": engine,
        "created": timezone.now().isoformat(timespec="seconds"),
        "applied_migrations": len(applied),
        # Sorted by name, so each app's last migration is the one that stays.
        "last_migrations": dict(applied),
        "media": folders,
    }


def files_and_folders_only(member):
    """A link could point outside the media roots, so it stays out (restore would refuse it anyway)."""
    return member if member.isfile() or member.isdir() else None


def write_archive(output, files, roots):
    """A half-written archive never carries the final name; mkstemp makes it 0600, as it holds personal data."""
    descriptor, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    try:
        with open(descriptor, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                for path in files:
                    tar.add(path, arcname=path.name)
                for folder, root in roots.items():
                    tar.add(root, arcname=folder, filter=files_and_folders_only)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, output)
    except BaseException:
        os.unlink(temporary)
        raise


class Command(BaseCommand):
    help = "Schrijft de database, de media en de privé-documenten naar één archief (.tar.gz, alleen voor de eigenaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Pad van het archief (standaard backups/portal-<datum>-<tijd>.tar.gz)."
        )

    def handle(self, *args, output=None, **options):
        engine = backup_archive.engine()
        output = output or settings.BASE_DIR / "backups" / f"portal-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        roots = self.media_on_disk()
        output.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=output.parent, prefix=".staging-") as staging:
            dump = Path(staging) / backup_archive.DUMPS[engine]
            DUMPERS[engine](dump)
            about = Path(staging) / backup_archive.MANIFEST
            about.write_text(json.dumps(manifest(engine, sorted(roots)), indent=2))
            write_archive(output, [about, dump], roots)
        self.stdout.write(self.style.SUCCESS(_("Back-up geschreven naar %(path)s.") % {"path": output}))

    def media_on_disk(self):
        roots = backup_archive.media_roots()
        if len(roots) < len(backup_archive.MEDIA):
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "De media staan in object storage, niet op deze schijf: dit archief bevat alleen de database. "
                        "Het versiebeheer van de bucket is de back-up van de media."
                    )
                )
            )
        # A root that does not exist yet has nothing uploaded to it.
        return {folder: root for folder, root in roots.items() if root.is_dir()}
