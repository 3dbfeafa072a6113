from django.utils.functional import SimpleLazyObject

from .navigation import SECTIONS, section_urls


def navigation(request):
    """Links of the main navigation that point into the page tree, resolved only when a page shows them."""
    return {name: SimpleLazyObject(lambda name=name: section_urls()[name] or None) for name in SECTIONS}
