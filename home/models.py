from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from journeys import maps as journey_maps
from materials import library as materials_library
from partners.access import audience_gate, current_membership
from partners.audience import AudienceMixin, AudienceQuerySetMixin
from recognition import dashboard as recognition_dashboard
from tools import usage as tools_usage
from training import progress as training_progress

from .blocks import ContentStreamBlock


def greeting(now=None):
    hour = timezone.localtime(now).hour
    if hour < 6:
        return _("Goedenacht")
    if hour < 12:
        return _("Goedemorgen")
    if hour < 18:
        return _("Goedemiddag")
    return _("Goedenavond")


class HomePage(Page):
    """The site root: for partner users a dashboard of their partner."""

    welcome_title = models.CharField(_("welkomsttitel"), max_length=120, blank=True)
    welcome_text = RichTextField(_("welkomsttekst"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("welcome_title"), FieldPanel("welcome_text")]
    search_fields = Page.search_fields + [index.SearchField("welcome_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "training.TrainingIndexPage",
        "materials.MaterialIndexPage",
        "tools.ToolIndexPage",
        "voice.VoiceGuidePage",
        "journeys.JourneyIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        membership = current_membership(request.user)
        context["greeting"] = greeting()
        context["dashboard_membership"] = membership
        context["partner_is_active"] = bool(membership and membership.partner.is_active)
        if context["partner_is_active"]:
            context["training"] = training_progress.dashboard_summary(request.user)
            context["materials"] = materials_library.dashboard_summary(request)
            context["tools"] = tools_usage.dashboard_summary(request)
            context["journeys"] = journey_maps.dashboard_summary(request)
            context["recognition"] = recognition_dashboard.dashboard_summary(request, membership)
        context["menu_pages"] = StandardPage.objects.child_of(self).live().in_menu().visible_to(request.user)
        return context


class StandardPageQuerySet(AudienceQuerySetMixin, PageQuerySet):
    pass


class StandardPage(AudienceMixin, Page):
    """Generic content for partners, optionally aimed at some partner kinds."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=500)
    body = StreamField(ContentStreamBlock(), verbose_name=_("inhoud"), blank=True)

    objects = PageManager.from_queryset(StandardPageQuerySet)()

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    settings_panels = Page.settings_panels + AudienceMixin.audience_panels
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")

    def serve(self, request, *args, **kwargs):
        # A page is only as visible as its least visible ancestor: no way round an audience via a child.
        path = StandardPage.objects.ancestor_of(self, inclusive=True)
        visible = path.count() == path.visible_to(request.user).count()
        return audience_gate(request, visible) or super().serve(request, *args, **kwargs)
