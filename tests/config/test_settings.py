"""Production settings, started for real in a child process."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
    "'default': s.STORAGES['default']['BACKEND'], "
    "'secure': s.STORAGES['secure_docs']['BACKEND'], "
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'cache': s.CACHES['default']['BACKEND'], "
    "'email': s.EMAIL_BACKEND}))"
)

PRODUCTION = {
    "DEBUG": "0",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": "k3y-" + "8Gx!vQ2#pLz9" * 5,
    "QALAM_KEY_ENCRYPTION_KEY": "a-separate-key-encryption-secret-of-length",
    "ALLOWED_HOSTS": "qalam.example.org",
}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("secret", ["SECRET_KEY", "QALAM_KEY_ENCRYPTION_KEY"])
def test_production_refuses_to_start_without_a_secret(subprocess_env, secret):
    env = {**subprocess_env, **PRODUCTION}
    del env[secret]
    result = run(env, "-c", PROBE)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"qalam: {secret} is not set; it is required when DEBUG is off "
        f"(set {secret}, or DEBUG=1 for local development).\n"
    )


def test_production_with_both_secrets_starts_with_embedded_services(subprocess_env):
    result = run({**subprocess_env, **PRODUCTION}, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "engine": "django.db.backends.sqlite3",
        "default": "django.core.files.storage.FileSystemStorage",
        "secure": "django.core.files.storage.FileSystemStorage",
        "eager": True,
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "email": "django.core.mail.backends.console.EmailBackend",
    }


def test_production_services_come_from_the_environment(subprocess_env):
    env = {
        **subprocess_env,
        **PRODUCTION,
        "DATABASE_URL": "postgres://qalam:pw@db.internal:5432/qalam",
        "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
        "CACHE_URL": "redis://redis.internal:6379/1",
        "EMAIL_URL": "smtp+tls://mailer:pw@smtp.internal:587",
        "AWS_STORAGE_BUCKET_NAME": "qalam-media",
        "QALAM_SECURE_BUCKET_NAME": "qalam-secure",
    }
    result = run(env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "engine": "django.db.backends.postgresql",
        "default": "storages.backends.s3.S3Storage",
        "secure": "storages.backends.s3.S3Storage",
        "eager": False,
        "cache": "django.core.cache.backends.redis.RedisCache",
        "email": "django.core.mail.backends.smtp.EmailBackend",
    }


def test_check_deploy_is_clean_with_the_https_variables(subprocess_env):
    env = {
        **subprocess_env,
        **PRODUCTION,
        "QALAM_HTTPS": "1",
        "QALAM_BEHIND_PROXY": "1",
        "QALAM_VAR_DIR": str(settings.VAR_DIR),
    }
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_check_deploy_without_https_variables_warns(subprocess_env):
    env = {**subprocess_env, **PRODUCTION, "QALAM_VAR_DIR": str(settings.VAR_DIR)}
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 1
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no HTTPS redirect
