import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from partners.access import audience_gate
from partners.audience import AudienceMixin, AudienceQuerySetMixin

from .privacy import is_private
from .storage import get_private_storage


class PrivateDocument(AbstractDocument):
    """Wagtail's document, stored in the private storage: reachable only through views that check access."""

    file = models.FileField(upload_to="documents", storage=get_private_storage, verbose_name=_("bestand"))

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class Format(models.TextChoices):
    FOLDER = "folder", _("folder")
    FACTSHEET = "factsheet", _("factsheet")
    POSTER = "poster", _("poster")
    EMAIL_TEMPLATE = "email", _("e-mailsjabloon")
    PRESENTATION = "presentation", _("presentatie")
    FORM = "form", _("formulier")
    VIDEO = "video", _("video")
    OTHER = "other", _("overig")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
    GERMAN = "de", _("Duits")
    FRENCH = "fr", _("Frans")
    TURKISH = "tr", _("Turks")
    POLISH = "pl", _("Pools")
    ARABIC = "ar", _("Arabisch")


class MaterialIndexPage(Page):
    """The library: every material a partner may give to customers, searchable and filtered."""

    introduction = models.TextField(_("inleiding"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["materials.MaterialPage"]
    max_count = 1

    class Meta:
        verbose_name = _("bibliotheek")

    def serve(self, request, *args, **kwargs):
        # Everyone with access to the site may open the library; a deactivated partner's people get the message.
        return audience_gate(request, True) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .library import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request, self))
        return context


class MaterialTopic(TaggedItemBase):
    content_object = ParentalKey("materials.MaterialPage", on_delete=models.CASCADE, related_name="tagged_topics")


class MaterialQuerySet(AudienceQuerySetMixin, PageQuerySet):
    def not_withdrawn(self):
        return self.filter(withdrawal_reason="", replaced_by__isnull=True)

    def valid_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def available(self, user):
        """What this person may download today: live, aimed at them, not withdrawn, within its validity."""
        return self.live().visible_to(user).not_withdrawn().valid_on(timezone.localdate())


class MaterialPage(AudienceMixin, Page):
    """One material: a file for customers with its version, validity and audience."""

    summary = models.TextField(_("samenvatting"), max_length=500)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("bestand"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Het document in een besloten collectie, zodat het alleen via het portaal te downloaden is."),
    )
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("miniatuur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ClusterTaggableManager(_("onderwerpen"), through=MaterialTopic, blank=True)
    format = models.CharField(_("soort"), max_length=20, choices=Format.choices, default=Format.FOLDER)
    language = models.CharField(_("taal"), max_length=5, choices=Language.choices, default=Language.DUTCH)
    version_label = models.CharField(
        _("versie"),
        max_length=30,
        help_text=_("Bijvoorbeeld 2026-2. Een nieuwe versie of een nieuw bestand meldt zich bij wie de vorige had."),
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Na deze datum verdwijnt het materiaal vanzelf uit de bibliotheek."),
    )
    co_brandable = models.BooleanField(
        _("co-branding"),
        default=False,
        help_text=_("Partners kunnen deze PDF downloaden met hun eigen naam, logo en contactgegevens erop."),
    )
    replaced_by = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("vervangen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("Kies het nieuwe materiaal; dit materiaal is dan niet meer te downloaden."),
    )
    withdrawal_reason = models.TextField(
        _("reden van intrekken"),
        blank=True,
        max_length=500,
        help_text=_("Vul een reden in om het materiaal in te trekken; het is dan niet meer te downloaden."),
    )

    objects = PageManager.from_queryset(MaterialQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("thumbnail"),
        FieldRowPanel([FieldPanel("format"), FieldPanel("language"), FieldPanel("version_label")]),
        FieldPanel("topics"),
        FieldPanel("co_brandable"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])], heading=_("Geldigheid")
        ),
        MultiFieldPanel(
            [FieldPanel("replaced_by"), FieldPanel("withdrawal_reason")],
            heading=pgettext_lazy("materiaal", "Intrekken"),
        ),
    ]
    settings_panels = Page.settings_panels + AudienceMixin.audience_panels
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("format"),
        index.FilterField("language"),
    ]

    parent_page_types = ["materials.MaterialIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("De einddatum ligt vóór de begindatum.")
        if self.replaced_by_id:
            if self.replaced_by_id == self.pk:
                errors["replaced_by"] = _("Een materiaal kan zichzelf niet vervangen.")
            elif not MaterialPage.objects.live().not_withdrawn().filter(pk=self.replaced_by_id).exists():
                errors["replaced_by"] = _("Kies een gepubliceerd materiaal dat zelf niet is ingetrokken.")
        if self.document_id and not is_private(self.document):
            errors["document"] = _(
                "Dit document staat in een openbare collectie. Zet het in een besloten collectie (alleen voor "
                "de redactie), zodat partners het alleen via het portaal kunnen downloaden."
            )
        if errors:
            raise ValidationError(errors)

    def is_aimed_at(self, partner):
        audiences = {kind.pk for kind in self.audiences.all()}  # .all() so that lists can prefetch them
        return not audiences or bool(audiences & {kind.pk for kind in partner.kinds.all()})

    @property
    def is_withdrawn(self):
        return bool(self.withdrawal_reason or self.replaced_by_id)

    def availability(self, today=None):
        """None when it may be downloaded today, else why not: "withdrawn", "expired", "not_yet" or "no_file"."""
        today = today or timezone.localdate()
        if self.is_withdrawn:
            return "withdrawn"
        if self.valid_until and self.valid_until < today:
            return "expired"
        if self.valid_from and self.valid_from > today:
            return "not_yet"
        if self.document_id is None:
            return "no_file"
        return None

    @property
    def is_pdf(self):
        return bool(self.document_id) and self.document.file_extension.lower() == "pdf"

    @property
    def offers_cobranding(self):
        return self.co_brandable and self.is_pdf

    def serve(self, request, *args, **kwargs):
        return audience_gate(request, self.is_visible_to(request.user)) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unavailable"] = self.availability()
        # Only read: a preview of a draft with a new file must not record a version (that is for publishing).
        context["version"] = self.versions.filter(superseded_at__isnull=True).first() if self.pk else None
        context["share_days"] = settings.MATERIALS_SHARE_LINK_DAYS
        return context


class MaterialVersion(models.Model):
    """A file of a material as it went live. Made when a material is published with a new file or label."""

    material = models.ForeignKey(MaterialPage, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(_("versie"), max_length=30)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_hash = models.CharField(max_length=40, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd"), default=timezone.now)
    superseded_at = models.DateTimeField(_("vervangen"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(pgettext_lazy("materiaal", "ingetrokken"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["material"], condition=Q(superseded_at__isnull=True), name="one_current_version_per_material"
            )
        ]

    def __str__(self):
        return f"{self.material.title} ({self.label})"

    @property
    def is_current(self):
        return self.superseded_at is None and self.withdrawn_at is None


class Download(models.Model):
    """Someone downloaded a version of a material (for their partner, at that moment)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="material_downloads")
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.CASCADE, related_name="material_downloads"
    )
    material = models.ForeignKey(MaterialPage, on_delete=models.CASCADE, related_name="downloads")
    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="downloads")
    cobranded = models.BooleanField(_("co-branded"), default=False)
    downloaded_at = models.DateTimeField(_("gedownload"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-downloaded_at"]
        indexes = [models.Index(fields=["partner", "material"]), models.Index(fields=["user", "version"])]

    def __str__(self):
        return f"{self.user} – {self.material.title} ({self.version.label})"


class CobrandedFile(models.Model):
    """A version stamped with one partner's details, kept until those details change."""

    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="cobranded_files")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="cobranded_files")
    details_hash = models.CharField(max_length=64)
    file = models.FileField(upload_to="cobranded", storage=get_private_storage)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "partner", "details_hash"], name="one_stamp_per_details")
        ]

    def __str__(self):
        return f"{self.version} – {self.partner}"


def new_share_token():
    return secrets.token_urlsafe(24)


class ShareLinkQuerySet(models.QuerySet):
    def working(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A link to one material that a partner user sends to a customer; it works without logging in."""

    token = models.CharField(max_length=64, unique=True, default=new_share_token)
    material = models.ForeignKey(MaterialPage, on_delete=models.CASCADE, related_name="share_links")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="material_share_links"
    )
    created_at = models.DateTimeField(_("gemaakt"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt"))
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)
    views = models.PositiveIntegerField(_("bekeken"), default=0)
    downloads = models.PositiveIntegerField(_("gedownload"), default=0)
    last_viewed_at = models.DateTimeField(_("laatst bekeken"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("deellink")
        verbose_name_plural = _("deellinks")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.material.title} – {self.partner}"

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.created_at + timedelta(days=settings.MATERIALS_SHARE_LINK_DAYS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("materials:shared", args=[self.token])

    def status(self, now=None):
        """ "working", "revoked", "expired" or "withdrawn" (the material can no longer be given out)."""
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        material = self.material
        if not material.live or material.availability(timezone.localdate(now)) is not None:
            return "withdrawn"
        if not self.partner.is_active or not material.is_aimed_at(self.partner):
            return "withdrawn"  # the partner may no longer give this material out
        return "working"

    def get_status_display(self):
        return dict(SHARE_STATUS_LABELS)[self.status()]


SHARE_STATUS_LABELS = [
    ("working", _("werkt")),
    ("revoked", _("ingetrokken")),
    ("expired", _("verlopen")),
    ("withdrawn", _("materiaal niet meer beschikbaar")),
]


class OutdatedNotice(models.Model):
    """Tells someone that a version they (or their team) downloaded was replaced or withdrawn."""

    class Reason(models.TextChoices):
        NEW_VERSION = "new_version", _("nieuwe versie")
        WITHDRAWN = "withdrawn", pgettext_lazy("materiaal", "ingetrokken")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="material_notices")
    version = models.ForeignKey(MaterialVersion, on_delete=models.CASCADE, related_name="notices")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    downloaded_myself = models.BooleanField(default=False)
    # For managers: the names of the team members who held the version when the notice was made.
    team_holders = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_notice_per_version")]

    def __str__(self):
        return f"{self.user} – {self.version}"


class LibraryVisit(models.Model):
    """When someone last opened the library, for "new since my last visit"."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_visit")
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.user} – {self.seen_at:%Y-%m-%d %H:%M}"
