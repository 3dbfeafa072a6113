"""Who may see what. Every partner view goes through these helpers; none writes its own check."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from .audience import sees_everything
from .models import Membership

_CACHE_ATTR = "_current_membership_cache"


def current_membership(user):
    """The user's current membership (with its partner), or None. Cached on the user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _CACHE_ATTR):
        membership = Membership.objects.current().filter(user=user).select_related("partner", "partner__logo").first()
        setattr(user, _CACHE_ATTR, membership)
    return getattr(user, _CACHE_ATTR)


def forget_current_membership(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def current_partner(user):
    membership = current_membership(user)
    return membership.partner if membership else None


def partner_inactive_response(request, membership):
    return render(request, "partners/partner_inactive.html", {"partner": membership.partner}, status=403)


def no_partner_response(request):
    return render(request, "partners/no_partner.html", status=403)


def membership_required(view):
    """The view is for people who currently work for an active partner; sets request.membership."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        membership = current_membership(request.user)
        if membership is None:
            return no_partner_response(request)
        if not membership.partner.is_active:
            return partner_inactive_response(request, membership)
        request.membership = membership
        return view(request, *args, **kwargs)

    return wrapped


def manager_required(view):
    """Like `membership_required`, and the person must be a manager of their partner."""

    @membership_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.membership.is_manager:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def member_or_brand_required(view):
    """For views both partner people and the brand side use; sets request.membership (None for the brand side)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        membership = current_membership(request.user)
        if membership is None and not sees_everything(request.user):
            return no_partner_response(request)
        if membership is not None and not membership.partner.is_active:
            return partner_inactive_response(request, membership)
        request.membership = membership
        return view(request, *args, **kwargs)

    return wrapped


def audience_gate(request, visible):
    """For pages aimed at partners: None when the person may see it, else the response to give.

    `visible` is the page's own verdict (a bool); a deactivated partner's people get the message first.
    """
    membership = current_membership(request.user)
    if membership and not membership.partner.is_active:
        return partner_inactive_response(request, membership)
    if not visible:
        raise Http404
    return None


def get_for_my_partner(queryset, request, **lookup):
    """Fetch one object of the current partner or raise 404: another partner's objects do not exist."""
    try:
        return queryset.get(partner=request.membership.partner, **lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error
