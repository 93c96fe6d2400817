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


# --- awards ----

import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from awards.enums import AiUse, Licence  # noqa: E402
from awards.models import Award, Category, Entry  # noqa: E402


class AwardFactory(factory.django.DjangoModelFactory):
    """An award open now: it opened a month ago and closes in a month."""

    class Meta:
        model = Award

    title = factory.Sequence(lambda n: f"Award {n}")
    slug = factory.Sequence(lambda n: f"award-{n}")
    year = factory.LazyFunction(lambda: timezone.now().year)
    timezone = "Asia/Almaty"
    opens_date = factory.LazyFunction(
        lambda: timezone.now().date() - datetime.timedelta(days=30)
    )
    closes_date = factory.LazyFunction(
        lambda: timezone.now().date() + datetime.timedelta(days=30)
    )
    max_entries_per_person = 3


class ClosedAwardFactory(AwardFactory):
    """An award whose entries closed two days ago: the jury's turn (shortlists and
    prizes wait until entrants can no longer withdraw)."""

    opens_date = factory.LazyFunction(
        lambda: timezone.now().date() - datetime.timedelta(days=60)
    )
    closes_date = factory.LazyFunction(
        lambda: timezone.now().date() - datetime.timedelta(days=2)
    )


class CategoryFactory(factory.django.DjangoModelFactory):
    """A category with no eligibility limits."""

    class Meta:
        model = Category
        skip_postgeneration_save = True

    award = factory.SubFactory(AwardFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class EntryFactory(factory.django.DjangoModelFactory):
    """A complete draft that passes a category without limits."""

    class Meta:
        model = Entry

    category = factory.SubFactory(CategoryFactory)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Entry {n}")
    summary = "A story about water."
    outlet = "Kloop"
    country = "KG"
    language_id = "ru"
    published_on = factory.LazyFunction(
        lambda: timezone.now().date() - datetime.timedelta(days=60)
    )
    publication_urls = factory.LazyFunction(lambda: ["https://kloop.kg/story"])
    ai_use = AiUse.NONE
    licence = Licence.CC_BY_NC_ND
    declares_original_work = True
    declares_right_to_submit = True
    consents_to_publish = True


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


# --- awards: juries ------------------------------------------------------------------

from decimal import Decimal  # noqa: E402


class EligibleEntryFactory(EntryFactory):
    """A submitted entry the organisers found eligible: ready for a first round."""

    state = "eligible"
    reference = factory.Sequence(lambda n: f"QA-{n:06d}")
    submitted_at = factory.LazyFunction(timezone.now)


class CriterionFactory(factory.django.DjangoModelFactory):
    """A criterion of the award's rubric scored 0–10 in whole points."""

    class Meta:
        model = "awards.Criterion"

    award = factory.SubFactory(AwardFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal(1)
    min_score = Decimal(0)
    max_score = Decimal(10)
    step = Decimal(1)


class RoundFactory(factory.django.DjangoModelFactory):
    """An open blind first round of scoring, closing in a week."""

    class Meta:
        model = "awards.Round"
        skip_postgeneration_save = True

    award = factory.SubFactory(AwardFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    position = 1
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
    jurors_per_entry = 2
    is_blind = True
    state = "open"

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class JurorFactory(factory.django.DjangoModelFactory):
    """An accepted juror with MFA on who reads Russian and English."""

    class Meta:
        model = "awards.Juror"
        skip_postgeneration_save = True

    award = factory.SubFactory(AwardFactory)
    user = factory.SubFactory(UserFactory, outlet="Juror Weekly")
    email = factory.LazyAttribute(lambda o: o.user.email)
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    invited_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.user.languages.set(
                extracted if extracted is not None else ["ru", "en"]
            )
            mfa_on(self.user)


# --- public site ----------------------------------------------------------------------


class FinalRoundFactory(RoundFactory):
    """A decided final round (its prizes are given)."""

    name = factory.Sequence(lambda n: f"Final {n}")
    kind = "final"
    position = 2
    state = "decided"


class WinningEntryFactory(EligibleEntryFactory):
    """An entry the jury made a winner."""

    state = "winner"


class PrizeFactory(factory.django.DjangoModelFactory):
    """A winner's prize with a jury citation, in a decided final round."""

    class Meta:
        model = "awards.Prize"

    round = factory.SubFactory(FinalRoundFactory)
    entry = factory.SubFactory(
        WinningEntryFactory, category__award=factory.SelfAttribute("..round.award")
    )
    kind = "winner"
    citation = factory.Sequence(lambda n: f"Citation number {n} from the jury.")
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)


# --- awards: teams --------------------------------------------------------------------


def on_team(award, user=None, *, role: str = "organiser"):
    """Put `user` (a new account if none) on `award`'s team through the service,
    as the platform admin would; returns the user."""
    from awards.services import teams

    user = user or UserFactory()
    admin = User.objects.filter(is_superuser=True, is_active=True).first()
    admin = admin or UserFactory(is_staff=True, is_superuser=True)
    teams.team_member_add(award=award, email=user.email, role=role, actor=admin)
    return user
