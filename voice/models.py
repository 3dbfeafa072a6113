import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from partners.access import audience_gate

from . import checker
from .admin_forms import AddressSettingsForm
from .blocks import GuideStreamBlock


class Form(models.TextChoices):
    U = "u", _("u (formeel)")
    JIJ = "jij", _("jij (informeel)")


class Channel(models.TextChoices):
    LETTER = "letter", _("brief")
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("telefoon")
    WEBSITE = "website", _("website")
    SOCIAL = "social", _("sociale media")


class UVerb(models.TextChoices):
    ANY = "", _("geen voorkeur: elke tekst kiest één vorm")
    HEBT = "hebt", _("u hebt")
    HEEFT = "heeft", _("u heeft")


@register_setting(icon="comment")
class AddressSettings(ClusterableModel, BaseSiteSetting):
    """How the brand addresses customers: "u" or "jij", per partner kind and channel where they differ."""

    default_form = models.CharField(_("standaard aanspreekvorm"), max_length=3, choices=Form.choices, default=Form.U)
    u_verb = models.CharField(
        _("werkwoord bij ‘u’"),
        max_length=5,
        choices=UVerb.choices,
        blank=True,
        default=UVerb.ANY,
        help_text=_(
            "Bij ‘u’ zijn ‘u hebt’ en ‘u heeft’ allebei goed; kies er één, dan wijst de teksttoets de andere aan."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("default_form"), FieldPanel("u_verb")], heading=_("Aanspreekvorm")),
        InlinePanel(
            "overrides",
            heading=_("Uitzonderingen"),
            label=_("Uitzondering"),
            help_text=_(
                "Een uitzondering voor een partnersoort en een kanaal samen gaat voor een uitzondering voor alleen "
                "het kanaal, en die weer voor een uitzondering voor alleen de partnersoort."
            ),
        ),
    ]

    base_form_class = AddressSettingsForm

    class Meta:
        verbose_name = _("aanspreekvorm")

    def prefer(self):
        """The preferred u-verbs for the checker: ("heeft",) when the brand writes "u heeft"."""
        return (self.u_verb,) if self.u_verb else ()

    def form_for(self, kind_ids=(), channel=""):
        """The form for a partner of these kinds writing in this channel (empty: no particular channel)."""
        kind_ids = set(kind_ids)
        best = None
        for override in self.overrides.all():
            if override.partner_kind_id and override.partner_kind_id not in kind_ids:
                continue
            if override.channel and override.channel != channel:
                continue
            rank = (2 if override.channel else 0) + (1 if override.partner_kind_id else 0)
            if best is None or rank > best[0]:
                best = (rank, override.form)
        return best[1] if best else self.default_form

    def table(self, kinds):
        """Rows of (kind or None for 'every partner', [form per channel]) for the guide and the teksttoets."""
        rows = [(None, [self.form_for((), channel) for channel in Channel.values])]
        rows += [(kind, [self.form_for((kind.pk,), channel) for channel in Channel.values]) for kind in kinds]
        return rows


class AddressOverride(Orderable):
    settings = ParentalKey(AddressSettings, on_delete=models.CASCADE, related_name="overrides")
    partner_kind = models.ForeignKey(
        "partners.PartnerKind",
        verbose_name=_("partnersoort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leeg: elke partnersoort."),
    )
    channel = models.CharField(
        _("kanaal"), max_length=10, choices=Channel.choices, blank=True, help_text=_("Leeg: elk kanaal.")
    )
    form = models.CharField(_("aanspreekvorm"), max_length=3, choices=Form.choices)

    panels = [FieldPanel("partner_kind"), FieldPanel("channel"), FieldPanel("form")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitzondering")
        verbose_name_plural = _("uitzonderingen")

    def clean(self):
        super().clean()
        if not self.partner_kind_id and not self.channel:
            raise ValidationError(_("Kies een partnersoort, een kanaal of allebei; anders is het geen uitzondering."))


class Severity(models.TextChoices):
    ERROR = checker.ERROR, pgettext_lazy("severity", "fout")
    WARNING = checker.WARNING, pgettext_lazy("severity", "waarschuwing")
    ADVICE = checker.ADVICE, pgettext_lazy("severity", "advies")


class WordRule(models.Model):
    """A word or phrase the brand avoids, with what to write instead."""

    phrase = models.CharField(
        _("woord of uitdrukking"),
        max_length=100,
        help_text=_("Wordt gevonden als los woord, ongeacht hoofdletters, bijvoorbeeld ‘dient u’ of ‘per omgaande’."),
    )
    replacements = models.CharField(
        _("liever"),
        max_length=200,
        blank=True,
        help_text=_("Wat je in plaats daarvan schrijft; meer mogelijkheden scheid je met een komma."),
    )
    reason = models.CharField(_("waarom"), max_length=300, blank=True)
    severity = models.CharField(_("ernst"), max_length=10, choices=Severity.choices, default=Severity.WARNING)
    active = models.BooleanField(_("actief"), default=True)

    panels = [
        FieldPanel("phrase"),
        FieldPanel("replacements"),
        FieldPanel("reason"),
        FieldPanel("severity"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("woordregel")
        verbose_name_plural = _("woordregels")
        ordering = [Lower("phrase")]
        constraints = [
            models.UniqueConstraint(
                Lower("phrase"),
                name="voice_wordrule_unique_phrase",
                violation_error_message=_("Voor dit woord bestaat al een regel."),
            )
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        super().clean()
        self.phrase = " ".join((self.phrase or "").split())
        if self.phrase and not any(character.isalpha() for character in self.phrase):
            raise ValidationError({"phrase": _("Een woordregel gaat over woorden: gebruik minstens één letter.")})

    def replacement_list(self):
        return [part.strip() for part in self.replacements.split(",") if part.strip()]

    def as_checker_rule(self):
        return checker.WordRule(
            id=f"word-{self.pk}",
            phrase=self.phrase,
            replacements=tuple(self.replacement_list()),
            reason=self.reason,
            severity=self.severity,
        )


def _token_hash(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, partner__is_active=True)


class ApiToken(models.Model):
    """A key a partner's own system uses for the teksttoets API; only its hash is kept."""

    PREFIX = "tt_"

    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="voice_tokens"
    )
    name = models.CharField(_("naam"), max_length=80, help_text=_("Waarvoor de sleutel is, bijvoorbeeld ‘CRM’."))
    hint = models.CharField(_("begin van de sleutel"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, partner, user, name):
        """Make a key; the plain key is returned once and never stored."""
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(partner=partner, name=name, created_by=user, hint=raw[:8], key_hash=_token_hash(raw))
        return token, raw

    @classmethod
    def find(cls, raw):
        """The usable token for a plain key, or None."""
        if not raw or len(raw) > 200:
            return None
        return cls.objects.usable().select_related("partner").filter(key_hash=_token_hash(raw)).first()

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class TextCheck(models.Model):
    """One use of the teksttoets (page or API); the text itself is never stored."""

    class Via(models.TextChoices):
        PAGE = "page", _("teksttoets")
        API = "api", _("API")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), null=True, on_delete=models.SET_NULL, related_name="text_checks"
    )
    token = models.ForeignKey(
        ApiToken, verbose_name=_("API-sleutel"), null=True, blank=True, on_delete=models.SET_NULL, related_name="uses"
    )
    via = models.CharField(_("via"), max_length=4, choices=Via.choices)
    form = models.CharField(_("gevraagde vorm"), max_length=3, blank=True)
    detected = models.CharField(_("gevonden vorm"), max_length=5)
    words = models.PositiveIntegerField(_("woorden"))
    errors = models.PositiveIntegerField(_("fouten"))
    warnings = models.PositiveIntegerField(_("waarschuwingen"))
    checked_at = models.DateTimeField(_("getoetst op"), default=timezone.now)

    class Meta:
        verbose_name = _("teksttoets")
        verbose_name_plural = _("teksttoetsen")
        indexes = [models.Index(fields=["partner", "checked_at"])]

    def __str__(self):
        return f"{self.get_via_display()} · {self.checked_at:%Y-%m-%d %H:%M}"


class VoiceGuidePage(Page):
    """The tone-of-voice guide: principles, examples, the word list and the table of address forms."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=1000)
    body = StreamField(GuideStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("schrijfwijzer")

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, True) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .rules import address_settings

        context = super().get_context(request, *args, **kwargs)
        context["address_settings"] = address_settings(Site.find_for_request(request))  # once for all blocks
        return context
