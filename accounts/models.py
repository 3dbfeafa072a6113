from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalize_email(email):
    """The one form an address is stored and compared in: trimmed and lower case."""
    return (email or "").strip().lower()


# An erased person keeps their row (so reports and foreign keys hold) under this address and name.
# ".invalid" is reserved (RFC 2606): no mail can ever be delivered there, and no partner can own it.
ANONYMOUS_DOMAIN = "anoniem.invalid"
ANONYMOUS_NAME = _("Verwijderde gebruiker")


def anonymous_email(pk):
    """The unique, undeliverable address an anonymised account is known by."""
    return f"verwijderd-{pk}@{ANONYMOUS_DOMAIN}"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=normalize_email(email))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an email address; there are no usernames."""

    email = models.EmailField(_("e-mailadres"), max_length=254, unique=True)
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    language = models.CharField(_("taal"), max_length=10, choices=settings.LANGUAGES, blank=True, default="")
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag inloggen in de Wagtail-beheeromgeving."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        # The brand team answers people's requests about their data without being able to change accounts.
        permissions = [("manage_personal_data", _("Persoonsgegevens exporteren en anonimiseren"))]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        if self.is_anonymised:
            return str(ANONYMOUS_NAME)  # in the reader's language, wherever the name is shown
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_anonymised(self):
        """Erased on request: the address was replaced by the undeliverable one made from the pk."""
        return self.pk is not None and self.email == anonymous_email(self.pk)

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def is_brand_team(self):
        """Brand team members edit the portal in Wagtail; partner users never do."""
        return self.is_active and self.has_perm("wagtailadmin.access_admin")

    @property
    def requires_mfa(self):
        return self.is_superuser or self.is_brand_team
