"""The suite passes in any order: a transactional test followed by a
serialized-rollback one used to fail at set-up with `UNIQUE constraint failed:
django_content_type` (tests/conftest.py explains the cause and the fix)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_serialized_rollback_test_after_a_plain_transactional_one_sets_up():
    # A private SQLite test database, whatever the outer run uses: the outer run's
    # PostgreSQL test database is in use by this very process.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 - our own test runner on our own file
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:randomly",
            "-q",
            "-W",
            "error",
            str(ROOT / "tests" / "probes" / "order_probe.py"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout
