"""The editor's form for the address settings: one exception per partner kind and channel."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


class AddressSettingsForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        seen = set()
        for form in self.formsets["overrides"].forms:
            if not form.is_valid():  # cleans the row now; its own messages come first
                continue
            data = form.cleaned_data
            if data.get("DELETE") or not (data.get("partner_kind") or data.get("channel")):
                continue
            key = (data.get("partner_kind"), data.get("channel"))
            if key in seen:
                # Two answers for one question: which form applies would depend on their order.
                form.add_error("form", _("Voor deze partnersoort en dit kanaal is er al een uitzondering."))
            seen.add(key)
        return cleaned_data
