"""Every write to accounts goes through here."""

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Language, User

# Emails pick their language through these (reads, so they live in selectors).
from accounts.selectors import email_language, language_for  # noqa: F401


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    display_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    email_verified: bool = False,
    preferred_language: str = "",
) -> User:
    """Create a user who logs in with `email`.

    With `email_verified` the address is recorded as verified and primary, as if the
    person had followed the link in the verification email (demo data, staff invites).
    Emails reach them in `preferred_language`, by default the active language.
    """
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
        preferred_language=language_for(
            None, fallback=preferred_language or translation.get_language()
        ),
    )
    if email_verified:
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
    return user


@transaction.atomic
def user_profile_update(
    *,
    user: User,
    display_name: str,
    country: str,
    outlet: str,
    languages: list[Language],
    birth_year: int | None,
    bio: str,
    preferred_language: str | None = None,
    accepts_broadcasts: bool | None = None,
) -> User:
    """Replace the editable profile fields of `user`.

    The birth year may not lie in the future, nor before 1900 (database constraint).
    `preferred_language` (one of the site's languages) and `accepts_broadcasts`
    are left alone when None.
    """
    if birth_year is not None and birth_year > current_year():
        raise ValidationError(
            {"birth_year": _("The birth year cannot be in the future.")}
        )
    user.display_name = display_name.strip()
    user.country = country
    user.outlet = outlet.strip()
    user.birth_year = birth_year
    user.bio = bio.strip()
    fields = ["display_name", "country", "outlet", "birth_year", "bio"]
    if preferred_language is not None:
        user.preferred_language = preferred_language
        fields.append("preferred_language")
    if accepts_broadcasts is not None:
        user.accepts_broadcasts = accepts_broadcasts
        fields.append("accepts_broadcasts")
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    user.languages.set(languages)
    return user


def current_year() -> int:
    """This year in UTC; profile validation and the demo data share it."""
    return datetime.datetime.now(tz=datetime.UTC).year


@transaction.atomic
def user_preferred_language_set(*, user: User, language: str) -> User:
    """Set the language every email to `user` is written in (one of the site's)."""
    user.preferred_language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def user_broadcasts_unsubscribe(*, user: User) -> bool:
    """Stop organisers' broadcasts to `user` (their one-click unsubscribe link);
    returns whether anything changed. Transactional emails still reach them."""
    return bool(
        User.objects.filter(pk=user.pk, accepts_broadcasts=True).update(
            accepts_broadcasts=False
        )
    )
