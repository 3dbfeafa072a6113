from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "voice"
    verbose_name = _("Tone of voice")

    def ready(self):
        from . import personal_data, signals  # noqa: F401

        personal_data.register()
