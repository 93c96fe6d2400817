"""Public site under load: the winners archive (100 published winners) served by
gunicorn on loopback to a small threaded HTTP client.

Cached: anonymous requests answered from the public page cache, as a ratio to a
trivial WSGI app on the same gunicorn settings in the same run (goal >= 0.8) that
gives the very response the cache gives (status, headers, body): the ratio is what
the cache's own work costs. Its ratio to a trivial app giving three bytes is shown
too, with no goal: that one also counts the client reading the page's bytes and
headers.
Uncached (cache lifetime 0): the archive as a ratio to a bare StandardPage
(goal >= 0.8). A throw-away SQLite database in a temporary directory holds the
data; nothing touches the development database.
"""

import http.client
import json
import os
import socket
import statistics
import subprocess  # noqa: S404 - runs our own gunicorn and setup script
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from bench import Figure

ROOT = Path(__file__).resolve().parents[1]
THREADS = 4
SECONDS = 2.0
ROUNDS = 5
WORKERS = 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, path: str) -> None:
    # Workers boot Django and warm up in a few seconds, far longer on a busy machine.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path, headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on {port} did not answer {path}")


def _load(port: int, path: str, seconds: float = SECONDS) -> float:
    """Requests per second from THREADS keep-alive clients over `seconds`."""
    counts = [0] * THREADS
    errors = []
    stop = time.monotonic() + seconds

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            conn.request("GET", path, headers={"Host": "localhost"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
                return
            counts[index] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{path} answered {errors[0]}")
    return sum(counts) / (time.monotonic() - started)


class _Gunicorn:
    def __init__(self, app: str, env: dict[str, str]):
        self.port = _free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                app,
            ],
            cwd=ROOT,
            env=env,
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def _alternate(
    one: tuple[int, str], other: tuple[int, str]
) -> tuple[float, float, float]:
    """Rates of two (port, path) targets measured in turns, ROUNDS windows each,
    and the median of the per-round ratios: this machine is shared, and a burst
    of someone else's work then falls on both sides of a ratio, not on one."""
    for port, path in (one, other):
        _wait(port, path)
        _load(port, path, 1.0)  # warm every worker's cache and code paths
    rates_one, rates_other, ratios = [], [], []
    for _round in range(ROUNDS):
        rates_one.append(_load(*one))
        rates_other.append(_load(*other))
        ratios.append(rates_one[-1] / rates_other[-1])
    return (
        statistics.median(rates_one),
        statistics.median(rates_other),
        statistics.median(ratios),
    )


def _save_response(port: int, path: str, to: Path) -> None:
    """The cached page's status, headers and body, for the trivial app to give.

    Asked until a worker answers from its cache: each worker has its own.
    """
    hop = {"date", "server", "connection", "keep-alive", "transfer-encoding"}
    for _attempt in range(50):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers={"Host": "localhost"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        headers = [(k, v) for k, v in response.getheaders() if k.lower() not in hop]
        if ("X-Qalam-Cache", "hit") in headers:
            break
    else:
        raise RuntimeError(f"{path} was not answered from the cache: {headers}")
    to.write_text(
        json.dumps(
            {
                "status": f"{response.status} {response.reason}",
                "headers": headers,
                "body": body.decode("latin-1"),
            }
        ),
        encoding="utf-8",
    )


def run() -> Iterator[Figure]:
    with tempfile.TemporaryDirectory(prefix="qalam-bench-public-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "QALAM_VAR_DIR": tmp,
            "CELERY_BROKER_URL": "",
            "DEBUG": "0",
            "PYTHONPATH": str(ROOT),
        }
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.public_setup"], cwd=ROOT, env=env, check=True
        )
        response = Path(tmp) / "archive-response.json"
        same = {**env, "QALAM_BENCH_RESPONSE": str(response)}
        with _Gunicorn("config.wsgi:application", env) as site:
            _wait(site.port, "/winners/")
            _save_response(site.port, "/winners/", response)
            with (
                _Gunicorn("bench.trivial_wsgi:app", same) as trivial,
                _Gunicorn("bench.trivial_wsgi:app", env) as three_bytes,
            ):
                cached_rate, trivial_rate, cached_ratio = _alternate(
                    (site.port, "/winners/"), (trivial.port, "/")
                )
                _cached, bytes_rate, bytes_ratio = _alternate(
                    (site.port, "/winners/"), (three_bytes.port, "/")
                )
        uncached_env = {**env, "QALAM_PUBLIC_CACHE_SECONDS": "0"}
        with _Gunicorn("config.wsgi:application", uncached_env) as site:
            archive_rate, standard_rate, uncached_ratio = _alternate(
                (site.port, "/winners/"), (site.port, "/about/")
            )
    yield Figure("public.trivial_wsgi.rate", trivial_rate, "req/s", "baseline")
    yield Figure("public.trivial_wsgi_3_bytes.rate", bytes_rate, "req/s", "-")
    yield Figure("public.archive_cached.rate", cached_rate, "req/s", "-")
    yield Figure("public.archive_cached.ratio", cached_ratio, "x trivial", ">= 0.8")
    yield Figure(
        "public.archive_cached.ratio_to_3_bytes",
        bytes_ratio,
        "x trivial (3 bytes)",
        "-",
    )
    yield Figure("public.archive_uncached.rate", archive_rate, "req/s", "-")
    yield Figure("public.standard_page_uncached.rate", standard_rate, "req/s", "-")
    yield Figure(
        "public.archive_uncached.ratio",
        uncached_ratio,
        "x standard page",
        ">= 0.8",
    )
