"""The one audience mechanism: content aimed at partner kinds, empty meaning every partner."""

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel


def sees_everything(user):
    return user.is_authenticated and (user.is_superuser or user.is_brand_team)


class AudienceQuerySetMixin:
    """Adds `visible_to(user)` to any queryset of a model that uses `AudienceMixin`."""

    def visible_to(self, user):
        from .access import current_membership

        membership = current_membership(user)
        if membership is None:
            # The brand side has no membership and sees everything; anyone else without one sees nothing.
            return self if sees_everything(user) else self.none()
        if not membership.partner.is_active:
            return self.none()
        return self.aimed_at(membership.partner_id)

    def aimed_at(self, partner):
        """What this partner may see: aimed at everyone, or at one of its kinds.

        `partner` is a pk, or an expression for one as seen from a subquery of these rows: when these rows are
        themselves a subquery of memberships, `OuterRef(OuterRef("partner_id"))`.
        """
        audiences = self.model._meta.get_field("audiences")
        through = audiences.remote_field.through
        owner = audiences.m2m_field_name()
        aimed = Exists(through.objects.filter(**{owner: OuterRef("pk")}))
        aimed_at_partner = Exists(
            through.objects.filter(
                **{owner: OuterRef("pk"), f"{audiences.m2m_reverse_field_name()}__partners": partner}
            )
        )
        return self.filter(~aimed | aimed_at_partner)


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
        if self.pk is None:  # an unsaved page in the editor's preview
            return sees_everything(user)
        return type(self)._default_manager.filter(pk=self.pk).visible_to(user).exists()
