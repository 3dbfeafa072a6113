"""What partners hold: downloads of versions that are still current, and versions that were replaced or withdrawn.

Someone holds a replaced or withdrawn version when they downloaded it and did not fetch the material's current
version afterwards (or the current version of the material that replaced it). Counted in the database for many partners at once.
"""

from django.db.models import Count, Exists, OuterRef, Q

from .models import Download

CURRENT = Q(version__superseded_at__isnull=True, version__withdrawn_at__isnull=True)


def downloads(partner_ids=None, since=None):
    rows = Download.objects.filter(partner__isnull=False)
    if partner_ids is not None:
        rows = rows.filter(partner_id__in=partner_ids)
    return rows if since is None else rows.filter(downloaded_at__gte=since)


def outdated_held(rows):
    """The downloads among these of a version no longer current, whose downloader has not fetched the current one."""
    renewed = Download.objects.filter(CURRENT, user=OuterRef("user")).filter(
        Q(material=OuterRef("material")) | Q(material=OuterRef("material__replaced_by"))
    )
    return rows.exclude(CURRENT).filter(~Exists(renewed))


def currency(partner_ids=None, since=None):
    """{partner id: (downloads of a version that is still current, downloads)} in one query."""
    rows = (
        downloads(partner_ids, since)
        .values("partner_id")
        .annotate(current=Count("pk", filter=CURRENT), total=Count("pk"))
    )
    return {row["partner_id"]: (row["current"], row["total"]) for row in rows.order_by()}


def holdings(partner_ids=None, since=None):
    """{partner id: (materials of which someone holds an outdated version, materials downloaded)} in two queries."""
    rows = downloads(partner_ids, since)
    held = outdated_held(rows).values("partner_id").annotate(materials=Count("material_id", distinct=True))
    total = rows.values("partner_id").annotate(materials=Count("material_id", distinct=True))
    outdated = {row["partner_id"]: row["materials"] for row in held.order_by()}
    return {row["partner_id"]: (outdated.get(row["partner_id"], 0), row["materials"]) for row in total.order_by()}


def outdated_versions(partner, since=None):
    """The versions this partner's people still hold outdated, with their materials and replacements (one query)."""
    rows = outdated_held(downloads([partner.pk], since)).select_related("version", "material", "material__replaced_by")
    versions = {}
    for download in rows.order_by("material__title", "-downloaded_at"):
        versions.setdefault(download.version_id, download.version)
        versions[download.version_id].material = download.material
    return list(versions.values())
