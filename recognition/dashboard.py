"""The recognition section of the home page."""

from .models import LevelNotice, Standing


def dashboard_summary(request, membership):
    """For the home page: our recorded level, and a manager's notices of changes of it (one or two queries)."""
    standing = Standing.objects.select_related("level").filter(partner=membership.partner).first()
    notices = []
    if membership.is_manager:
        notices = list(
            LevelNotice.objects.filter(
                user=request.user, change__partner=membership.partner, dismissed_at__isnull=True
            ).select_related("change")[:3]
        )
    return {"standing": standing, "notices": notices}
