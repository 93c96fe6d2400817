"""Settings for the test suite: production settings with test-only secrets.

DEBUG stays off, as in production, so tests see what users see.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "qalam-test-only-secret-key-" + "k" * 40)
os.environ.setdefault("QALAM_KEY_ENCRYPTION_KEY", "qalam-test-only-key-encryption-key")
os.environ.setdefault("QALAM_VAR_DIR", tempfile.mkdtemp(prefix="qalam-test-var-"))

from .settings import *  # noqa: E402,F403
from .settings import STORAGES  # noqa: E402

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The manifest needs collectstatic; tests serve static files from the finders.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests have no internet. Media links under https://media.qalam.test/ are embedded by
# a stub finder (tests/embed_finders.py); under https://unreachable.qalam.test/ by
# Wagtail's own oEmbed finder asking a closed port on loopback, which fails as an
# unreachable provider does; anything else by the oEmbed finder as in production.
WAGTAILEMBEDS_FINDERS = [
    {"class": "tests.embed_finders"},
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [
            {
                "endpoint": "http://127.0.0.1:9/oembed",
                "urls": [r"^https://unreachable\.qalam\.test/.+$"],
            }
        ],
    },
    {"class": "wagtail.embeds.finders.oembed"},
]
