from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Format, Language


class LibraryFilterForm(forms.Form):
    """Search and filters of the library; anything unknown is refused with a message, never ignored silently."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    topic = forms.ChoiceField(label=_("Onderwerp"), required=False)
    format = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Format.choices])
    language = forms.ChoiceField(label=_("Taal"), required=False, choices=[("", _("Alle talen")), *Language.choices])
    new = forms.BooleanField(label=_("Alleen nieuw sinds mijn vorige bezoek"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Alle onderwerpen")), *topics]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def query_string(self):
        """The filters as a query string, for the links to other pages of the results."""
        values = {name: value for name, value in self.cleaned_data.items() if value}
        if values.get("new"):
            values["new"] = "on"
        return urlencode(values)
