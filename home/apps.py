from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Start")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .navigation import forget_section_urls

        post_migrate.connect(create_brand_team_group, sender=self)
        # The navigation's cached section URLs follow the pages when they are (un)published or moved.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_section_urls, dispatch_uid=f"home-navigation-{signal}")


def create_brand_team_group(sender, apps, using, **kwargs):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from .brand_team import ensure_brand_team_group

    # "home" migrates first, so the other apps' permissions may not exist yet: make them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    ensure_brand_team_group()
