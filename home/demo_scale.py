"""What the benchmark data set (`seed_demo --size large`) shares: its sizes, seeded randomness, batches and
published pages in bulk.

The command hands a `Scale` to each app's `demo_large.build(context)` as `context["scale"]`, so the apps below
`home` use these helpers without importing upwards.
"""

import bisect
import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

# Totals in the database after seeding, the demo's own rows included: (full size, least at any scale). The least
# is more than one page of each paged list shows (partners 20 in the admin, materials 24 in the library).
SIZES = {
    "partners": (500, 30),
    "users": (10_000, 250),
    "modules": (40, 12),
    "attempts": (200_000, 600),  # completions included: each completion has its passed attempt
    "completions": (150_000, 400),
    "materials": (2_000, 45),
    "downloads": (300_000, 800),
    "checklist_runs": (50_000, 150),
    "calculations": (50_000, 150),
    "feedback": (100_000, 300),
}
HISTORY = timedelta(days=730)  # events spread over the last two years
BATCH_SIZE = 1_000
SEED = 2026


class Scale:
    """The size of the set (`factor` 1 is the full benchmark) and the moments its events fall between."""

    def __init__(self, factor=1.0, now=None):
        self.factor = factor
        self.now = now or timezone.now()
        self.start = self.now - HISTORY

    def size(self, name):
        full, least = SIZES[name]
        return max(least, round(full * self.factor))

    def missing(self, name, rows):
        """How many to add to these rows (a queryset) so that the database holds `size(name)` of them."""
        return max(0, self.size(name) - rows.count())

    def rng(self, part):
        """A random stream per part, so changing one part leaves the data of the others as it was."""
        return random.Random(f"{SEED}:{part}")  # noqa: S311  (made-up benchmark data, the same on every run)

    def moment(self, rng, start, end):
        """A moment between start and end (no earlier than the history's start)."""
        start = max(start, self.start)
        return start + (end - start) * rng.random() if end > start else end

    def picker(self, rng, population, weights):
        return weighted_picker(rng, population, weights)

    def bulk(self, model, rows):
        return model.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def index(self, model, objects):
        index_objects(model, objects)

    def refresh_statistics(self):
        """Tell PostgreSQL's planner how big the tables have become; autovacuum would, but only after the commit."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def add_pages(self, parent, pages, relate=None):
        return add_live_pages(parent, pages, relate)

    def backdate(self, pages, moment):
        backdate_pages(pages, moment)


def weighted_picker(rng, population, weights):
    """A function that picks from population by weight, in O(log n) a pick."""
    totals, running = [], 0.0
    for weight in weights:
        running += weight
        totals.append(running)

    def pick():
        return population[min(bisect.bisect(totals, rng.random() * running), len(population) - 1)]

    return pick


def index_objects(model, objects):
    """Add objects written in bulk to the search index, as saving them one by one would."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


def add_live_pages(parent, pages, relate=None):
    """Append published pages below `parent`, as `add_child` and `save_revision().publish()` would, in bulk.

    Each page comes with its own fields set (`first_published_at` and `last_published_at` too, else now);
    `relate(pages)` writes their relations once they have ids, before the revisions record them. Paths follow
    treebeard's numbering, so `Page.find_problems()` finds nothing; each page gets a live revision, the "create"
    and "publish" log entries, its search index entry and its references. No `page_published` signal is sent: the
    caller writes what its receivers would.
    """
    parent = Page.objects.get(pk=parent.pk)  # the numchild and last child as they are now
    last = parent.get_last_child()
    position = last._get_lastpos_in_path() if last else 0
    now = timezone.now()
    for page in pages:
        position += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, position)
        page.depth, page.numchild = parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at
        page.latest_revision_created_at = page.last_published_at
    base_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages], batch_size=BATCH_SIZE
    )
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
        page.save_base(raw=True, force_insert=True)  # the specific type's own row, as loaddata writes it
    if relate:
        relate(pages)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page_type,
                object_id=str(page.pk),
                created_at=page.last_published_at,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ],
        batch_size=BATCH_SIZE,
    )
    for page, base, revision in zip(pages, bases, revisions, strict=True):
        page.latest_revision = page.live_revision = base.latest_revision = base.live_revision = revision
    Page.objects.bulk_update(bases, ["latest_revision", "live_revision"], batch_size=BATCH_SIZE)
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page_id=page.pk,
                content_type_id=page.content_type_id,
                label=page.title,
                action=action,
                timestamp=moment,
                revision=revision,
                content_changed=True,
            )
            for page, live in zip(pages, revisions, strict=True)
            for action, moment, revision in [
                ("wagtail.create", page.first_published_at, None),
                ("wagtail.publish", page.last_published_at, live),
            ]
        ],
        batch_size=BATCH_SIZE,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    index_objects(type(pages[0]), pages)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    return pages


def backdate_pages(pages, moment):
    """Let pages (of the demo) have been live since `moment`, so the large set's history may use them."""
    ids = [page.pk for page in pages]
    Page.objects.filter(pk__in=ids, first_published_at__gt=moment).update(first_published_at=moment)
    Revision.objects.filter(pk__in=[page.live_revision_id for page in pages], created_at__gt=moment).update(
        created_at=moment
    )
