"""Real services for the tests: where they come from, and what to do when one is absent.

A test that needs a service skips with a clear reason when it is absent, unless
QALAM_REQUIRE_SERVICES=1 (CI), where the absence fails the test instead.
"""

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from demo import s3
from demo.s3 import S3Server, free_port

__all__ = [
    "CHROMIUM",
    "REQUIRE_SERVICES",
    "S3Server",
    "free_port",
    "seaweedfs",
    "service_missing",
    "wait_for_port",
]

REQUIRE_SERVICES = os.environ.get("QALAM_REQUIRE_SERVICES") == "1"
CHROMIUM = "/usr/bin/chromium"


def service_missing(reason: str) -> None:
    """Skip the calling test, or fail it when services are required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}", pytrace=False)
    pytest.skip(reason)


def wait_for_port(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


@contextmanager
def seaweedfs() -> Iterator[S3Server]:
    """demo.s3.seaweedfs for a test: skipped (failed with services required) when
    the binary is missing, failed with the server's log when it does not start."""
    try:
        with s3.seaweedfs() as server:
            yield server
    except s3.S3ServerMissing as missing:
        service_missing(str(missing))
    except s3.S3ServerDidNotStart as error:
        pytest.fail(str(error), pytrace=False)
