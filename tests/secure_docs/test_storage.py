"""Secure documents on the real S3 server of the test suite (SeaweedFS)."""

import io
import os
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from stat import S_ISREG

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from secure_docs.models import Document, DocumentVersion
from tests.secure_docs.conftest import s3_settings
from tests.secure_docs.helpers import download, upload
from tests.services import seaweedfs, wait_for_port

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def _client(server):
    return boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )


def _objects(server, prefix: str) -> dict[str, bytes]:
    client = _client(server)
    listing = client.list_objects_v2(Bucket=server.secure_bucket, Prefix=prefix)
    return {
        item["Key"]: client.get_object(Bucket=server.secure_bucket, Key=item["Key"])[
            "Body"
        ].read()
        for item in listing.get("Contents", [])
    }


def test_upload_and_download_through_s3_multipart(
    client, workspace, keys, on_s3, s3_server
):
    from secure_docs import services

    services.personal_key_register(user=workspace.lead, key_text=keys.alice.public)
    content = os.urandom(20 * 1024 * 1024 + 123)  # three 8 MiB parts
    client.force_login(workspace.lead)
    assert (
        upload(client, workspace.codename, content, name="big.bin").status_code == 302
    )
    version = DocumentVersion.objects.get()
    objects = _objects(s3_server, on_s3)
    assert list(objects) == [f"{on_s3}/{version.storage_name}"]
    ciphertext = objects[f"{on_s3}/{version.storage_name}"]
    assert len(ciphertext) == version.ciphertext_size
    assert keys.alice.decrypt(ciphertext).stdout == content
    assert download(client, version) == content


def _recent_files(root: Path, since: float) -> list[Path]:
    """Files under `root` changed since `since`. os.walk, not Path.rglob: a folder
    another process removes while it is walked (the other CI run's temporary
    folders) is passed over, where rglob raises FileNotFoundError."""
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            try:
                stat = path.stat()
            except OSError:
                continue
            regular = S_ISREG(stat.st_mode)  # not a socket or a pipe
            if regular and stat.st_mtime >= since and stat.st_size < 200_000_000:
                found.append(path)
    return found


def _left_behind(path: Path) -> bytes:
    """What a recent file holds now; nothing if it is already gone (another
    process's temporary file, e.g. the other CI run's, removed between the listing
    and the read: what these tests look for is plaintext left on disk)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def test_a_marker_is_nowhere_in_plaintext(
    client, workspace, on_s3, s3_server, caplog, capsys, settings
):
    started = time.time() - 1
    marker = f"QALAM-MARKER-{uuid.uuid4().hex}".encode()
    # Over Django's in-memory limit: its default handlers would spool it to disk.
    content = (
        os.urandom(3 * 1024 * 1024) + marker + os.urandom(2 * 1024 * 1024) + marker
    )
    client.force_login(workspace.people["reporter"])
    assert (
        upload(client, workspace.codename, content, name="source.bin").status_code
        == 302
    )
    version = DocumentVersion.objects.get()
    assert download(client, version) == content
    # Every stored object.
    objects = _objects(s3_server, on_s3)
    assert len(objects) == 1
    assert all(marker not in data for data in objects.values())
    # The database.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert marker.decode() not in dump.getvalue()
    # Temporary and upload folders, the project's var/ (media, secure, logs).
    roots = {
        Path(tempfile.gettempdir()),
        Path(settings.MEDIA_ROOT),
        Path(settings.BASE_DIR) / "var",
    }
    if settings.FILE_UPLOAD_TEMP_DIR:
        roots.add(Path(settings.FILE_UPLOAD_TEMP_DIR))
    for root in roots:
        if root.exists():
            for path in _recent_files(root, started):
                assert marker not in _left_behind(path), path
    # The logs of this run.
    captured = capsys.readouterr()
    assert marker.decode() not in caplog.text + captured.out + captured.err


def _weed_process(port: int) -> tuple[int, list[str], str]:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        words = [a.decode() for a in args if a]
        if f"-s3.port={port}" in words:
            return int(entry.name), words, cwd
    raise LookupError(port)


class _StoppingPayload:
    """A request body that kills the S3 server once `stop_at` bytes were read."""

    def __init__(self, body: bytes, stop_at: int, stop):
        self._stream = io.BytesIO(body)
        self._stop_at = stop_at
        self._stop = stop
        self.stopped = False

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not self.stopped and self._stream.tell() >= self._stop_at:
            self.stopped = True
            self._stop()
        return data

    def readline(self, size: int = -1) -> bytes:
        return self._stream.readline(size)


def test_s3_stopped_mid_upload_leaves_nothing(client, workspace, settings, tmp_path):
    with seaweedfs() as server:
        settings.STORAGES = {**settings.STORAGES, "secure_docs": s3_settings(server)}
        port = int(server.endpoint_url.rsplit(":", 1)[1])
        pid, args, cwd = _weed_process(port)
        marker = f"QALAM-MARKER-{uuid.uuid4().hex}".encode()
        content = os.urandom(12 * 1024 * 1024) + marker + os.urandom(18 * 1024 * 1024)
        body = encode_multipart(
            BOUNDARY,
            {"title": "Doomed", "file": SimpleUploadedFile("doomed.bin", content)},
        )

        def stop() -> None:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and wait_for_port(port, 0.1):
                time.sleep(0.1)

        payload = _StoppingPayload(body, 14 * 1024 * 1024, stop)
        client.force_login(workspace.lead)
        response = client.generic(
            "POST",
            reverse("secure_docs:upload", args=[workspace.codename]),
            b"x",
            content_type=MULTIPART_CONTENT,
            **{"wsgi.input": payload, "CONTENT_LENGTH": str(len(body))},
        )
        assert payload.stopped
        assert response.status_code == 503
        assert "The document store could not be reached, so nothing was stored." in (
            response.content.decode()
        )
        assert Document.objects.count() == 0
        assert DocumentVersion.objects.count() == 0
        # Bring the same server (same data folder) back and look inside.
        restarted = subprocess.Popen(  # noqa: S603 - the same weed command line
            args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            client_s3 = _client(server)
            deadline = time.monotonic() + 60
            while True:
                try:
                    listing = client_s3.list_objects_v2(Bucket=server.secure_bucket)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            assert listing.get("Contents", []) == []
        finally:
            restarted.terminate()
            restarted.wait(timeout=15)
        for path in _recent_files(Path(tempfile.gettempdir()), time.time() - 600):
            assert marker not in _left_behind(path), path
