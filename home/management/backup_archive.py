"""What the backup and restore commands share: the archive's layout, where the media live, how pg tools connect."""

import os
import shutil
import subprocess
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
# The database dump's name in the archive, per Django database vendor.
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Folder in the archive -> the storage (settings.STORAGES) whose files it holds.
MEDIA = {"media": "default", "private-media": "private"}
# libpq's environment variable -> the database setting it takes its value from.
PG_ENVIRONMENT = {"PGHOST": "HOST", "PGPORT": "PORT", "PGUSER": "USER", "PGPASSWORD": "PASSWORD", "PGDATABASE": "NAME"}


def engine():
    """The configured database's vendor, refused before anything happens when we cannot dump it."""
    if connection.vendor not in DUMPS:
        raise CommandError(
            _("Back-up en herstel kennen alleen SQLite en PostgreSQL, niet %(engine)s.") % {"engine": connection.vendor}
        )
    return connection.vendor


def media_roots():
    """The archive folders whose storage is on this disk; on object storage the bucket's versioning keeps them."""
    return {
        folder: Path(storages[alias].location)
        for folder, alias in MEDIA.items()
        if isinstance(storages[alias], FileSystemStorage)
    }


def postgres_environment():
    """The connection for pg_dump and pg_restore in libpq's variables, so no password shows in the process list."""
    database = connection.settings_dict
    # Django's dbshell hands over the SSL and service options this way; we add the rest.
    _arguments, options = connection.client.settings_to_cmd_args_env(database, [])
    chosen = {variable: str(database[key]) for variable, key in PG_ENVIRONMENT.items() if database.get(key)}
    return {**os.environ, **(options or {}), **chosen}


def run_postgres_tool(name, *arguments):
    executable = shutil.which(name)
    if not executable:
        raise CommandError(_("%(tool)s is niet gevonden; installeer de PostgreSQL-clientprogramma's.") % {"tool": name})
    # The arguments are ours (options and a file path); the connection goes through the environment.
    result = subprocess.run(  # noqa: S603
        [executable, *arguments], env=postgres_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise CommandError(_("%(tool)s is mislukt: %(error)s") % {"tool": name, "error": result.stderr.strip()})
