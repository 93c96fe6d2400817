"""The live stack the journeys run against.

Django's live server runs in the test process (so email stays in locmem and the
tests read the links from it), Celery tasks run in process, and the secure_docs
storage is the real SeaweedFS S3 server from tests/conftest.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD


@pytest.fixture
def stack(transactional_db, s3_server, settings, tmp_path, tasks_in_process):
    """Public site seeded, media on disk, encrypted documents in S3."""
    from awards.jury.models import Juror  # noqa: F401 (apps ready)
    from cms.demo import seed_site
    from tests.awards.jury_helpers import restore_languages

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
        "secure_docs": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3_server.secure_bucket,
                "endpoint_url": s3_server.endpoint_url,
                "region_name": "us-east-1",
                "access_key": s3_server.access_key,
                "secret_key": s3_server.secret_key,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    restore_languages()
    return seed_site()


def sign_in(page, base: str, email: str, *, secret: str | None = None) -> None:
    """Sign in on /accounts/login/, with the authenticator step when `secret`."""
    from tests.accounts.test_auth_flows import totp

    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    if secret is not None:
        page.fill("input[name=code]", totp(secret))
        page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
