import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.example")
    # Plain names (no "'s Gravensande"), so tests can look for them in HTML without escaping.
    first_name = factory.Iterator(["Anna", "Bram", "Chloë", "Daan", "Eva", "Finn", "Iris", "Joost", "Noor", "Sem"])
    last_name = factory.Iterator(["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"])
    password = factory.django.Password("Partnerportaal-2026")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Logins need a verified address, as allauth's mandatory verification demands."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
