"""Links of the main navigation that point into the page tree (the academy, the library, the tools).

Their URLs are cached so a page view costs no query for them, and forgotten whenever a page is published,
unpublished or moved, so the navigation follows the page tree.
"""

from django.core.cache import cache

from materials.models import MaterialIndexPage
from tools.models import ToolIndexPage
from training.models import TrainingIndexPage

SECTIONS = {"academy_url": TrainingIndexPage, "library_url": MaterialIndexPage, "tools_url": ToolIndexPage}
CACHE_KEY = "home:navigation-urls"


def section_urls():
    urls = cache.get(CACHE_KEY)
    if urls is None:
        urls = {}
        for name, model in SECTIONS.items():
            page = model.objects.live().first()
            urls[name] = page.url if page else ""
        cache.set(CACHE_KEY, urls, 300)
    return urls


def forget_section_urls(**kwargs):
    cache.delete(CACHE_KEY)
