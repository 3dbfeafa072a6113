"""Backup and restore: a real round trip through manage.py into a fresh database, and the archives restore refuses.

The round trips run manage.py in subprocesses against their own databases and media folders, as an operator
would; the refusals run in-process, as they must fail before touching a database.
"""

import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
# Nothing from the test run's own environment may point a portal elsewhere.
OWN_SETTINGS = ("DJANGO", "DATABASE_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "TEST_", "AWS_", "REDIS_URL", "PG")
CLEAN_ENVIRONMENT = {key: value for key, value in os.environ.items() if not key.startswith(OWN_SETTINGS)}

# A person, a partner, an image and a private document: rows and a file in each media folder. (seed_demo would
# add some 6 s per database; the SQLite copy is byte for byte anyway, and pg_dump does not care how rich it is.)
SOME_DATA = """
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Collection

from accounts.models import User
from materials.models import PrivateDocument
from partners.models import Partner

User.objects.create_user("sanne@vandijk.example", "Partnerportaal-2026", first_name="Sanne")
Partner.objects.create(name="Van Dijk Assurantiën", slug="van-dijk", city="Utrecht")
logo = BytesIO()
Picture.new("RGB", (4, 2), "#0a5").save(logo, "PNG")
Image.objects.create(title="Logo Van Dijk", file=ImageFile(logo, name="logo.png"))
PrivateDocument.objects.create(
    title="Polisvoorwaarden",
    file=ContentFile(b"%PDF-1.4 polisvoorwaarden", name="polisvoorwaarden.pdf"),
    collection=Collection.get_first_root_node(),
)
"""
FILES = {"media/original_images/logo.png", "private-media/documents/polisvoorwaarden.pdf"}
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


@dataclass
class Portal:
    """One installation with its own database and media folders, worked through manage.py."""

    database_url: str
    folder: Path

    @property
    def media_roots(self):
        return [self.folder / "media", self.folder / "private-media"]

    def manage(self, *args, check=True, **variables):
        environment = {
            **CLEAN_ENVIRONMENT,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_roots[0]),
            "PRIVATE_MEDIA_ROOT": str(self.media_roots[1]),
            **variables,
        }
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def data(self):
        records = json.loads(self.manage("dumpdata").stdout)
        return sorted(records, key=lambda record: (record["model"], json.dumps(record["pk"])))

    def files(self):
        return {
            path.relative_to(self.folder).as_posix(): path.read_bytes()
            for root in self.media_roots
            for path in root.rglob("*")
            if path.is_file()
        }


def sqlite_portal(folder):
    return Portal(f"sqlite:///{folder / 'db.sqlite3'}", folder)


def fill(portal):
    portal.manage("migrate", "--no-input")
    portal.manage("shell", "--no-imports", "-c", SOME_DATA)
    return portal


@pytest.fixture(scope="module")
def postgres_databases():
    """Names for a source and a target database on the local PostgreSQL (as in CI); None when it is not running."""
    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        yield None
        return
    names = [f"portal_backup_{role}_{uuid.uuid4().hex[:12]}" for role in ("source", "target")]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        for name in names:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield [f"{POSTGRES}/{name}" for name in names]
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        for name in names:
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def sources(tmp_path_factory, postgres_databases):
    """The installations to back up, filled side by side: their migrate is most of this file's time."""
    portals = {"sqlite": sqlite_portal(tmp_path_factory.mktemp("sqlite-source"))}
    if postgres_databases:
        portals["postgresql"] = Portal(postgres_databases[0], tmp_path_factory.mktemp("postgresql-source"))
    with ThreadPoolExecutor() as pool:
        list(pool.map(fill, portals.values()))
    return portals


@pytest.fixture(scope="module")
def sqlite_source(sources):
    return sources["sqlite"]


@pytest.fixture(scope="module")
def sqlite_archive(sqlite_source, tmp_path_factory):
    archive = tmp_path_factory.mktemp("backups") / "portal.tar.gz"
    sqlite_source.manage("backup", "--output", str(archive))
    return archive


def test_restore_into_a_fresh_sqlite_database_brings_back_the_same_data_and_files(
    sqlite_source, sqlite_archive, tmp_path
):
    fresh = sqlite_portal(tmp_path / "not-there-yet")

    fresh.manage("restore", str(sqlite_archive))

    assert fresh.data() == sqlite_source.data()
    assert set(fresh.files()) == FILES
    assert fresh.files() == sqlite_source.files()


def test_the_archive_is_for_its_owner_only_and_says_what_it_holds(sqlite_archive):
    assert stat.S_IMODE(sqlite_archive.stat().st_mode) == 0o600
    assert list(sqlite_archive.parent.iterdir()) == [sqlite_archive], "no temporary file is left beside it"
    with tarfile.open(sqlite_archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        folders = {name.split("/")[0] for name in tar.getnames()}
    assert folders == {"manifest.json", "database.sqlite3", "media", "private-media"}
    assert manifest["format"] == 1
    assert manifest["engine"] == "sqlite"
    assert manifest["applied_migrations"] > 100
    assert manifest["last_migrations"]["home"].startswith("0001")


def test_restore_refuses_a_database_that_has_tables_without_force(sqlite_source, sqlite_archive):
    database = sqlite_source.folder / "db.sqlite3"
    before = database.read_bytes()

    result = sqlite_source.manage("restore", str(sqlite_archive), check=False)

    assert result.returncode != 0
    assert "De database heeft al tabellen. Gebruik --force" in result.stderr
    assert "Er is niets veranderd." in result.stderr
    assert database.read_bytes() == before


def test_with_the_media_on_object_storage_the_archive_holds_the_database_only_and_says_so(sqlite_source, tmp_path):
    archive = tmp_path / "portal.tar.gz"

    result = sqlite_source.manage("backup", "--output", str(archive), AWS_STORAGE_BUCKET_NAME="portaal-media")

    assert "De media staan in object storage" in result.stdout
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["database.sqlite3", "manifest.json"]


def member(name, data=b"", kind=tarfile.REGTYPE, target=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    info.size = len(data)
    return info, data


def write_archive(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data))
    return path


def archive_with(*extra, engine=None, dump=b"not a database", last_migrations=None):
    """The members of a well-formed archive for the configured database, plus `extra`."""
    manifest = {"format": 1, "engine": engine or connection.vendor, "media": ["media"]}
    manifest = json.dumps({**manifest, "last_migrations": last_migrations or {"home": "0001_initial"}}).encode()
    return [member("manifest.json", manifest), member(DUMP_NAMES[connection.vendor], dump), *extra]


def restore(archive, *args):
    with translation.override("nl"):
        call_command("restore", str(archive), *args)


@pytest.fixture
def media_deep_down(settings, tmp_path):
    """Media roots two folders down, so anything that got past `..` would still land where the test looks."""
    settings.MEDIA_ROOT = tmp_path / "site" / "portal" / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "site" / "portal" / "private-media"},
        },
    }


@pytest.mark.parametrize(
    ("name", "kind", "target"),
    [
        ("../evil", tarfile.REGTYPE, ""),
        ("media/../../evil", tarfile.REGTYPE, ""),
        ("{tmp_path}/evil", tarfile.REGTYPE, ""),
        ("media/evil", tarfile.SYMTYPE, "/etc/passwd"),
        ("media/evil", tarfile.LNKTYPE, "manifest.json"),
        ("static/evil.js", tarfile.REGTYPE, ""),
    ],
    ids=["parent", "parent inside media", "absolute", "symlink", "hard link", "unknown folder"],
)
def test_restore_refuses_members_outside_the_media_folders_and_writes_nothing(
    name, kind, target, tmp_path, media_deep_down
):
    evil = member(name.format(tmp_path=tmp_path), kind=kind, target=target)
    archive = write_archive(tmp_path / "portal.tar.gz", archive_with(evil))

    with pytest.raises(CommandError, match=r"onveilig of onverwacht bestand: .*evil.* Er is niets veranderd\."):
        restore(archive)

    assert list(tmp_path.rglob("*")) == [archive]


def other_engine():
    return "postgresql" if connection.vendor == "sqlite" else "sqlite"


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        (lambda: archive_with(engine=other_engine()), r"back-up van een \w+-database; de ingestelde database is"),
        (lambda: archive_with()[1:], r"Het archief heeft geen manifest\.json\."),
        (lambda: archive_with()[:1], r"Het archief heeft geen database\.\w+\."),
        (lambda: archive_with(), r"De database in het archief is beschadigd\.|pg_restore is mislukt"),
        (
            lambda: archive_with(last_migrations={"home": "0001_initial", "training": "9999_uit_de_toekomst"}),
            r"nieuwere versie van het portaal: migratie training\.9999_uit_de_toekomst bestaat hier niet\.",
        ),
    ],
    ids=["other engine", "no manifest", "no database", "damaged database", "newer code"],
)
def test_restore_refuses_an_archive_it_cannot_use(contents, message, tmp_path):
    archive = write_archive(tmp_path / "portal.tar.gz", contents())

    with pytest.raises(CommandError, match=rf"(?s){message}.* Er is niets veranderd\."):
        restore(archive)


def test_restore_refuses_a_missing_truncated_or_foreign_file(tmp_path):
    with pytest.raises(CommandError, match=r"bestaat niet\. Er is niets veranderd\."):
        restore(tmp_path / "missing.tar.gz")

    whole = write_archive(tmp_path / "whole.tar.gz", archive_with(dump=os.urandom(200_000))).read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    foreign = tmp_path / "foreign.tar.gz"
    foreign.write_text("Dit is geen archief.")
    for path in (truncated, foreign):
        with pytest.raises(CommandError, match=r"geen leesbaar back-up-archief .* Er is niets veranderd\."):
            restore(path)


def test_restore_into_a_fresh_postgresql_database_brings_back_the_same_data_and_files(
    sources, postgres_databases, tmp_path
):
    if not postgres_databases:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    source, target = sources["postgresql"], Portal(postgres_databases[1], tmp_path)
    archive = tmp_path / "portal.tar.gz"
    source.manage("backup", "--output", str(archive))

    target.manage("restore", str(archive))

    assert target.data() == source.data()
    assert set(target.files()) == FILES
    assert target.files() == source.files()

    # With --force, pg_restore --clean replaces what the database holds now by the archive's data.
    with psycopg.connect(postgres_databases[1], autocommit=True) as database:
        database.execute("UPDATE partners_partner SET name = 'Gewijzigd'")
    target.manage("restore", "--force", str(archive))
    with psycopg.connect(postgres_databases[1]) as database:
        assert database.execute("SELECT name FROM partners_partner").fetchall() == [("Van Dijk Assurantiën",)]
