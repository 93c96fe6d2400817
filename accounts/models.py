from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.enums import BIRTH_YEAR_MIN


class UserManager(BaseUserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        return (email or "").strip().lower()

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class Language(models.Model):
    """A language someone reads or writes in, by its ISO 639-1 code."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The language's name in the language of the current request."""
        try:
            return str(get_language_info(self.code)["name_translated"])
        except KeyError:
            return self.code


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("How your name appears to others on Qalam."),
    )
    country = CountryField(_("country"), blank=True)
    outlet = models.CharField(
        _("outlet or organisation"),
        max_length=200,
        blank=True,
        help_text=_("The newsroom or organisation you work for, if any."),
    )
    languages = models.ManyToManyField(
        Language,
        verbose_name=_("languages you read"),
        blank=True,
        related_name="readers",
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        help_text=_("Used only to check eligibility for age-limited award categories."),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    preferred_language = models.CharField(
        _("language of emails"),
        max_length=10,
        choices=settings.LANGUAGES,
        # Blank for accounts from before the choice existed: their emails keep
        # following the language of the page that caused them.
        blank=True,
        default="",
        help_text=_("Every email Qalam sends you is written in this language."),
    )
    accepts_broadcasts = models.BooleanField(
        _("emails from award organisers"),
        default=True,
        help_text=_(
            "News that the organisers of an award you entered send to its "
            "entrants. Results and emails about your own entries still reach you."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=BIRTH_YEAR_MIN, birth_year__lte=2100),
                name="accounts_user_birth_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name or super().get_full_name() or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.first_name or self.email

    @property
    def public_name(self) -> str:
        """The name public pages, feeds and certificates show (`public_name`)."""
        return public_name(self.display_name, self.first_name, self.last_name)


def public_name(display_name: str, first_name: str, last_name: str) -> str:
    """The name anyone on the internet may see: the chosen display name, else the
    first and last names, else a dash; never the email address."""
    full = " ".join(part for part in (first_name, last_name) if part)
    return display_name or full or "—"
