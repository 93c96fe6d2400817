"""The Celery worker killed (SIGKILL) in the middle of a re-encryption job.

Real processes throughout: the test's PostgreSQL database (visible to the worker,
hence `transaction=True`), a private Redis broker, a private S3 server, and the
project's Celery worker. A lead rotates the workspace key (in a child process, as a
request would: the job is queued on commit); once the first version is re-encrypted
the worker is killed. The job's message stays unacknowledged in Redis (acks_late,
so it is redelivered after the visibility timeout), and a new worker, given the
hourly reconcile task as beat sends it, finishes the job: every version is encrypted
to the new recipients, none is lost, each still decrypts to its SHA-256. The same
task tidies up: the killed job's row is closed (superseded by the job that finished
its work), and any object the killed worker left unreferenced in the bucket is gone.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings
from django.db import connection

from secure_docs import services
from secure_docs.enums import JobStatus
from secure_docs.models import DocumentVersion, ReencryptionJob, WorkspaceKey
from tests.faults.helpers import redis_cli, start_redis, start_worker, wait_until
from tests.ops.test_restore import database_url
from tests.secure_docs.conftest import s3_settings
from tests.secure_docs.helpers import download, upload
from tests.services import free_port, seaweedfs, service_missing

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VERSIONS = 8
ROTATE = """
import django
django.setup()
from django.contrib.auth import get_user_model
from investigations.models import Investigation
from secure_docs import services
services.workspace_key_rotate(
    actor=get_user_model().objects.get(pk={lead}),
    investigation=Investigation.objects.get(pk={investigation}),
)
"""


def run_python(code: str, env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_killed_worker_leaves_no_version_behind(
    client, workspace, keys, settings, subprocess_env
):
    if connection.vendor != "postgresql":
        service_missing(
            "a worker process must share the test database: needs PostgreSQL "
            "(DATABASE_URL=postgres://...)"
        )
    if shutil.which("redis-server") is None:
        service_missing("`redis-server` is not installed")
    folder = Path(tempfile.mkdtemp(prefix="qalam-worker-fault-"))
    port = free_port()
    with seaweedfs() as server:
        settings.STORAGES = {**settings.STORAGES, "secure_docs": s3_settings(server)}
        investigation = workspace.investigation
        services.personal_key_register(user=workspace.lead, key_text=keys.alice.public)
        client.force_login(workspace.lead)
        digests = {}
        for number in range(VERSIONS):
            content = os.urandom(4 * 1024 * 1024) + f"version {number}".encode()
            title = f"Ledger {number}"
            response = upload(client, workspace.codename, content, title=title)
            assert response.status_code == 302
            digests[title] = hashlib.sha256(content).hexdigest()
        old_key = WorkspaceKey.objects.get(investigation=investigation)

        env = {
            **subprocess_env,
            **server.env(),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0",
            "QALAM_KEY_ENCRYPTION_KEY": django_settings.QALAM_KEY_ENCRYPTION_KEY,
            # Seconds, not the production default: worker 1 is dead by the time
            # worker 2 reconciles, and nothing else writes to the bucket meanwhile.
            "QALAM_SECURE_STALE_AFTER": "1",
        }
        s3 = boto3.client(
            "s3",
            endpoint_url=server.endpoint_url,
            aws_access_key_id=server.access_key,
            aws_secret_access_key=server.secret_key,
            region_name="us-east-1",
        )

        def stored() -> set[str]:
            listing = s3.list_objects_v2(Bucket=server.secure_bucket)
            return {item["Key"] for item in listing.get("Contents", [])}

        def referenced() -> set[str]:
            return set(DocumentVersion.objects.values_list("storage_name", flat=True))

        redis = start_redis(port, folder / "redis")
        workers = []
        try:
            run_python(
                ROTATE.format(lead=workspace.lead.pk, investigation=investigation.pk),
                env,
            )
            assert redis_cli(port, "LLEN", "celery") == "1"
            new_key = WorkspaceKey.objects.get(
                investigation=investigation, is_active=True
            )
            target = sorted([new_key.fingerprint, keys.alice.fingerprint])

            with (folder / "worker-1.log").open("wb") as log:
                workers.append(start_worker(env, log))

            def first_version_done() -> bool:
                job = ReencryptionJob.objects.filter(
                    investigation=investigation
                ).first()
                return job is not None and job.done >= 1

            wait_until(first_version_done, 60, "the first re-encrypted version")
            workers[0].kill()
            workers[0].wait(timeout=10)
            job = ReencryptionJob.objects.get(investigation=investigation)
            # The job also re-keys the search index (the board's task) after the
            # versions: killed before the versions are all done.
            assert job.done < VERSIONS <= job.total, "killed too late to prove a resume"
            assert job.status != JobStatus.DONE
            left = DocumentVersion.objects.exclude(recipients=target).count()
            assert 0 < left < VERSIONS
            # Not acknowledged: the job's message waits in Redis to be redelivered.
            assert redis_cli(port, "HLEN", "unacked") == "1"

            with (folder / "worker-2.log").open("wb") as log:
                workers.append(start_worker(env, log))
            run_python(
                "import django; django.setup()\n"
                "from secure_docs.tasks import reconcile_recipients\n"
                "reconcile_recipients.delay()\n",
                env,
            )

            def all_in_line_and_tidy() -> bool:
                return (
                    not DocumentVersion.objects.filter(
                        document__investigation=investigation
                    )
                    .exclude(recipients=target)
                    .exists()
                    and ReencryptionJob.objects.filter(
                        investigation=investigation, status=JobStatus.DONE
                    ).exists()
                    and not ReencryptionJob.objects.filter(
                        status=JobStatus.RUNNING
                    ).exists()
                    and stored() == referenced()
                )

            wait_until(all_in_line_and_tidy, 60, "the re-encryption and the sweep")
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    try:
                        worker.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        worker.kill()
                        worker.wait(timeout=10)
            redis.kill()
            redis.wait(timeout=10)
            shutil.rmtree(folder, ignore_errors=True)

        versions = list(
            DocumentVersion.objects.filter(
                document__investigation=investigation
            ).select_related("document")
        )
        assert len(versions) == VERSIONS
        assert not WorkspaceKey.objects.filter(pk=old_key.pk).exists()
        killed, finished = ReencryptionJob.objects.order_by("pk")
        assert (killed.pk, killed.status) == (job.pk, JobStatus.SUPERSEDED)
        assert killed.error.endswith(f"job {finished.pk} took over.")
        assert (finished.status, finished.done) == (JobStatus.DONE, finished.total)
        # No orphan: the bucket holds exactly the versions' objects.
        assert stored() == {version.storage_name for version in versions}
        for version in versions:
            assert version.recipients == target
            # The member's own key opens the stored ciphertext...
            ciphertext = s3.get_object(
                Bucket=server.secure_bucket, Key=version.storage_name
            )["Body"].read()
            plaintext = keys.alice.decrypt(ciphertext).stdout
            assert (
                hashlib.sha256(plaintext).hexdigest() == digests[version.document.title]
            )
            # ... and so does the new workspace key, through the site.
            assert (
                hashlib.sha256(download(client, version)).hexdigest()
                == digests[version.document.title]
            )
