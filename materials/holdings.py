"""What partners hold: downloads of versions that are still current, and versions that were replaced or withdrawn.

Someone holds a replaced or withdrawn version when they downloaded it and did not fetch the material's current
version afterwards (or the current version of the material that replaced it). Counted in the database for many
partners at once.
"""

from django.db.models import Count, Exists, OuterRef, Q

from .models import Download

CURRENT = Q(version__superseded_at__isnull=True, version__withdrawn_at__isnull=True)


def downloads(partner_ids=None, since=None):
    rows = Download.objects.filter(partner__isnull=False)
    if partner_ids is not None:
        rows = rows.filter(partner_id__in=partner_ids)
    return rows if since is None else rows.filter(downloaded_at__gte=since)


def renewed():
    """For a download: its downloader has since fetched the current version of the material or of its replacement."""
    return Exists(
        Download.objects.filter(CURRENT, user=OuterRef("user")).filter(
            Q(material=OuterRef("material")) | Q(material=OuterRef("material__replaced_by"))
        )
    )


def outdated_held(rows):
    """The downloads among these of a version no longer current, whose downloader has not fetched the current one."""
    return rows.exclude(CURRENT).filter(~renewed())


def figures(partner_ids, recent_since, held_since):
    """{partner id: (recent downloads of a version still current, recent downloads, materials of which someone
    holds an outdated version, materials downloaded)}, recent since `recent_since`, held since `held_since` (the
    earlier), in one query."""
    recent = Q(downloaded_at__gte=recent_since)
    rows = (
        downloads(partner_ids, held_since)
        .values("partner_id")
        .annotate(
            current=Count("pk", filter=recent & CURRENT),
            recent=Count("pk", filter=recent),
            outdated=Count("material_id", distinct=True, filter=~CURRENT & ~renewed()),
            materials=Count("material_id", distinct=True),
        )
        .order_by()
    )
    return {row["partner_id"]: (row["current"], row["recent"], row["outdated"], row["materials"]) for row in rows}


def outdated_versions(partner, since=None):
    """The versions this partner's people still hold outdated, with their materials and replacements (one query)."""
    rows = outdated_held(downloads([partner.pk], since)).select_related("version", "material", "material__replaced_by")
    versions = {}
    for download in rows.order_by("material__title", "-downloaded_at"):
        versions.setdefault(download.version_id, download.version)
        versions[download.version_id].material = download.material
    return list(versions.values())
