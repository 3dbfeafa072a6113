import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from contextlib import closing, contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from home.management import backup_archive

# How a damaged or foreign file fails while it is read (json's errors are ValueErrors).
UNREADABLE = (OSError, EOFError, ValueError, tarfile.TarError, zlib.error)


@contextmanager
def nothing_changed(path):
    """Every refusal is raised in here, before the database or a media file changed, and says so."""
    unchanged = _("Er is niets veranderd.")
    try:
        yield
    except CommandError as error:
        raise CommandError(f"{error} {unchanged}") from error
    except UNREADABLE as error:
        message = _("%(path)s is geen leesbaar back-up-archief (%(error)s).") % {"path": path, "error": error}
        raise CommandError(f"{message} {unchanged}") from error


def is_safe(member):
    """Only plain files and folders under the archive's own names: no absolute paths, no `..`, no links."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts:
        return False
    if member.name in {backup_archive.MANIFEST, *backup_archive.DUMPS.values()}:
        return member.isfile()
    return path.parts[:1] in {(folder,) for folder in backup_archive.MEDIA} and (member.isfile() or member.isdir())


def read_manifest(tar, engine):
    names = set(tar.getnames())
    if backup_archive.MANIFEST not in names:
        raise CommandError(_("Het archief heeft geen %(name)s.") % {"name": backup_archive.MANIFEST})
    manifest = json.load(tar.extractfile(backup_archive.MANIFEST))
    if not isinstance(manifest, dict) or manifest.get("format") != backup_archive.FORMAT:
        raise CommandError(
            _("Dit is geen back-up van het portaal in formaat %(format)s.") % {"format": backup_archive.FORMAT}
        )
    if manifest.get("engine") != engine:
        raise CommandError(
            _("Dit archief is een back-up van een %(archived)s-database; de ingestelde database is %(configured)s.")
            % {"archived": manifest.get("engine"), "configured": engine}
        )
    if backup_archive.DUMPS[engine] not in names:
        raise CommandError(_("Het archief heeft geen %(name)s.") % {"name": backup_archive.DUMPS[engine]})
    unknown = newer_migrations(manifest.get("last_migrations", {}))
    if unknown:
        raise CommandError(
            _("Dit archief komt van een nieuwere versie van het portaal: migratie %(migration)s bestaat hier niet.")
            % {"migration": unknown[0]}
        )
    return manifest


def newer_migrations(last_migrations):
    """The archive's migrations this code does not have: its data may not fit these tables (read from disk only)."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    installed = {config.label for config in apps.get_app_configs()}
    archived = sorted(last_migrations.items())
    return [f"{app}.{name}" for app, name in archived if app in installed and (app, name) not in known]


def verify_sqlite(dump):
    try:
        with closing(sqlite3.connect(dump)) as database:
            healthy = database.execute("PRAGMA quick_check").fetchone() == ("ok",)
    except sqlite3.DatabaseError:
        healthy = False
    if not healthy:
        raise CommandError(_("De database in het archief is beschadigd."))


def verify_postgres(dump):
    """Reading the table of contents needs no connection and refuses a dump that is not one."""
    backup_archive.run_postgres_tool("pg_restore", "--list", str(dump))


def has_tables():
    """A SQLite file that is not there yet has none, and connecting to it would create it."""
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return False
    return bool(connection.introspection.table_names())


def restore_sqlite(dump):
    """One rename swaps the whole file, so the database is either the old one or the restored one."""
    target = Path(connection.settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.restoring")
    try:
        shutil.copyfile(dump, temporary)
        for journal in ("-journal", "-wal", "-shm"):
            # SQLite would replay the old database's journal into the restored one.
            Path(f"{target}{journal}").unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def restore_postgres(dump):
    """One transaction: pg_restore replaces everything in the dump or, on any error, leaves the database as it was."""
    backup_archive.run_postgres_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        # An empty connection URI: libpq takes the database, like the rest, from the environment.
        "--dbname=postgresql://",
        str(dump),
    )


VERIFIERS = {"sqlite": verify_sqlite, "postgresql": verify_postgres}
RESTORERS = {"sqlite": restore_sqlite, "postgresql": restore_postgres}


def prepare(path, engine, staging):
    """Check the whole archive and stage its database dump, refusing what cannot be trusted."""
    if not path.is_file():
        raise CommandError(_("Het archief %(path)s bestaat niet.") % {"path": path})
    with tarfile.open(path, "r:gz") as tar:
        unsafe = [member.name for member in tar.getmembers() if not is_safe(member)]
        if unsafe:
            raise CommandError(
                _("Het archief bevat een onveilig of onverwacht bestand: %(name)s.") % {"name": unsafe[0]}
            )
        manifest = read_manifest(tar, engine)
        tar.extract(backup_archive.DUMPS[engine], staging, filter="data")
    dump = staging / backup_archive.DUMPS[engine]
    VERIFIERS[engine](dump)
    return manifest, dump


def members_in(tar, folder):
    """The safe members under `folder`, named relative to it so they extract straight into its media root."""
    for member in tar.getmembers():
        path = PurePosixPath(member.name)
        if is_safe(member) and path.parts[0] == folder and len(path.parts) > 1:
            yield member.replace(name=path.relative_to(folder).as_posix(), deep=False)


class Command(BaseCommand):
    help = "Zet een back-up-archief terug in de ingestelde database en mediamappen."
    # The system checks open the database (an empty SQLite file appears); nothing may, before the archive is checked.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Het archief van manage.py backup.")
        parser.add_argument("--force", action="store_true", help="Vervang ook een database die al tabellen heeft.")

    def handle(self, *args, archive, force=False, **options):
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as staging:
            with nothing_changed(archive):
                engine = backup_archive.engine()
                manifest, dump = prepare(archive, engine, Path(staging))
                if not force and has_tables():
                    raise CommandError(_("De database heeft al tabellen. Gebruik --force om de gegevens te vervangen."))
            connection.close()
            RESTORERS[engine](dump)
        self.stdout.write(
            _("Database teruggezet uit %(path)s (back-up van %(created)s).")
            % {"path": archive, "created": manifest.get("created")}
        )
        self.restore_media(archive, manifest.get("media", []))

    def restore_media(self, path, folders):
        roots = backup_archive.media_roots()
        if len(roots) < len(backup_archive.MEDIA):
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "De media staan in object storage: alleen de database is teruggezet. "
                        "Zet de media terug met het versiebeheer van de bucket."
                    )
                )
            )
        with tarfile.open(path, "r:gz") as tar:
            for folder, root in roots.items():
                if folder in folders:
                    root.mkdir(parents=True, exist_ok=True)
                    tar.extractall(root, members=members_in(tar, folder), filter="data")
                    self.stdout.write(_("Bestanden teruggezet in %(root)s.") % {"root": root})
