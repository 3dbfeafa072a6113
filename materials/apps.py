from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materialen")

    def ready(self):
        from django.core.signals import setting_changed
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import personal_data
        from .library import forget_topics
        from .storage import reset_private_storage
        from .versions import material_published

        page_published.connect(material_published, dispatch_uid="materials-published")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_topics, dispatch_uid=f"materials-topics-{signal}")
        setting_changed.connect(reset_private_storage, dispatch_uid="materials-private-storage")
        personal_data.register()
