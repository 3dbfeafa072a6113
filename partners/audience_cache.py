"""What a partner may see of the published content, kept in the shared cache until that content changes.

One mechanism for every per-audience part that is costly to work out (the library's topics, the dashboard's
tools, newest materials and required modules, a journey's supporting pages). Keys carry a content generation,
which moves on after any page is published, unpublished, moved or deleted, or a partner's kinds or state change;
parts of an older generation are never read again and expire. With Redis every server sees the same generation.
"""

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "audience:generation"
TIMEOUT = 60 * 60


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def cached_for_partner(name, partner_id, build):
    """`build()`'s value for this partner, made at most once per content generation.

    The value must be plain data (ids, titles, URLs), never model instances with the rest of a page. Someone
    without a partner (the brand team) gets it made anew each time: nobody else may be handed what they see.
    """
    if partner_id is None:
        return build()
    key = f"audience:{generation()}:{name}:{partner_id}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def content_changed(**kwargs):
    """Every per-audience part is made anew: at once, and again once the change is committed, since a request
    in between may have made one from what the database still showed before."""
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (yet, or any more): any other number than the one read before will do
        cache.set(GENERATION_KEY, generation() + 1, None)


def connect():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import Partner

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"audience-cache-{id(signal)}")
    # Deleting any page deletes its row in Page's own table as well, so this sender catches every type.
    post_delete.connect(content_changed, sender=Page, dispatch_uid="audience-cache-page-deleted")
    # A partner's kinds are a cluster field: written when the partner is saved (the admin's form, a script).
    post_save.connect(content_changed, sender=Partner, dispatch_uid="audience-cache-partner")
