import factory

from accounts.factories import UserFactory

from .models import EmailDomain, Invitation, Membership, Partner, PartnerKind, Role


class PartnerKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerKind
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Soort {n}")
    slug = factory.Sequence(lambda n: f"soort-{n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    city = "Utrecht"

    @factory.post_generation
    def kinds(partner, create, extracted, **kwargs):
        if create and extracted:
            partner.kinds.set(extracted)
            partner.save()

    @factory.post_generation
    def domains(partner, create, extracted, **kwargs):
        for domain in extracted or []:
            EmailDomain.objects.create(partner=partner, domain=domain)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Role.STAFF


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    partner = factory.SubFactory(PartnerFactory)
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@voorbeeld.example")
    role = Role.STAFF
