"""The production stack the journeys run against, on loopback.

gunicorn serves `config.wsgi` with DEBUG off and whitenoise's collected static
files; a separate Celery worker takes the tasks from Redis; PostgreSQL is the test
database (so the test process seeds data the server sees, and reads back what the
server wrote); both storages are the SeaweedFS S3 server; the cache is Redis, shared
by the gunicorn workers as in production; email goes to files (`EMAIL_URL=filemail://`)
which the tests read like an inbox.

Needs PostgreSQL (`DATABASE_URL`) and Redis (`CELERY_BROKER_URL`): without them the
journeys skip (fail under QALAM_REQUIRE_SERVICES=1).
"""

import email
import email.policy
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.faults.helpers import start_worker
from tests.ops.test_restore import database_url
from tests.secure_docs.conftest import (
    keys,  # noqa: F401 - a fixture (journey e)
    s3_settings,
)
from tests.services import free_port, service_missing

BIN = Path(sys.executable).parent
# The journeys' own Redis databases: a broker and a cache, flushed around each test.
BROKER_DB, CACHE_DB = 13, 14


@dataclass(frozen=True)
class Mail:
    to: list[str]
    subject: str
    body: str


class Inbox:
    """The messages the stack sent, read from the file backend's folder."""

    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self) -> list[Mail]:
        found = []
        for path in sorted(self.folder.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # The file backend writes each message followed by a line of 79 dashes.
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if raw.strip():
                    found.append(_parse(raw))
        return found

    def wait_for(self, to: str, subject: str, timeout: float = 60) -> Mail:
        """The newest message to `to` whose subject contains `subject`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in reversed(self.messages()):
                if to in message.to and subject in message.subject:
                    return message
            time.sleep(0.25)
        seen = [(m.to, m.subject) for m in self.messages()]
        pytest.fail(f"no email to {to} about {subject!r} arrived; sent: {seen}")


def _parse(raw: bytes) -> Mail:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",))
    return Mail(
        to=[address.strip() for address in str(message["To"]).split(",")],
        subject=str(message["Subject"]),
        body=part.get_content() if part is not None else "",
    )


@dataclass(frozen=True)
class Stack:
    url: str
    inbox: Inbox
    folder: Path
    home: object


@pytest.fixture(scope="session")
def journey_services() -> None:
    """PostgreSQL and Redis, checked before anything is started for a journey."""
    if connection.vendor != "postgresql":
        service_missing(
            "the journeys share their database with a gunicorn server and a Celery "
            "worker: they need PostgreSQL (DATABASE_URL=postgres://...)"
        )
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"):
        service_missing(
            "the journeys run a real Celery worker: they need Redis "
            "(CELERY_BROKER_URL=redis://...)"
        )


@pytest.fixture(scope="session")
def collected_static(journey_services, subprocess_env_session):
    """whitenoise serves what collectstatic gathered, as in the Docker image."""
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=django_settings.BASE_DIR,
        env={**subprocess_env_session, "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def subprocess_env_session() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")
    return {key: os.environ[key] for key in keep if key in os.environ}


def _redis_url(db: int) -> str:
    broker = os.environ.get("CELERY_BROKER_URL", "")
    return re.sub(r"(/\d+)?$", f"/{db}", broker, count=1)


def _flush(*dbs: int) -> None:
    import redis

    for db in dbs:
        redis.Redis.from_url(_redis_url(db)).flushdb()


def _wait_until_serving(url: str, processes, logs: list[Path]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail("the stack did not start:\n" + _tails(logs), pytrace=False)
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail("the stack did not answer /healthz:\n" + _tails(logs), pytrace=False)


def _tails(logs: list[Path]) -> str:
    return "\n".join(
        f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}"
        for log in logs
        if log.exists()
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        # Quick shutdown for both gunicorn and Celery: nothing in flight matters now.
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def stack(
    journey_services,
    transactional_db,
    s3_server,
    settings,
    tmp_path,
    collected_static,
    subprocess_env_session,
):
    """gunicorn + a Celery worker + PostgreSQL + Redis + S3, the public site seeded."""
    from awards.jury.models import Juror  # noqa: F401 (apps ready)
    from demo.pages import seed_site

    _flush(BROKER_DB, CACHE_DB)

    # The test process writes to the same buckets as the server it seeds data for.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_settings(s3_server, s3_server.media_bucket),
        "secure_docs": s3_settings(s3_server),
    }
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "accounts.hashers.QalamArgon2PasswordHasher",
    ]
    home = seed_site()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    mail = tmp_path / "mail"
    mail.mkdir()
    var = tmp_path / "var"
    var.mkdir()
    env = {
        **subprocess_env_session,
        **s3_server.env(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "qalam-journeys-" + secrets.token_urlsafe(40),
        "QALAM_KEY_ENCRYPTION_KEY": django_settings.QALAM_KEY_ENCRYPTION_KEY,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": _redis_url(BROKER_DB),
        "CACHE_URL": _redis_url(CACHE_DB),
        "EMAIL_URL": f"filemail://{mail}",
        "QALAM_VAR_DIR": str(var),
        "QALAM_BASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": url,
        "LOG_LEVEL": "WARNING",
    }
    logs = [tmp_path / "gunicorn.log", tmp_path / "worker.log"]
    processes = []
    with logs[0].open("wb") as web_log, logs[1].open("wb") as worker_log:
        processes.append(
            subprocess.Popen(  # noqa: S603 - the project's gunicorn, fixed arguments
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi",
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "120",
                ],
                env=env,
                cwd=django_settings.BASE_DIR,
                stdout=web_log,
                stderr=subprocess.STDOUT,
            )
        )
        processes.append(start_worker(env, worker_log))
    journey_logs = ""
    try:
        _wait_until_serving(url, processes, logs)
        yield Stack(url=url, inbox=Inbox(mail), folder=tmp_path, home=home)
        # Read before the stop: a request the shutdown cuts short (the browser's
        # favicon, say) logs a traceback that is not the journey's.
        journey_logs = "\n".join(log.read_text(errors="replace") for log in logs)
    finally:
        for process in processes:
            _stop(process)
        _flush(BROKER_DB, CACHE_DB)
    # A server error anywhere in the journey fails it, even if the page looked fine.
    assert "Traceback" not in journey_logs, journey_logs


_used_codes: dict[str, set[str]] = {}


def code_used(secret: str, code: str) -> None:
    """Note a code the server has taken (an activation, say): it works once."""
    _used_codes.setdefault(secret, set()).add(code)


def fresh_code(secret: str) -> str:
    """An authenticator code the server has not taken yet.

    A code works once. The server accepts one 30-second step either side
    (MFA_TOTP_TOLERANCE = 1, for a phone whose clock is a little off), so when this
    step's code is taken the next step's is as good: the journey waits only when
    both are.
    """
    from tests.accounts.test_auth_flows import totp

    used = _used_codes.setdefault(secret, set())
    while True:
        for steps_ahead in (0, 1):
            code = totp(secret, steps_ahead)
            if code not in used:
                used.add(code)
                return code
        time.sleep(0.5)


def sign_in(page, base: str, email: str, *, secret: str | None = None, password=None):
    """Sign in on /accounts/login/, with the authenticator step when `secret`."""
    _production_hash(email, password or PASSWORD)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password or PASSWORD)
    page.locator("form button[type=submit]").last.click()
    if secret is not None:
        page.fill("input[name=code]", fresh_code(secret))
        page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))


def _production_hash(email: str, password: str) -> None:
    """Factories hash with the tests' fast MD5; the stack only knows production's
    (Argon2id, accounts/hashers.py: what a sign-in costs in production)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    user = get_user_model().objects.filter(email=email).first()
    if user is not None and user.password.startswith("md5$"):
        user.password = make_password(password, hasher="argon2")
        user.save(update_fields=["password"])


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.journey_failed = True
    return report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request, page):
    """A journey that fails leaves a picture of where it stopped in var/e2e/."""
    yield
    if getattr(request.node, "journey_failed", False):
        from tests.e2e.conftest import SCREENSHOTS

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.split("[")[0]
        page.screenshot(path=str(SCREENSHOTS / f"failed-{name}.png"), full_page=True)
