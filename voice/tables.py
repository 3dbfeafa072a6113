"""The table of address forms: one row for every partner, one per partner kind, a column per channel."""

from partners.models import PartnerKind

from .models import Channel
from .rules import address_settings


def address_table(kinds=None, site=None, settings=None):
    settings = settings or address_settings(site)
    kinds = list(PartnerKind.objects.order_by("name")) if kinds is None else list(kinds)
    rows = []
    for kind, forms in settings.table(kinds):
        cells = [{"form": form, "differs": form != settings.default_form} for form in forms]
        rows.append({"kind": kind, "cells": cells})
    return {"channels": Channel.labels, "rows": rows, "address_settings": settings}
