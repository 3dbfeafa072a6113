from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materialen")

    def ready(self):
        from django.core.signals import setting_changed
        from wagtail.signals import page_published

        from . import personal_data
        from .storage import reset_private_storage
        from .versions import material_published

        page_published.connect(material_published, dispatch_uid="materials-published")
        setting_changed.connect(reset_private_storage, dispatch_uid="materials-private-storage")
        personal_data.register()
