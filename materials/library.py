"""The library as partners see it: what is available to them, searched, filtered, newest first, paged.

Also the public summary for the dashboard (`dashboard_summary`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery, Window
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from taggit.models import Tag
from wagtail.images import get_image_model

from partners.access import current_membership
from partners.audience_cache import cached_for_partner

from .forms import LibraryFilterForm
from .models import LibraryVisit, MaterialPage, MaterialTopic, MaterialVersion
from .versions import open_notices

SINCE_SESSION_KEY = "materials_new_since"
VISIT_SESSION_KEY = "materials_visit_recorded"
# Someone who never opened the library sees the materials of the last month as new.
FIRST_VISIT_WINDOW = timedelta(days=30)
# The same spec as in includes/material_card.html, so the prefetched renditions are the ones used.
THUMBNAIL_SPEC = "fill-480x300"
SEARCH_LIMIT = 1000


def with_version_date(queryset):
    current = MaterialVersion.objects.filter(material=OuterRef("pk"), superseded_at__isnull=True)
    return queryset.annotate(version_date=Subquery(current.values("published_at")[:1]))


def new_since(request, *, record=False):
    """The moment after which a material counts as new for this person.

    It is read once per session from their last visit to the library and kept in the session, so "new since my
    last visit" stays the same while someone browses. Opening the library (`record=True`) stores this visit for
    the next session.
    """
    stored = request.session.get(SINCE_SESSION_KEY)
    if stored is None:
        visit = LibraryVisit.objects.filter(user=request.user).first()
        since = visit.seen_at if visit else timezone.now() - FIRST_VISIT_WINDOW
        request.session[SINCE_SESSION_KEY] = since.isoformat()
    else:
        since = parse_datetime(stored)
    if record and not request.session.get(VISIT_SESSION_KEY):
        LibraryVisit.objects.update_or_create(user=request.user, defaults={"seen_at": timezone.now()})
        request.session[VISIT_SESSION_KEY] = True
    return since


def topic_choices(request, materials):
    """The topics of the materials this person may see, worked out once per partner and content generation."""
    membership = current_membership(request.user)

    def topics():
        used = MaterialTopic.objects.filter(content_object__in=materials.values("pk")).values("tag_id")
        return [(tag.slug, tag.name) for tag in Tag.objects.filter(pk__in=used).order_by("name")]

    return cached_for_partner("materials:topics", membership.partner_id if membership else None, topics)


def search_ids(index_page, query):
    results = MaterialPage.objects.live().descendant_of(index_page).search(query, operator="and")
    return [page.pk for page in results[:SEARCH_LIMIT]]


def counted_page(queryset, number, per_page):
    """One page of the queryset, its total counted in the same query (a window function, no separate COUNT).

    A page number that is not a number gives the first page; one past the end gives an empty page.
    """
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(total_count=Window(Count("pk")))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    paginator = Paginator(queryset, per_page)
    # Paginator.count is a cached property: fill it from the window function (or count past the last page).
    paginator.__dict__["count"] = rows[0].total_count if rows else (queryset.count() if number > 1 else 0)
    return Page(rows, number, paginator)


def library_context(request, index_page):
    since = new_since(request, record=request.user.is_authenticated and request.method == "GET")
    materials = MaterialPage.objects.child_of(index_page).available(request.user)
    form = LibraryFilterForm(request.GET or None, topics=topic_choices(request, materials))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            materials = materials.filter(pk__in=search_ids(index_page, data["q"]))
        if data["topic"]:
            materials = materials.filter(topics__slug=data["topic"])
        if data["format"]:
            materials = materials.filter(format=data["format"])
        if data["language"]:
            materials = materials.filter(language=data["language"])
    materials = with_version_date(materials)
    if form.is_valid() and form.cleaned_data["new"]:
        materials = materials.filter(version_date__gt=since)
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_SPEC)
    materials = (
        materials.select_related("document", "thumbnail")
        .prefetch_related(Prefetch("thumbnail__renditions", queryset=renditions, to_attr="prefetched_renditions"))
        .order_by("-version_date", "-pk")
    )
    page = counted_page(materials, request.GET.get("pagina"), settings.MATERIALS_PER_PAGE)
    return {
        "form": form,
        "materials": page,
        "new_since": since,
        "past_the_end": not page.object_list and page.number > 1,
        "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        "query_string": form.query_string() if form.is_bound and form.is_valid() else "",
    }


def newest_available(request, count):
    """The `count` newest materials this person's partner may download today, newest first, as plain data."""
    membership = current_membership(request.user)
    today = timezone.localdate()  # a material's validity starts and ends with a day, without any publishing

    def newest():
        materials = with_version_date(MaterialPage.objects.available(request.user)).filter(version_date__isnull=False)
        materials = materials.order_by("-version_date", "-pk")  # (PostgreSQL would put a missing date first)
        return [
            {
                "title": material.title,
                "url": material.get_url(request),
                "version_label": material.version_label,
                "version_date": material.version_date,
            }
            for material in materials[:count]
        ]

    return cached_for_partner(f"materials:newest:{today}", membership.partner_id if membership else None, newest)


def dashboard_summary(request, limit=5):
    """New materials since this person last opened the library, and their open notices about outdated versions."""
    if not request.user.is_authenticated:
        return None
    since = new_since(request)
    # The newest few for the whole partner (cached); the new ones among them are the newest of the new ones.
    new = [material for material in newest_available(request, limit + 1) if material["version_date"] > since]
    return {
        "new": new[:limit],
        "more_new": len(new) > limit,
        "notices": list(open_notices(request.user)),
    }
