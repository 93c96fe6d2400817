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
