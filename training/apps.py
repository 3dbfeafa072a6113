from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .progress import forget_academy_url

        # The navigation's cached academy URL follows the academy when it is (un)published or moved.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_academy_url, dispatch_uid=f"training-academy-url-{signal}")
