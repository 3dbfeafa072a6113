from .access import current_membership


def membership(request):
    """The current membership, lazily, for the navigation and the dashboard."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"membership": lambda: current_membership(user)}
