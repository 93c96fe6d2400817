"""Redis restarted while tasks are queued: none lost, none run twice.

A private Redis (append-only file in a temporary folder, as production runs it) on a
free port; tasks are queued, Redis is killed and started again on the same files, and
then a real Celery worker drains the queue. Each task sends one email to a folder
(EMAIL_URL=filemail://), so every execution leaves exactly one visible trace.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.faults.helpers import redis_cli, start_redis, start_worker, wait_until
from tests.services import free_port, service_missing, wait_for_port

pytestmark = pytest.mark.services

TASKS = 20
ENQUEUE = """
from config.celery import app
import django
django.setup()
from accounts.tasks import email_send
for number in range({tasks}):
    email_send.delay(
        subject=f"queued-{{number:02d}}", body="Body.", from_email="noreply@qalam.test",
        to=["ops@example.org"], alternatives=[],
    )
"""


def subjects(folder: Path) -> list[str]:
    found = []
    for path in folder.glob("*.log"):
        found += re.findall(r"^Subject: (.+)$", path.read_text(), re.MULTILINE)
    return sorted(found)


def test_queued_tasks_survive_a_redis_restart_and_run_once(subprocess_env):
    for binary in ("redis-server", "redis-cli"):
        if shutil.which(binary) is None:
            service_missing(f"`{binary}` is not installed")
    folder = Path(tempfile.mkdtemp(prefix="qalam-redis-fault-"))
    mail = folder / "mail"
    mail.mkdir()
    port = free_port()
    env = {
        **subprocess_env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'unused.sqlite3'}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0",
        "EMAIL_URL": f"filemail:///{mail}",
    }
    redis = start_redis(port, folder / "redis")
    worker = None
    try:
        subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", ENQUEUE.format(tasks=TASKS)],
            env=env,
            cwd=settings.BASE_DIR,
            timeout=60,
            check=True,
        )
        assert redis_cli(port, "LLEN", "celery") == str(TASKS)

        redis.kill()  # a crash, not a clean shutdown
        redis.wait(timeout=10)
        assert not wait_for_port(port, 0.2)
        redis = start_redis(port, folder / "redis")
        wait_until(
            lambda: redis_cli(port, "PING") == "PONG", 20, "Redis to load its data"
        )
        assert redis_cli(port, "LLEN", "celery") == str(TASKS)

        with (folder / "worker.log").open("wb") as worker_log:
            worker = start_worker(env, worker_log)

        def drained() -> bool:
            return (
                redis_cli(port, "LLEN", "celery") == "0"
                and redis_cli(port, "HLEN", "unacked") == "0"
                and len(subjects(mail)) >= TASKS
            )

        wait_until(drained, 60, "the worker to drain the queue")
        assert subjects(mail) == [f"queued-{number:02d}" for number in range(TASKS)]
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        redis.kill()
        redis.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
