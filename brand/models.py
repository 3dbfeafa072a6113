from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from .colours import HEX_COLOUR, contrast_ratio, readable_text_colour
from .images import png_rendition

# The portal's own light surfaces (portal.css: --surface and --background).
LIGHT_BACKGROUNDS = ("#ffffff", "#f4f6f9")

colour_validator = RegexValidator(HEX_COLOUR, _("Vul een kleur in als #RRGGBB, bijvoorbeeld #0b5cad."))


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

    @classmethod
    def cache_key(cls, site_id):
        return f"brand:settings:{site_id}"

    @classmethod
    def cached_for_request(cls, request):
        """Every page shows the brand: read it from the shared cache, not the database, after the first time."""
        site = Site.find_for_request(request)
        if site is None:
            return cls()
        settings = cache.get(cls.cache_key(site.pk))
        if settings is None:
            settings = cls.objects.select_related("logo").filter(site=site).first() or cls.for_site(site)
            cache.set(cls.cache_key(site.pk), settings, 300)
        return settings

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(self.cache_key(self.site_id)))

    def logo_png(self):
        """The logo as a small PNG for a PDF (certificates, calculations), or None; a PDF without logo beats none."""
        return png_rendition(self.logo, "max-400x400")

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
