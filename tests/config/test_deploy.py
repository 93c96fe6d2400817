"""docker-compose.yml and .env.example agree with the production settings."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

BASE = Path(settings.BASE_DIR)


def compose() -> dict:
    return yaml.safe_load((BASE / "docker-compose.yml").read_text())


def env_example() -> dict[str, str]:
    values = {}
    for line in (BASE / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def variables_read_by_settings() -> set[str]:
    source = (BASE / "config" / "settings.py").read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z0-9_]+)"', source))
    names |= set(re.findall(r'_require_secret\(\s*"([A-Z0-9_]+)"', source))
    # Built from a prefix: the secure bucket's own credentials.
    names |= {"QALAM_SECURE_AWS_ACCESS_KEY_ID", "QALAM_SECURE_AWS_SECRET_ACCESS_KEY"}
    return names


def test_compose_runs_every_part_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis", "s3"}
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    for name in ("web", "worker", "beat"):
        assert services[name]["env_file"] == ".env"
        assert set(services[name]["depends_on"]) == {"postgres", "redis", "s3"}
    assert "celery -A config worker" in services["worker"]["command"]
    assert "celery -A config beat" in services["beat"]["command"]
    assert "gunicorn -c config/gunicorn.py config.wsgi" in services["web"]["command"]
    assert set(compose()["volumes"]) == {"postgres-data", "redis-data", "s3-data"}
    assert (BASE / "deploy" / "seaweedfs.sh").exists()


def test_env_example_documents_every_variable_the_settings_read():
    documented = set(env_example())
    missing = variables_read_by_settings() - documented
    assert missing == set()


def test_compose_variables_are_in_env_example():
    text = (BASE / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z0-9_]+)\}", text))
    assert used - set(env_example()) == set()


def test_production_settings_start_from_env_example(subprocess_env):
    env = {
        **subprocess_env,
        **env_example(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], "
        "s.DATABASES['default']['HOST'], s.STORAGES['default']['BACKEND'], "
        "s.STORAGES['secure_docs']['OPTIONS']['bucket_name'], s.CELERY_BROKER_URL, "
        "s.SESSION_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, "
        "s.DATABASES['default']['OPTIONS']['pool']['max_size'], "
        "s.DATABASES['default']['CONN_MAX_AGE'], s.ALLAUTH_TRUSTED_PROXY_COUNT]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        False,
        "django.db.backends.postgresql",
        "postgres",
        "storages.backends.s3.S3Storage",
        "qalam-secure",
        "redis://redis:6379/0",
        True,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        4,  # a pool of one connection per gunicorn thread
        0,  # the pool keeps the connections, not CONN_MAX_AGE
        1,  # the client's address is the one our proxy adds
    ]


def test_gunicorn_serves_with_threads_sized_by_the_environment():
    import runpy

    default = runpy.run_path(str(BASE / "config" / "gunicorn.py"))
    assert default["worker_class"] == "gthread"
    assert default["threads"] == int(env_example()["GUNICORN_THREADS"])
    assert default["workers"] == (os.cpu_count() or 1) + 1
    assert default["timeout"] >= 60


def _apt_packages(text: str) -> set[str]:
    """The Debian packages an `apt-get install` in `text` names."""
    command = re.search(r"apt-get install ([^&]*?)(?:&&|\n\n|$)", text, re.S)
    words = command.group(1).replace("\\\n", " ").split() if command else []
    return {word for word in words if not word.startswith("-")}


def test_the_image_installs_what_the_app_needs_at_run_time():
    """Every Debian package a feature needs at run time (make tools checks them on a
    developer's machine, .ci/run installs them) is in the image too: gpg, the OCR
    packs, Pango and fonts for the certificates."""
    image = _apt_packages((BASE / "Dockerfile").read_text())
    ci_run = (BASE / ".ci" / "run").read_text()
    groups = re.findall(r"missing\+=\(([^)]*)\)", ci_run)
    ci = {word.strip('"') for group in groups for word in group.split()}
    run_time = {
        "gnupg",
        "gettext",
        "poppler-utils",
        "tesseract-ocr",
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "fonts-dejavu-core",
    }
    assert run_time <= ci, run_time - ci
    assert run_time <= image, run_time - image
    packs = {"rus", "kaz", "uzb", "uzb-cyrl", "kir", "tgk", "eng"}
    assert {f"tesseract-ocr-{pack}" for pack in packs} <= image


def test_collectstatic_post_processes_every_static_file(subprocess_env, tmp_path):
    """The image runs collectstatic with whitenoise's manifest storage, which fails
    on a file that references a missing one (a vendored script's source map)."""
    code = (
        "import sys, django; django.setup(); from django.conf import settings; "
        "settings.STATIC_ROOT = sys.argv[1]; "
        "from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=BASE,
        env={
            **subprocess_env,
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
