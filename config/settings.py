"""Qalam settings: one module, driven by the environment.

Every value has an embedded default that runs on a laptop (SQLite, local files, Celery
in-process, console email). Production sets environment variables only; see
`.env.example` for the full list and docs/configuration.md for what each one does.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from botocore.config import Config as BotoConfig

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# --- Core ----------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)


def _require_secret(name: str, dev_default: str) -> str:
    """Return the secret `name`; without DEBUG a missing one stops the process."""
    value = env.str(name, default="")
    if value:
        return value
    if DEBUG:
        return dev_default
    sys.exit(
        f"qalam: {name} is not set; it is required when DEBUG is off "
        f"(set {name}, or DEBUG=1 for local development)."
    )


SECRET_KEY = _require_secret(
    "SECRET_KEY", "django-insecure-qalam-local-development-only"
)
# Wraps the private halves of the investigations' workspace keys. Kept apart from
# SECRET_KEY so that rotating one never forces rotating the other.
QALAM_KEY_ENCRYPTION_KEY = _require_secret(
    "QALAM_KEY_ENCRYPTION_KEY", "qalam-local-development-key-encryption-key"
)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
VAR_DIR = Path(env.str("QALAM_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    # Ours first, so our templates override the libraries' ones.
    "accounts",
    "awards",
    "investigations",
    "secure_docs",
    "cms",
    "demo",  # seed data for `make run`; after the apps it seeds
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales, as wagtail-localize asks
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "django_countries",
    "storages",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data ----------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'qalam.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# PostgreSQL through a pool of connections in each process (psycopg's pool behind
# Django's "pool" option): at most QALAM_DB_POOL_SIZE connections, shared by the
# process's threads, so a gunicorn worker with N threads needs a pool of N. A request
# that finds none free waits QALAM_DB_POOL_TIMEOUT seconds, then fails. Each
# connection is checked as it is handed out (CONN_HEALTH_CHECKS, below, makes Django
# ask the pool to), so a restarted PostgreSQL costs no failed request. 0 (the
# default) opens a connection per request (CONN_MAX_AGE).
# docs/operator-guide.md "Sizing" gives the figures for a server.
DB_POOL_SIZE = env.int("QALAM_DB_POOL_SIZE", default=0)
if DB_POOL_SIZE and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DB_POOL_SIZE,
        "timeout": env.float("QALAM_DB_POOL_TIMEOUT", default=10.0),
        "max_idle": 300,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them instead
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://qalam")}

# --- Files ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
SECURE_DOCS_ROOT = VAR_DIR / "secure"

AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="us-east-1")
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="")
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="")
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
QALAM_SECURE_BUCKET_NAME = env.str("QALAM_SECURE_BUCKET_NAME", default="")


def _s3_storage(bucket: str, prefix: str = "") -> dict:
    """A private S3 bucket: no public ACL, short-lived signed URLs, no overwrites."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            "access_key": env.str(f"{prefix}AWS_ACCESS_KEY_ID", default="")
            or AWS_ACCESS_KEY_ID,
            "secret_key": env.str(f"{prefix}AWS_SECRET_ACCESS_KEY", default="")
            or AWS_SECRET_ACCESS_KEY,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            # Fail fast when S3 is down: a clear error beats a hung upload.
            "client_config": BotoConfig(
                s3={"addressing_style": "path"},
                signature_version="s3v4",
                connect_timeout=5,
                read_timeout=60,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }


STORAGES = {
    "default": _s3_storage(AWS_STORAGE_BUCKET_NAME)
    if AWS_STORAGE_BUCKET_NAME
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
    # Ciphertext only; never served by URL, always streamed through a permission check.
    "secure_docs": _s3_storage(QALAM_SECURE_BUCKET_NAME, prefix="QALAM_SECURE_")
    if QALAM_SECURE_BUCKET_NAME
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": SECURE_DOCS_ROOT, "base_url": None},
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Accounts ------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Argon2id first (accounts/hashers.py says why its figures); the others only verify
# hashes made before it and are replaced at the user's next sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.QalamArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Qalam] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = (
    "https" if env.bool("QALAM_HTTPS", default=False) else "http"
)
# Per IP and per account. Counted in the cache, so production needs a shared one
# (CACHE_URL=redis://...) for the limits to hold across web processes.
# Sign-ins per address per minute. A newsroom behind one NAT on deadline day, or a
# load test from one machine, may need more: QALAM_LOGIN_RATE_LIMIT (allauth's
# syntax). Failed sign-ins stay limited per address and per account below.
ACCOUNT_RATE_LIMITS = {
    "login": env.str("QALAM_LOGIN_RATE_LIMIT", default="30/m/ip"),
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Passkeys as a second factor only: signing in still starts with the password.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Qalam"
# One 30-second step either side, as RFC 6238 suggests for clock drift.
MFA_TOTP_TOLERANCE = 1

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; anonymous has no rights

COUNTRIES_FIRST = ["KZ", "UZ", "KG", "TJ", "TM"]
COUNTRIES_FIRST_BREAK = "──────────"
COUNTRIES_FIRST_REPEAT = False

# --- Languages -----------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("uz", "Oʻzbekcha"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers for kk, uz, ky, tg, tk from CLDR where Django's are missing or
# wrong (config/formats/__init__.py); other languages keep Django's.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Staff pick the admin's language under Account → Locale; Wagtail would offer
# only the languages it ships (not kk, uz, ky, tg, tk): locale/ carries the rest.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Wagtail -------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Qalam"
WAGTAILADMIN_BASE_URL = env.str("QALAM_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "odt", "docx", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Email ---------------------------------------------------------------------------

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
for _key in (
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
):
    if _key in _email:
        globals()[_key] = _email[_key]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Qalam <noreply@qalam.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery --------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker every task runs in-process, at once, and raises like a call would.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or (
    CELERY_BROKER_URL or None
)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=30 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=35 * 60)
# Redis re-delivers an unacknowledged task after this long; it must outlast the
# longest task or a slow re-encryption would run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

# --- Security ------------------------------------------------------------------------

QALAM_HTTPS = env.bool("QALAM_HTTPS", default=False)
SECURE_SSL_REDIRECT = QALAM_HTTPS
SESSION_COOKIE_SECURE = QALAM_HTTPS
CSRF_COOKIE_SECURE = QALAM_HTTPS
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=31536000 if QALAM_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=QALAM_HTTPS)
if env.bool("QALAM_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    # The client's address is the one the proxy adds to X-Forwarded-For (the last
    # QALAM_TRUSTED_PROXY_COUNT hops are ours). Without it every person would share
    # the proxy's address: one sign-in limit for the whole site, and their sign-ins
    # queued behind one lock on deadline day.
    ALLAUTH_TRUSTED_PROXY_COUNT = env.int("QALAM_TRUSTED_PROXY_COUNT", default=1)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Wagtail's live preview shows the page in a same-origin frame; every other page is
# refused to foreign frames. Django's deploy check W019 wants DENY, which would
# break the preview, so it is silenced on purpose.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "boto3": {"level": "WARNING"},
        "botocore": {"level": "WARNING"},
        "gnupg": {"level": "WARNING"},
        # Wagtail 8 runs its background work through django-tasks, which logs every
        # task twice at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env.str("LOG_LEVEL_WAGTAIL", default="WARNING")},
        # WeasyPrint (certificates) logs each step of every PDF, and of parsing its
        # own stylesheets at import, at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# --- Investigations ------------------------------------------------------------------
# Celery beat: the daily "due soon" digest for members (investigations/tasks.py).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "investigations-due-soon-digest": {
        "task": "investigations.tasks.send_due_digests",
        "schedule": crontab(hour=5, minute=0),  # 05:00 UTC: morning in Central Asia
    },
}

# --- Secure documents ----------------------------------------------------------------
# Plaintext bytes per uploaded file, and per investigation (every version counts).
SECURE_DOCS_MAX_FILE_SIZE = env.int(
    "QALAM_SECURE_MAX_FILE_SIZE", default=2 * 1024 * 1024 * 1024
)
SECURE_DOCS_WORKSPACE_QUOTA = env.int(
    "QALAM_SECURE_WORKSPACE_QUOTA", default=50 * 1024 * 1024 * 1024
)
# A re-encryption job silent this long, or a stored object no version references
# this old, belongs to a worker or an upload that died: the hourly reconcile closes
# the job and deletes the object. Longer than any task (the hard time limit) and any
# upload may take, so nothing in flight is touched.
SECURE_DOCS_STALE_AFTER = env.int(
    "QALAM_SECURE_STALE_AFTER", default=CELERY_TASK_TIME_LIMIT + 10 * 60
)
# --- Search inside workspaces (secure_docs/search) ------------------------------------
# A worker reads each document into memory to index it: larger files are not read
# (the document says so); zip containers (DOCX, XLSX, an email's .zip) may expand to
# at most SEARCH_MAX_EXPANDED; PDFs are read up to SEARCH_MAX_PAGES pages, and OCR
# gives up on a page after SEARCH_OCR_TIMEOUT seconds.
SEARCH_MAX_BYTES = env.int("QALAM_SEARCH_MAX_BYTES", default=100 * 1024 * 1024)
SEARCH_MAX_EXPANDED = env.int("QALAM_SEARCH_MAX_EXPANDED", default=200 * 1024 * 1024)
SEARCH_MAX_PAGES = env.int("QALAM_SEARCH_MAX_PAGES", default=300)
SEARCH_OCR_TIMEOUT = env.int("QALAM_SEARCH_OCR_TIMEOUT", default=120)
# One run reads a document at a time (a claim on it, renewed at every page); a claim
# silent this long belongs to a dead worker, and another run takes the document over.
SEARCH_CLAIM_TTL = 15 * 60
CELERY_BEAT_SCHEDULE["secure-docs-index-reconcile"] = {
    "task": "secure_docs.tasks.index_reconcile",
    "schedule": crontab(minute=45),  # hourly: resume what a dead worker left
}
CELERY_BEAT_SCHEDULE["secure-docs-verify"] = {
    "task": "secure_docs.tasks.verify_documents",
    "schedule": crontab(hour=2, minute=30),
}
CELERY_BEAT_SCHEDULE["secure-docs-reconcile-recipients"] = {
    "task": "secure_docs.tasks.reconcile_recipients",
    "schedule": crontab(minute=15),  # hourly
}
CELERY_BEAT_SCHEDULE["secure-docs-key-expiry-reminders"] = {
    "task": "secure_docs.tasks.remind_expiring_keys",
    "schedule": crontab(hour=6, minute=0),
}

# --- Awards (juries) -----------------------------------------------------------------
# Celery beat: remind jurors with unscored entries 48 hours before a round closes
# (awards/jury/tasks.py); each juror is reminded once per round.
CELERY_BEAT_SCHEDULE["awards-jury-reminders"] = {
    "task": "awards.jury.tasks.jury_reminders_send",
    "schedule": crontab(minute=15),  # hourly
}

# --- Public site (cms) ---------------------------------------------------------------
# Routable award pages (an entry page under its award), the sitemap, and a cache of
# anonymous public pages emptied when results are published or a page is (un)published
# (cms/cache.py). Celery beat: every minute, purge for scheduled results whose time
# has come (awards/tasks.py results_publications_due).
INSTALLED_APPS += ["wagtail.contrib.routable_page", "wagtail.contrib.sitemaps"]
MIDDLEWARE.insert(0, "cms.cache.PublicPageCacheMiddleware")
QALAM_PUBLIC_CACHE_SECONDS = env.int("QALAM_PUBLIC_CACHE_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["awards-results-publications-due"] = {
    "task": "awards.tasks.results_publications_due",
    "schedule": crontab(),  # every minute
}
# An entry's own video or audio file, uploaded resumably with tus
# (awards/media_upload/): at most QALAM_MEDIA_MAX_BYTES (default 4 GiB). Uploads left
# unfinished for a day are deleted, their S3 multipart uploads aborted, by the hourly
# beat task.
QALAM_MEDIA_MAX_BYTES = env.int("QALAM_MEDIA_MAX_BYTES", default=4 * 1024**3)
CELERY_BEAT_SCHEDULE["awards-media-uploads-expire"] = {
    "task": "awards.tasks.media_uploads_expire",
    "schedule": crontab(minute=40),  # hourly
}
# Organisers' broadcasts a lost worker left half sent (awards/tasks.py).
CELERY_BEAT_SCHEDULE["awards-broadcasts-resume"] = {
    "task": "awards.tasks.broadcasts_resume",
    "schedule": crontab(minute="*/5"),
}

# --- Security checks (issue 8) -------------------------------------------------------
# A Content-Security-Policy with no inline script: every script is a file served from
# our own origin (static/js/qalam.js and the apps' files). `<script type=
# "application/json">` data blocks are not executed and stay allowed. Wagtail's admin
# still renders inline <script> blocks in its widgets and panels (date pickers, inline
# panels, workflow), so /admin/ is left out of the strict policy; it is reached only by
# signed-in staff. The cache middleware stores whole responses, so cached public pages
# carry the header too (tests/config/test_security_headers.py).
INSTALLED_APPS += ["csp"]
EMBED_FRAME_SOURCES = env.list(
    "QALAM_EMBED_FRAME_SOURCES",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://w.soundcloud.com",
    ],
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The site's own stylesheet; `style=` attributes in a few templates and
        # Wagtail's rich text still need inline styles.
        "style-src": ["'self'", "'unsafe-inline'"],
        # Images stored in S3 are shown by presigned URL from the S3 endpoint.
        "img-src": [
            "'self'",
            "data:",
            *(
                [AWS_S3_ENDPOINT_URL or "https://*.amazonaws.com"]
                if AWS_STORAGE_BUCKET_NAME
                else []
            ),
        ],
        # An entry's uploaded video or audio plays from our origin, which redirects
        # to a presigned URL of the S3 endpoint when the files are on S3.
        "media-src": [
            "'self'",
            *(
                [AWS_S3_ENDPOINT_URL or "https://*.amazonaws.com"]
                if AWS_STORAGE_BUCKET_NAME
                else []
            ),
        ],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        # The players an entry's media link is embedded with (cms/works.py): the
        # video and audio providers of Wagtail's oEmbed list that partners use.
        "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
    },
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Ops ---
# A kept connection (CONN_MAX_AGE) is checked before a request uses it, so requests
# after a PostgreSQL restart reconnect instead of failing (tests/faults).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# EMAIL_URL=filemail:///path writes each email to a file there (operators' debugging,
# the journeys' inbox). django-environ drops the path's leading slash: take it whole.
if EMAIL_BACKEND.endswith(".filebased.EmailBackend"):
    EMAIL_FILE_PATH = urlsplit(env.str("EMAIL_URL")).path

# --- Partner API webhooks (cms/partners/) ---------------------------------------------
# Each POST waits this long; a timeout, refusal or non-2xx is tried again after 30 s,
# 1, 2, 4… minutes, up to the maximum number of attempts, then marked failed.
QALAM_WEBHOOK_TIMEOUT_SECONDS = env.float("QALAM_WEBHOOK_TIMEOUT_SECONDS", default=5.0)
QALAM_WEBHOOK_MAX_ATTEMPTS = env.int("QALAM_WEBHOOK_MAX_ATTEMPTS", default=6)
QALAM_WEBHOOK_BACKOFF_SECONDS = env.int("QALAM_WEBHOOK_BACKOFF_SECONDS", default=30)
# Webhooks only go to public internet addresses (no loopback, private network or
# cloud metadata address) unless this is on: a test rig, a partner on a VPN.
QALAM_WEBHOOK_ALLOW_PRIVATE = env.bool("QALAM_WEBHOOK_ALLOW_PRIVATE", default=False)
# A retry whose queued task was lost (broker flushed, worker gone) is sent again;
# so is a publication's event whose deliveries were never made (its signal failed).
CELERY_BEAT_SCHEDULE["partner-webhooks-overdue"] = {
    "task": "cms.partners.tasks.webhook_deliveries_overdue",
    "schedule": crontab(minute="*/5"),
}
