"""Both storages against a real S3 server (SeaweedFS on loopback)."""

import json
import subprocess
import sys

import boto3
import pytest
from django.conf import settings

from tests.config.test_settings import PRODUCTION

pytestmark = pytest.mark.services

PROBE = """
import json, django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import storages
out = {}
for alias in ("default", "secure_docs"):
    storage = storages[alias]
    name = storage.save(f"probe/{alias}.txt", ContentFile(f"hello {alias}".encode()))
    with storage.open(name) as handle:
        out[alias] = {"name": name, "read": handle.read().decode(),
                      "bucket": storage.bucket_name, "size": storage.size(name)}
print(json.dumps(out))
"""


def run_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def bucket_keys(server, bucket: str) -> set[str]:
    client = boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )
    return {
        item["Key"]
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])
    }


def test_both_storages_store_and_read_in_separate_buckets(subprocess_env, s3_server):
    env = {**subprocess_env, **PRODUCTION, **s3_server.env()}
    result = run_with(env, PROBE)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["default"]["read"] == "hello default"
    assert out["default"]["bucket"] == s3_server.media_bucket
    assert out["default"]["size"] == len("hello default")
    assert out["secure_docs"]["read"] == "hello secure_docs"
    assert out["secure_docs"]["bucket"] == s3_server.secure_bucket
    media = bucket_keys(s3_server, s3_server.media_bucket)
    secure = bucket_keys(s3_server, s3_server.secure_bucket)
    assert out["default"]["name"] in media and out["default"]["name"] not in secure
    assert (
        out["secure_docs"]["name"] in secure and out["secure_docs"]["name"] not in media
    )


def test_a_wrong_secret_key_is_refused(subprocess_env, s3_server):
    env = {
        **subprocess_env,
        **PRODUCTION,
        **s3_server.env(),
        "AWS_SECRET_ACCESS_KEY": "not-the-secret",
    }
    before = bucket_keys(s3_server, s3_server.media_bucket)
    result = run_with(env, PROBE)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "botocore.exceptions.ClientError: An error occurred (403) when calling the "
        "HeadObject operation: Forbidden"
    )
    assert bucket_keys(s3_server, s3_server.media_bucket) == before


def test_healthz_checks_both_s3_buckets(subprocess_env, s3_server):
    code = (
        "import json, django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='qalam.example.org'); "
        "print(r.status_code, r.content.decode())"
    )
    env = {**subprocess_env, **PRODUCTION, **s3_server.env()}
    result = run_with(env, code)
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.split(" ", 1)
    assert status == "200"
    assert json.loads(body)["checks"]["storage_secure_docs"] == "ok"

    env["QALAM_SECURE_BUCKET_NAME"] = "no-such-bucket"
    result = run_with(env, code)
    status, body = result.stdout.split(" ", 1)
    assert status == "503"
    assert json.loads(body)["down"] == ["storage_secure_docs"]
