"""Private Redis servers and real Celery workers for the fault tests."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.services import wait_for_port


def redis_cli(port: int, *args: str) -> str:
    return subprocess.run(  # noqa: S603 - the system redis-cli, fixed arguments
        ["redis-cli", "-p", str(port), *args],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout.strip()


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    folder.mkdir(exist_ok=True)
    with (folder / "redis.log").open("ab") as log:
        process = _popen_redis(port, folder, log)
    if not wait_for_port(port, 20):
        process.kill()
        process.wait(timeout=10)
        text = (folder / "redis.log").read_text(errors="replace")[-2000:]
        pytest.fail(f"the private Redis did not start:\n{text}", pytrace=False)
    return process


def _popen_redis(port: int, folder: Path, log) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - the system redis-server
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--dir",
            str(folder),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_worker(env: dict[str, str], log) -> subprocess.Popen:
    """A real Celery worker of the project, one task at a time."""
    return subprocess.Popen(  # noqa: S603 - the project's celery worker
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}", pytrace=False)
        time.sleep(0.2)
