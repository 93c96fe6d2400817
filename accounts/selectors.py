"""Reads of accounts data."""

from django.db.models import QuerySet

from accounts.models import Language


def languages_readable() -> QuerySet[Language]:
    """Every language a profile may list, in a stable order."""
    return Language.objects.all()
