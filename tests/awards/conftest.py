import pytest

from tests.awards.helpers import MP3, PDF, PNG, upload  # noqa: F401 - e2e imports them here
from tests.factories import CategoryFactory, EntryFactory, UserFactory


@pytest.fixture
def entrant(db):
    return UserFactory(country="KG", birth_year=1990)


@pytest.fixture
def category(db):
    return CategoryFactory()


@pytest.fixture
def draft(entrant, category):
    return EntryFactory(owner=entrant, category=category)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Attachments land in a per-test folder, not in var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
    }
