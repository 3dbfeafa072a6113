from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from . import audience_cache, personal_data, signals  # noqa: F401

        personal_data.register()
        audience_cache.connect()
