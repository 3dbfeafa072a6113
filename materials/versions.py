"""Versions of a material, and who must hear that theirs is outdated.

A version is recorded when a material goes live with a new file or label. When a version is replaced or the
material is withdrawn, everyone who downloaded an older version, and their partner's managers, get a notice
on their dashboard and one email.
"""

from django.db import transaction
from django.utils import timezone

from partners.models import Membership, Role

from .models import Download, MaterialPage, MaterialVersion, OutdatedNotice


def material_published(sender, instance, **kwargs):
    """Wagtail's page_published signal: record what went live."""
    if isinstance(instance, MaterialPage):
        record_version(instance)


def _fingerprint(material):
    document = material.document if material.document_id else None
    return (material.document_id, document.file_hash if document else "", material.version_label)


def current_version(material):
    """The version that is live now, recorded on the spot when the file changed without a new publish."""
    version = MaterialVersion.objects.filter(material=material, superseded_at__isnull=True).first()
    if version is None or (version.document_id, version.file_hash, version.label) != _fingerprint(material):
        version = record_version(material)
    return version


@transaction.atomic
def record_version(material, now=None):
    now = now or timezone.now()
    document_id, file_hash, label = _fingerprint(material)
    current = MaterialVersion.objects.select_for_update().filter(material=material, superseded_at__isnull=True).first()
    replaced = None
    if current is None or (current.document_id, current.file_hash, current.label) != (document_id, file_hash, label):
        if current is not None:
            current.superseded_at = now
            current.save(update_fields=["superseded_at"])
            replaced = current
        current = MaterialVersion.objects.create(
            material=material, label=label, document_id=document_id, file_hash=file_hash, published_at=now
        )
    if material.is_withdrawn:
        if current.withdrawn_at is None:
            current.withdrawn_at = now
            current.save(update_fields=["withdrawn_at"])
            notify_holders(material, OutdatedNotice.Reason.WITHDRAWN)
    else:
        if current.withdrawn_at is not None:  # put back by the brand team
            current.withdrawn_at = None
            current.save(update_fields=["withdrawn_at"])
        if replaced is not None:
            notify_holders(material, OutdatedNotice.Reason.NEW_VERSION)
    return current


HOLDER_SEPARATOR = ", "


def holder_name(first_name, last_name, email):
    """How a holder is named in their managers' notices (and found there again when they are erased)."""
    return f"{first_name} {last_name}".strip() or email


def notify_holders(material, reason):
    """A notice for each person holding an outdated version of this material, and for their managers."""
    outdated = Download.objects.filter(material=material).exclude(
        version__superseded_at__isnull=True, version__withdrawn_at__isnull=True
    )
    # Per person, the latest outdated version they downloaded.
    held = {}
    rows = outdated.order_by("downloaded_at").values_list(
        "user_id", "partner_id", "version_id", "user__first_name", "user__last_name", "user__email"
    )
    for user_id, partner_id, version_id, first_name, last_name, email in rows:
        held[user_id] = (partner_id, version_id, holder_name(first_name, last_name, email))
    notices = {}
    for user_id, (_partner_id, version_id, _name) in held.items():
        notices[user_id] = OutdatedNotice(user_id=user_id, version_id=version_id, reason=reason, downloaded_myself=True)
    by_partner = {}
    for user_id, (partner_id, version_id, name) in held.items():
        if partner_id is not None:
            by_partner.setdefault(partner_id, []).append((version_id, user_id, name))
    managers = Membership.objects.current().filter(role=Role.MANAGER, partner_id__in=by_partner)
    for manager in managers.values("user_id", "partner_id"):
        holders = by_partner[manager["partner_id"]]
        notice = notices.get(manager["user_id"])
        if notice is None:
            version_id = max(version for version, _user, _name in holders)
            notice = OutdatedNotice(user_id=manager["user_id"], version_id=version_id, reason=reason)
            notices[manager["user_id"]] = notice
        others = sorted(name for _version, user, name in holders if user != manager["user_id"])
        notice.team_holders = HOLDER_SEPARATOR.join(others)
    already = set(OutdatedNotice.objects.filter(version__material=material).values_list("user_id", "version_id"))
    created = []
    for notice in notices.values():
        if (notice.user_id, notice.version_id) not in already:
            notice.save()
            created.append(notice.pk)
    if created:
        transaction.on_commit(lambda: _send_emails(created))
    return created


def _send_emails(notice_ids):
    from .tasks import send_outdated_notice_email

    for notice_id in notice_ids:
        send_outdated_notice_email.enqueue(notice_id)


def open_notices(user):
    return (
        OutdatedNotice.objects.filter(user=user, dismissed_at__isnull=True)
        .select_related("version__material", "version__material__replaced_by")
        .order_by("-created_at")
    )
