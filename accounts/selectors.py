"""Reads of accounts data."""

from collections.abc import Iterator
from contextlib import contextmanager

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from accounts.models import Language, User


def languages_readable() -> QuerySet[Language]:
    """Every language a profile may list, in a stable order."""
    return Language.objects.all()


def language_for(recipient: User | str | None, *, fallback: str | None = None) -> str:
    """The language every email to `recipient` (a user or an address) is written in.

    A person with an account: the language of emails on their profile. An address
    with no account (an invitation), or an account that never chose one: `fallback`
    (the language the sender chose, or of the page that caused the email), else the
    site's default language.
    """
    codes = {code for code, _name in settings.LANGUAGES}
    if isinstance(recipient, str):
        recipient = User.objects.filter(email__iexact=recipient.strip()).first()
    preferred = getattr(recipient, "preferred_language", None)
    if preferred in codes:
        return preferred
    if fallback:
        fallback = fallback.split("-")[0]
        if fallback in codes:
            return fallback
    return settings.LANGUAGE_CODE


@contextmanager
def email_language(
    recipient: User | str | None, *, fallback: str | None = None
) -> Iterator[str]:
    """Render an email inside this: activates `language_for(recipient)`, yields it."""
    language = language_for(recipient, fallback=fallback)
    with translation.override(language):
        yield language


def has_mfa(user: User) -> bool:
    """Whether `user` has a second factor: an authenticator app or a security key.

    Recovery codes alone do not count: they back up a factor, they are not one.
    """
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
