from django.utils.functional import SimpleLazyObject

from training.progress import academy_url


def navigation(request):
    """Links of the main navigation that point into the page tree, resolved only when a page shows them."""
    return {"academy_url": SimpleLazyObject(academy_url)}
