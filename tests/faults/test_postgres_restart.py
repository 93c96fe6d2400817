"""PostgreSQL restarted under a running Qalam: the requests after it succeed.

A private PostgreSQL cluster (initdb + pg_ctl in a temporary folder, on a free
port) so the machine's shared server is never touched. A Qalam process keeps its
connection between requests (CONN_MAX_AGE=60); the cluster is restarted between two
requests and the next ones must still answer, on a new server process.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.services import free_port, service_missing

pytestmark = pytest.mark.services

CLIENT = """
import json, sys
from wsgiref.util import setup_testing_defaults
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
# The production request path (as under gunicorn), not the test client, which
# leaves out Django's per-request connection housekeeping.
application = WSGIHandler()
for line in sys.stdin:
    environ = {"PATH_INFO": "/healthz", "HTTP_HOST": "127.0.0.1"}
    setup_testing_defaults(environ)
    response = application(environ, lambda status, headers: None)
    body = b"".join(response)
    response.close()
    database = json.loads(body)["checks"]["database"]
    # The server process of the connection Django kept after the request.
    pid = connection.connection.info.backend_pid
    print(database, pid, flush=True)
"""


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else None


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def _run(args: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own tools, fixed arguments
        _as_postgres(args), capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_requests_after_a_postgres_restart_succeed(subprocess_env):
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        service_missing("the PostgreSQL server binaries (initdb, pg_ctl) are missing")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        service_missing("running as root without `runuser` to start PostgreSQL")
    folder = Path(tempfile.mkdtemp(prefix="qalam-pg-fault-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder}"
    _run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"])
    ctl = [pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w"]
    _run([*ctl, "start"])
    env = {
        **subprocess_env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/postgres",
        "CONN_MAX_AGE": "60",
    }
    qalam = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CLIENT],
        env=env,
        cwd=settings.BASE_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def request() -> tuple[str, int]:
            qalam.stdin.write("\n")
            qalam.stdin.flush()
            line = qalam.stdout.readline()
            assert line, qalam.stderr.read()
            state, pid = line.split()
            return state, int(pid)

        first = request()
        assert request() == first  # the connection is kept between requests
        assert first[0] == "ok"

        _run([*ctl, "-m", "fast", "restart"])

        after = [request() for _ in range(3)]
        assert [state for state, _ in after] == ["ok", "ok", "ok"]
        assert after[0][1] != first[1]  # a new connection to the new server
        assert after[1][1] == after[0][1]
    finally:
        qalam.stdin.close()
        try:
            qalam.wait(timeout=20)
        except subprocess.TimeoutExpired:
            qalam.kill()
            qalam.wait(timeout=10)
        qalam.stdout.close()
        qalam.stderr.close()
        subprocess.run(  # noqa: S603 - PostgreSQL's own tool, fixed arguments
            _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)
