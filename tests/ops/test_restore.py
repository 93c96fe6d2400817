"""The operator guide's backup and restore procedure, executed as written.

The shell blocks marked `<!-- ops-test: backup -->` and `<!-- ops-test: restore -->`
in docs/operator-guide.md are run with bash against this test's PostgreSQL
database and a private S3 server; between them the database and both buckets are
wiped. Afterwards the data is back and a secure document decrypts to the same
SHA-256 it had when it was uploaded.
"""

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from investigations.models import Investigation
from secure_docs.models import Document, DocumentVersion
from tests.secure_docs.conftest import s3_settings
from tests.secure_docs.helpers import download, upload
from tests.services import seaweedfs, service_missing

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUIDE = Path(django_settings.BASE_DIR) / "docs" / "operator-guide.md"


def guide_block(name: str) -> str:
    """The shell block that follows `<!-- ops-test: name -->` in the guide."""
    match = re.search(
        rf"<!-- ops-test: {name} -->\s*```(?:sh|bash)\n(.*?)```",
        GUIDE.read_text(),
        re.DOTALL,
    )
    assert match, f"docs/operator-guide.md has no `ops-test: {name}` block"
    return match.group(1)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{quote(db['USER'] or 'postgres', safe='')}{password}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def run_block(name: str, env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - bash runs the guide's own block
        ["/bin/bash", "-euo", "pipefail", "-c", guide_block(name)],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def bucket_objects(server, bucket: str) -> dict[str, bytes]:
    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )
    keys = [
        item["Key"]
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for item in page.get("Contents", [])
    ]
    return {
        key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys
    }


def wipe_bucket(server, bucket: str) -> None:
    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )
    for key in bucket_objects(server, bucket):
        client.delete_object(Bucket=bucket, Key=key)


def test_the_operator_guide_restores_database_and_buckets(
    client, workspace, settings, tmp_path, subprocess_env
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "the guide backs up PostgreSQL with pg_dump; this run uses SQLite "
            "(set DATABASE_URL=postgres://... to run it)"
        )
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            service_missing(f"`{tool}` (postgresql-client) is not installed")
    with seaweedfs() as server:
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_settings(server, server.media_bucket),
            "secure_docs": s3_settings(server, server.secure_bucket),
        }
        content = os.urandom(300_000) + b"the contract, signed"
        digest = hashlib.sha256(content).hexdigest()
        client.force_login(workspace.lead)
        response = upload(client, workspace.codename, content, name="contract.pdf")
        assert response.status_code == 302
        media_name = storages["default"].save(
            "images/cover.txt", ContentFile(b"a public picture")
        )
        media_before = bucket_objects(server, server.media_bucket)
        secure_before = bucket_objects(server, server.secure_bucket)
        assert media_before[media_name] == b"a public picture"
        assert len(secure_before) == 1
        counts = (Investigation.objects.count(), DocumentVersion.objects.count())

        env = {
            **subprocess_env,
            **server.env(),
            "DATABASE_URL": database_url(),
            "BACKUP_DIR": str(tmp_path / "backup"),
        }
        run_block("backup", env)

        # Disaster: the database and both buckets are gone.
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connection.close()
        wipe_bucket(server, server.media_bucket)
        wipe_bucket(server, server.secure_bucket)
        assert bucket_objects(server, server.secure_bucket) == {}

        run_block("restore", env)

        assert (
            Investigation.objects.count(),
            DocumentVersion.objects.count(),
        ) == counts
        assert bucket_objects(server, server.media_bucket) == media_before
        assert bucket_objects(server, server.secure_bucket) == secure_before
        version = DocumentVersion.objects.select_related("document").get()
        assert version.document.title == "Contract"
        assert Document.objects.get().investigation.codename == workspace.codename
        client.force_login(workspace.lead)
        assert hashlib.sha256(download(client, version)).hexdigest() == digest
