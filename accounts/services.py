"""Every write to accounts goes through here."""

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Language, User


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    display_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    email_verified: bool = False,
) -> User:
    """Create a user who logs in with `email`.

    With `email_verified` the address is recorded as verified and primary, as if the
    person had followed the link in the verification email (demo data, staff invites).
    """
    user = User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
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
) -> User:
    """Replace the editable profile fields of `user`.

    The birth year may not lie in the future, nor before 1900 (database constraint).
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
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "country", "outlet", "birth_year", "bio"])
    user.languages.set(languages)
    return user


def current_year() -> int:
    """This year in UTC; profile validation and the demo data share it."""
    return datetime.datetime.now(tz=datetime.UTC).year
