import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "correct horse battery staple"  # noqa: S105 - test data


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Verified by default, as most tests want a user who can log in."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
        if create:
            self.save()


# --- investigations ----------------------------------------------------------------


def mfa_on(user: User) -> User:
    """Give `user` an authenticator app (TOTP), as if set up on the security page."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


class InvestigationFactory(factory.django.DjangoModelFactory):
    """An investigation made by its service: default columns, the creator as lead."""

    class Meta:
        model = "investigations.Investigation"

    title = factory.Sequence(lambda n: f"Investigation {n}")
    codename = factory.Sequence(lambda n: f"inquiry-{n}")
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from investigations import services

        return services.investigation_create(
            actor=kwargs["created_by"],
            title=kwargs["title"],
            codename=kwargs["codename"],
            summary=kwargs.get("summary", ""),
            countries=kwargs.get("countries", []),
        )
