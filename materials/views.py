"""Downloads, co-branded downloads, share links and notices. Every file is streamed after the checks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from partners.access import member_or_brand_required, membership_required

from .cobranding import StampError, cobranded_file
from .models import Download, MaterialPage, OutdatedNotice, ShareLink
from .versions import current_version


def stream(file_field, filename, content_type=None):
    """The file as an attachment, read from storage in small blocks: memory stays flat however large it is."""
    try:
        handle = file_field.storage.open(file_field.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(material, version, extension, suffix=""):
    return f"{slugify(material.title)[:60]}-{slugify(version.label)}{suffix}.{extension}"


def find_material(request, material_id):
    """A published material this person may see; another audience's materials do not exist for them."""
    try:
        return MaterialPage.objects.live().visible_to(request.user).select_related("document").get(pk=material_id)
    except MaterialPage.DoesNotExist as error:
        raise Http404 from error


def material_to_give_out(request, material_id):
    """The material and None when it may be given out today, else the material and the page that says why not."""
    material = find_material(request, material_id)
    reason = material.availability()
    if reason is None:
        return material, None
    return material, render(request, "materials/unavailable.html", {"material": material, "reason": reason}, status=410)


def record_download(request, material, version, *, cobranded=False):
    membership = request.membership
    Download.objects.create(
        user=request.user,
        partner=membership.partner if membership else None,
        material=material,
        version=version,
        cobranded=cobranded,
    )


@require_GET
@member_or_brand_required
def download(request, material_id):
    material, refusal = material_to_give_out(request, material_id)
    if refusal:
        return refusal
    version = current_version(material)
    response = stream(material.document.file, download_name(material, version, material.document.file_extension))
    record_download(request, material, version)
    return response


@require_GET
@membership_required
def download_cobranded(request, material_id):
    material, refusal = material_to_give_out(request, material_id)
    if not material.offers_cobranding:
        raise Http404
    if refusal:
        return refusal
    version = current_version(material)
    partner = request.membership.partner
    try:
        stamped = cobranded_file(version, partner)
    except StampError as error:
        context = {"material": material, "message": error.message}
        return render(request, "materials/cobranding_failed.html", context, status=422)
    name = download_name(material, version, "pdf", suffix=f"-{slugify(partner.name)[:40]}")
    response = stream(stamped.file, name, content_type="application/pdf")
    record_download(request, material, version, cobranded=True)
    return response


@require_POST
@membership_required
def share(request, material_id):
    material, refusal = material_to_give_out(request, material_id)
    if refusal:
        return refusal
    link = ShareLink.objects.create(material=material, partner=request.membership.partner, created_by=request.user)
    messages.success(
        request,
        _("De deellink voor “%(title)s” is klaar: %(url)s")
        % {
            "title": material.title,
            "url": request.build_absolute_uri(link.get_absolute_url()),
        },
    )
    return redirect("materials:shares")


def my_share_links(request):
    """Managers see every link of their partner; staff see the links they made."""
    links = ShareLink.objects.filter(partner=request.membership.partner)
    if not request.membership.is_manager:
        links = links.filter(created_by=request.user)
    return links


@require_GET
@membership_required
def shares(request):
    links = my_share_links(request).select_related("material", "partner", "created_by")
    links = links.prefetch_related("material__audiences", "partner__kinds")
    rows = [(link, link.status(), request.build_absolute_uri(link.get_absolute_url())) for link in links[:200]]
    return render(request, "materials/shares.html", {"rows": rows})


@require_POST
@membership_required
def revoke_share(request, pk):
    link = get_object_or_404(my_share_links(request), pk=pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, _("De deellink voor “%(title)s” werkt niet meer.") % {"title": link.material.title})
    return redirect("materials:shares")


@require_POST
def dismiss_notice(request, pk):
    notice = get_object_or_404(OutdatedNotice, pk=pk, user=request.user)
    if notice.dismissed_at is None:
        notice.dismissed_at = timezone.now()
        notice.save(update_fields=["dismissed_at"])
    return redirect("/")


def working_link(request, token):
    """The share link behind a token, or the response that says why it no longer works."""
    link = ShareLink.objects.select_related("material", "material__document", "partner").filter(token=token).first()
    if link is None:
        return None, render(request, "materials/shared_gone.html", {"reason": "unknown"}, status=404)
    status = link.status()
    if status != "working":
        return None, render(request, "materials/shared_gone.html", {"reason": status}, status=410)
    return link, None


@login_not_required
@require_GET
def shared(request, token):
    link, refusal = working_link(request, token)
    if refusal:
        return refusal
    ShareLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=timezone.now())
    return render(request, "materials/shared.html", {"link": link, "material": link.material})


@login_not_required
@require_GET
def shared_file(request, token):
    link, refusal = working_link(request, token)
    if refusal:
        return refusal
    material = link.material
    version = current_version(material)
    response = None
    if material.offers_cobranding:
        try:
            stamped = cobranded_file(version, link.partner)
            response = stream(stamped.file, download_name(material, version, "pdf"), content_type="application/pdf")
        except StampError:
            response = None  # the customer gets the original, which is just as valid
    if response is None:
        response = stream(material.document.file, download_name(material, version, material.document.file_extension))
    ShareLink.objects.filter(pk=link.pk).update(downloads=F("downloads") + 1)
    response["X-Robots-Tag"] = "noindex"
    return response
