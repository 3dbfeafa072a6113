"""The library stays within a fixed number of queries however many materials it holds; downloads stream flat."""

import gc
import hashlib
import io
import os
import tracemalloc
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PillowImage
from taggit.models import Tag
from wagtail.images.models import Image

from materials import factories
from materials.models import Download, Format, MaterialPage, MaterialTopic, MaterialVersion
from materials.storage import private_storage

# Request overhead (session, user, site, the page and its route, restrictions, membership, brand) plus the
# library's own fixed cost (topic choices, count, the page of materials, thumbnails and their renditions, topics).
LIBRARY_BUDGET = 12
# Every variant of the library page a partner uses: plain, further pages, search, filters, "new".
VARIANTS = ["", "?pagina=2", "?q=materiaal", "?topic=reizen&format=folder&language=nl", "?new=on"]
MB = 1024 * 1024


@pytest.fixture
def thumbnail(db):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 40), "#0b5cad").save(buffer, format="PNG")
    return Image.objects.create(title="Miniatuur", file=ImageFile(buffer, name="miniatuur.png"))


@pytest.fixture
def add_materials(library, partner_a, partner_b, thumbnail):
    """Add materials quickly: one shared document, pages one by one (Wagtail's tree), the rest in bulk.

    A mix of what a real library holds: thumbnails, topics, audiences (some for the other partner kind).
    """
    document = factories.document("Gedeeld")
    topics = [Tag.objects.get_or_create(name=name, slug=name.lower())[0] for name in ["Reizen", "Zorg", "Bezorgen"]]
    kinds_a, kinds_b = list(partner_a.kinds.all()), list(partner_b.kinds.all())
    added = 0

    def add(count):
        nonlocal added
        now = timezone.now()
        pages = [
            library.add_child(
                instance=MaterialPage(
                    title=f"Materiaal {number}",
                    slug=f"materiaal-{number}",
                    summary=f"Alles over materiaal {number}.",
                    version_label="1",
                    document=document,
                    thumbnail=thumbnail if number % 2 else None,
                    format=Format.POSTER if number % 4 == 0 else Format.FOLDER,
                    live=True,
                )
            )
            for number in range(added, added + count)
        ]
        MaterialVersion.objects.bulk_create(
            MaterialVersion(
                material=page,
                label="1",
                document=document,
                file_hash=document.file_hash,
                published_at=now - timedelta(hours=number),  # the newest month counts as new
            )
            for number, page in enumerate(pages, start=added)
        )
        MaterialTopic.objects.bulk_create(
            MaterialTopic(content_object=page, tag=topics[number % len(topics)])
            for number, page in enumerate(pages, start=added)
        )
        through = MaterialPage.audiences.through
        through.objects.bulk_create(
            through(materialpage=page, partnerkind=kind)
            for number, page in enumerate(pages, start=added)
            for kind in (kinds_a if number % 5 == 1 else kinds_b if number % 5 == 2 else [])
        )
        added += count

    return add


@pytest.fixture(autouse=True)
def _small_pages(settings):
    """Five materials a page, so that page 2 exists at both sizes and is measured with materials on it."""
    settings.MATERIALS_PER_PAGE = 5


def library_queries(client, url):
    """The SQL of one library request, after a warm-up request (site-root-paths cache, first rendition)."""
    assert client.get(url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert "material-card__title" in response.content.decode(), f"{url} shows no materials, so measures too little"
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("materials", [10, 1000])
def test_library_query_budget(client, django_assert_max_num_queries, library, staff_a, add_materials, materials):
    add_materials(materials)
    assert MaterialPage.objects.available(staff_a).count() == materials * 4 // 5
    client.force_login(staff_a)
    counts = {variant or "(plain)": len(library_queries(client, library.url + variant)) for variant in VARIANTS}

    with django_assert_max_num_queries(LIBRARY_BUDGET):
        response = client.get(library.url)

    assert response.status_code == HTTPStatus.OK
    assert all(count <= LIBRARY_BUDGET for count in counts.values()), counts


def test_library_queries_do_not_grow_with_the_number_of_materials(client, library, staff_a, add_materials):
    add_materials(10)
    client.force_login(staff_a)
    small = {variant: library_queries(client, library.url + variant) for variant in VARIANTS}

    add_materials(990)
    large = {variant: library_queries(client, library.url + variant) for variant in VARIANTS}

    for variant in VARIANTS:
        assert len(large[variant]) == len(small[variant]), (variant, "\n\n".join(large[variant]))


# ---------------------------------------------------------------------------
# Streaming memory
# ---------------------------------------------------------------------------


def rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.fixture
def large_material(library):
    """A material whose file is 200 MB of random bytes in the private storage; removed afterwards."""
    material = factories.material(library, "Instructievideo", doc=factories.document("Video", b"x", name="video.mp4"))
    path = Path(private_storage.path(material.document.file.name))
    block = os.urandom(MB)
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        for _ in range(200):
            handle.write(block)
            digest.update(block)
    del block
    yield material, 200 * MB, digest.hexdigest()
    private_storage.delete(material.document.file.name)
    assert not path.exists()


def test_a_large_download_streams_in_flat_memory(staff_client, library, large_material):
    material, size, expected_digest = large_material
    small = factories.material(library, "Folder")
    # Warm-up: the first download imports and caches what every download needs.
    assert b"".join(staff_client.get(f"/materialen/{small.pk}/download/").streaming_content)
    gc.collect()

    rss_before = rss_bytes()
    rss_peak = rss_before
    tracemalloc.start()
    try:
        traced_before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        response = staff_client.get(f"/materialen/{material.pk}/download/")
        assert response.status_code == HTTPStatus.OK
        received = 0
        chunks = 0
        digest = hashlib.sha256()
        for chunk in response.streaming_content:
            received += len(chunk)
            digest.update(chunk)
            chunks += 1
            if chunks % 1000 == 0:
                rss_peak = max(rss_peak, rss_bytes())
        # (The test client closes the response when its content is used up; closing it again here would fire
        # request_finished and drop the test's database connection on PostgreSQL.)
        rss_peak = max(rss_peak, rss_bytes())
        _, traced_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert received == size
    assert digest.hexdigest() == expected_digest
    assert chunks > 1, "the file came in one piece, not streamed"
    assert traced_peak - traced_before < 20 * MB, (
        f"Python allocations grew by {(traced_peak - traced_before) / MB:.1f} MB"
    )
    assert rss_peak - rss_before < 20 * MB, f"RSS grew by {(rss_peak - rss_before) / MB:.1f} MB"
    assert Download.objects.filter(material=material).count() == 1
