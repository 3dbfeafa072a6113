import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from accounts.models import normalize_email

domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Vul een domeinnaam in zoals voorbeeld.nl, zonder @ of spaties."),
)


def normalize_domain(value):
    return (value or "").strip().lower().lstrip("@")


# Anyone can get an address here, so owning one of these would let strangers sign up as staff.
PUBLIC_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "yahoo.com",
        "yahoo.nl",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "proton.me",
        "protonmail.com",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "hetnet.nl",
        "home.nl",
        "xs4all.nl",
        "casema.nl",
        "chello.nl",
        "upcmail.nl",
        "online.nl",
        "quicknet.nl",
        "tele2.nl",
        "telfort.nl",
        "zonnet.nl",
        "caiway.nl",
    ]
)


def validate_domain(value):
    """Accept what people type ("@Voorbeeld.nl "); it is stored normalised."""
    domain = normalize_domain(value)
    domain_validator(domain)
    if domain in PUBLIC_MAIL_DOMAINS:
        raise ValidationError(
            _(
                "%(domain)s is een openbare e-maildienst: iedereen kan daar een adres maken. "
                "Kies het eigen domein van de partner."
            ),
            params={"domain": domain},
        )


def email_domain(email):
    return normalize_domain(email.rpartition("@")[2]) if "@" in (email or "") else ""


class PartnerKind(models.Model):
    """A segment of partners, such as tussenpersoon, koerier or schoonmaak."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("partnersoort")
        verbose_name_plural = _("partnersoorten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partner(ClusterableModel):
    """An external organisation whose staff serve the brand's customers."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kinds = ParentalManyToManyField(PartnerKind, related_name="partners", blank=True, verbose_name=_("soorten"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=12, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contactadres"), blank=True)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Gebruikers van een gedeactiveerde partner zien geen partnerpagina's meer."),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kinds", widget=forms.CheckboxSelectMultiple),
        InlinePanel("email_domains", heading=_("E-maildomeinen"), label=_("domein")),
        FieldPanel("logo"),
        FieldPanel("is_active"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contactgegevens"),
        ),
    ]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EmailDomain(models.Model):
    """A domain a partner owns: a verified address on it may sign up as that partner's staff."""

    partner = ParentalKey(Partner, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(_("e-maildomein"), max_length=253, unique=True, validators=[validate_domain])

    panels = [FieldPanel("domain")]

    class Meta:
        verbose_name = _("e-maildomein")
        verbose_name_plural = _("e-maildomeinen")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = normalize_domain(self.domain)

    def save(self, *args, **kwargs):
        self.domain = normalize_domain(self.domain)
        super().save(*args, **kwargs)


def partner_owning(email):
    """The partner that registered the domain of this address, or None."""
    owner = EmailDomain.objects.select_related("partner").filter(domain=email_domain(email)).first()
    return owner.partner if owner else None


class Role(models.TextChoices):
    STAFF = "staff", _("medewerker")
    MANAGER = "manager", _("beheerder")


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def counted(self, partner_ids=None):
        """Current memberships with an active account: the people that partner-wide figures count."""
        members = self.current().filter(user__is_active=True)
        return members if partner_ids is None else members.filter(partner_id__in=partner_ids)

    def team(self, partner):
        """The partner's current people with their accounts, by name: every team list shows them this way."""
        return (
            self.current()
            .filter(partner=partner)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__email")
        )


class Membership(models.Model):
    """A person's place at a partner. Ending it keeps the history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("partner")
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.STAFF)
    started_at = models.DateTimeField(_("begonnen"), default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    panels = [FieldPanel("user"), FieldPanel("partner"), FieldPanel("role"), FieldPanel("ended_at")]

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["-started_at"]
        constraints = [
            # A person works for one partner at a time.
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended_at__isnull=True), name="partners_one_current_membership"
            ),
        ]

    def __str__(self):
        return self.describe(self.user)

    def describe(self, person):
        """This membership as the admin lists it, for `person` (an erased person's history uses the neutral name)."""
        return f"{person} – {self.partner} ({self.get_role_display()})"

    @property
    def is_current(self):
        return self.ended_at is None

    @property
    def is_manager(self):
        return self.role == Role.MANAGER

    def clean(self):
        if self.ended_at is None and self.user_id:
            others = Membership.objects.current().filter(user_id=self.user_id).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(_("Deze persoon hoort al bij een andere partner."))


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked; possibly expired, and then it can be resent."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self):
        """Open and still within its term: the link works."""
        return self.open().filter(expires_at__gt=timezone.now())


def new_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A single-use link that lets one email address join a partner in a role."""

    class Status(models.TextChoices):
        PENDING = "pending", _("open")
        ACCEPTED = "accepted", _("geaccepteerd")
        REVOKED = "revoked", _("ingetrokken")
        EXPIRED = "expired", _("verlopen")

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("partner")
    )
    email = models.EmailField(_("e-mailadres"), max_length=254)
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.STAFF)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt"), blank=True)
    accepted_at = models.DateTimeField(_("geaccepteerd"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geaccepteerd door"),
    )
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and partner; resend renews it instead.
            models.UniqueConstraint(
                fields=["partner", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="partners_one_open_invitation",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.partner}"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        if self.expires_at is None:
            self.expires_at = self.sent_at + timedelta(days=settings.INVITATION_VALID_DAYS)
        super().save(*args, **kwargs)

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.is_expired:
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    def get_status_display(self):
        return self.Status(self.status).label

    get_status_display.short_description = _("status")

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    def get_accept_url(self):
        return reverse("partners:accept_invitation", args=[self.token])
