"""What the checker is fed from the database: the brand's word rules, its verb choice and its forms of address.

Every caller (teksttoets, API, command, the guide's self-check, the editor's check) goes through here, so all
of them judge a text the same way.
"""

from django.core.cache import cache
from wagtail.models import Site

from . import checker
from .models import AddressSettings, Channel, WordRule

RULES_CACHE_KEY = "voice:word-rules"


def active_rules():
    """The active word rules as checker rules; cached in the shared cache and forgotten when one changes."""
    rules = cache.get(RULES_CACHE_KEY)
    if rules is None:
        rules = tuple(rule.as_checker_rule() for rule in WordRule.objects.filter(active=True))
        cache.set(RULES_CACHE_KEY, rules, 300)
    return rules


def forget_rules(**kwargs):
    cache.delete(RULES_CACHE_KEY)


def address_settings(site=None):
    """The address settings of a site (the default site when none is given), with their overrides."""
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return AddressSettings()
    settings = AddressSettings.objects.prefetch_related("overrides").filter(site=site).first()
    return settings or AddressSettings.for_site(site)


def preferred_verbs(site=None):
    return address_settings(site).prefer()


def _kind_ids(partner):
    return list(partner.kinds.values_list("pk", flat=True)) if partner else []


def form_for_partner(settings, partner, channel=""):
    """The form a partner should use: by its kinds and the channel; the brand's default without a partner."""
    return settings.form_for(_kind_ids(partner), channel)


def partner_forms(settings, partner):
    """(channel label, form, differs from the partner's own default) for every channel, in one query."""
    kind_ids = _kind_ids(partner)
    default = settings.form_for(kind_ids)
    rows = []
    for channel, label in Channel.choices:
        form = settings.form_for(kind_ids, channel)
        rows.append((label, form, form != default))
    return default, rows


def check(text, form, settings):
    """Check a text with the brand's word rules and verb choice."""
    return checker.check(text, form, rules=active_rules(), prefer=settings.prefer())
