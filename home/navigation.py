"""Links of the main navigation that point into the page tree (academy, library, tools, the writing guide, journeys).

Their URLs are cached so a page view costs no query for them, and forgotten whenever a page is published,
unpublished or moved, so the navigation follows the page tree.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page

from journeys.models import JourneyIndexPage
from materials.models import MaterialIndexPage
from tools.models import ToolIndexPage
from training.models import TrainingIndexPage
from voice.models import VoiceGuidePage

SECTIONS = {
    "academy_url": TrainingIndexPage,
    "library_url": MaterialIndexPage,
    "tools_url": ToolIndexPage,
    "voice_url": VoiceGuidePage,
    "journeys_url": JourneyIndexPage,
}
CACHE_KEY = "home:navigation-urls"


def section_urls():
    urls = cache.get(CACHE_KEY)
    if urls is None:
        types = ContentType.objects.get_for_models(*SECTIONS.values())  # cached by Django after the first call
        first = {}
        for page in Page.objects.live().filter(content_type__in=types.values()).order_by("path"):
            first.setdefault(page.content_type_id, page)
        urls = {}
        for name, model in SECTIONS.items():
            page = first.get(types[model].pk)
            urls[name] = page.url if page else ""
        cache.set(CACHE_KEY, urls, 300)
    return urls


def forget_section_urls(**kwargs):
    cache.delete(CACHE_KEY)
