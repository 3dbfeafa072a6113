from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from partners.access import current_membership, partner_inactive_response
from partners.audience import AudienceMixin, AudienceQuerySetMixin

from .blocks import ContentStreamBlock
from .colours import HEX_COLOUR, contrast_ratio, readable_text_colour

# The portal's own light surfaces (portal.css: --surface and --background).
LIGHT_BACKGROUNDS = ("#ffffff", "#f4f6f9")

colour_validator = RegexValidator(HEX_COLOUR, _("Vul een kleur in als #RRGGBB, bijvoorbeeld #0b5cad."))


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
    subpage_types = ["home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        membership = current_membership(request.user)
        context["greeting"] = greeting()
        context["dashboard_membership"] = membership
        context["partner_is_active"] = bool(membership and membership.partner.is_active)
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
        membership = current_membership(request.user)
        if membership and not membership.partner.is_active:
            return partner_inactive_response(request, membership)
        # A page is only as visible as its least visible ancestor: no way round an audience via a child.
        path = StandardPage.objects.ancestor_of(self, inclusive=True)
        if path.count() != path.visible_to(request.user).count():
            raise Http404
        return super().serve(request, *args, **kwargs)


@register_setting(icon="palette")
class BrandSettings(BaseSiteSetting):
    """The brand's name, logo, colours and support contact; re-skins the portal without code."""

    brand_name = models.CharField(_("merknaam"), max_length=100, default="Partnerportaal")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("hoofdkleur"),
        max_length=7,
        default="#0b5cad",
        validators=[colour_validator],
        help_text=_("Voor knoppen en koppelingen; moet goed leesbaar zijn op wit en lichtgrijs (contrast 4,5:1)."),
    )
    accent_colour = models.CharField(_("accentkleur"), max_length=7, default="#f2a900", validators=[colour_validator])
    support_email = models.EmailField(_("e-mailadres support"), blank=True)
    support_phone = models.CharField(_("telefoon support"), max_length=30, blank=True)

    panels = [
        FieldPanel("brand_name"),
        FieldPanel("logo"),
        MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Kleuren")),
        MultiFieldPanel([FieldPanel("support_email"), FieldPanel("support_phone")], heading=_("Support")),
    ]

    class Meta:
        verbose_name = _("huisstijl")

    def clean(self):
        super().clean()
        primary = self.primary_colour or ""
        # Buttons put white text on it and links sit on white cards and the light page background.
        if HEX_COLOUR.match(primary) and min(contrast_ratio(primary, bg) for bg in LIGHT_BACKGROUNDS) < 4.5:
            raise ValidationError(
                {
                    "primary_colour": _(
                        "Deze kleur is te licht: tekst erop en koppelingen ermee zijn slecht leesbaar. "
                        "Kies een donkerder kleur."
                    )
                }
            )

    @property
    def primary_text_colour(self):
        return readable_text_colour(self.primary_colour) if HEX_COLOUR.match(self.primary_colour) else "#ffffff"

    @property
    def accent_text_colour(self):
        return readable_text_colour(self.accent_colour) if HEX_COLOUR.match(self.accent_colour) else "#000000"
