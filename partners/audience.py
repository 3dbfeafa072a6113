"""The one audience mechanism: content aimed at partner kinds, empty meaning every partner."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel


def sees_everything(user):
    return user.is_authenticated and (user.is_superuser or user.is_brand_team)


def current_kind_ids(user):
    """The kinds of the active partner the user currently works for, as a lazy subquery."""
    from .models import PartnerKind

    return PartnerKind.objects.filter(
        partners__is_active=True,
        partners__memberships__user=user,
        partners__memberships__ended_at__isnull=True,
    ).values("pk")


class AudienceQuerySetMixin:
    """Adds `visible_to(user)` to any queryset of a model that uses `AudienceMixin`."""

    def visible_to(self, user):
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        from .access import current_membership

        if current_membership(user) is None:
            return self.none()
        audiences = self.model._meta.get_field("audiences")
        through = audiences.remote_field.through
        aimed = through.objects.values(audiences.m2m_field_name())
        aimed_at_mine = aimed.filter(**{f"{audiences.m2m_reverse_field_name()}__in": current_kind_ids(user)})
        return self.filter(~Q(pk__in=aimed) | Q(pk__in=aimed_at_mine))


class AudienceQuerySet(AudienceQuerySetMixin, models.QuerySet):
    pass


class AudienceMixin(models.Model):
    """Aim a page or snippet at some partner kinds; leave empty to show it to every partner."""

    audiences = ParentalManyToManyField(
        "partners.PartnerKind",
        blank=True,
        related_name="+",
        verbose_name=_("doelgroep"),
        help_text=_("Leeg laten om alle partners te bereiken."),
    )

    audience_panels = [FieldPanel("audiences", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        abstract = True

    def is_visible_to(self, user):
        return type(self)._default_manager.filter(pk=self.pk).visible_to(user).exists()
