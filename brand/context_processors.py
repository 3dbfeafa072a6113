from django.utils.functional import SimpleLazyObject

from .models import BrandSettings


def brand(request):
    """The brand settings of the request's site, from the shared cache (forgotten whenever they are saved)."""
    return {"brand_settings": SimpleLazyObject(lambda: BrandSettings.cached_for_request(request))}
