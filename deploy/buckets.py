"""Back up and restore Qalam's two S3 buckets (public media, secure documents).

    python deploy/buckets.py backup  /backups/2026-11-28/buckets
    python deploy/buckets.py restore /backups/2026-11-28/buckets

Reads the same variables as Qalam (.env): AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME, AWS_STORAGE_BUCKET_NAME and
QALAM_SECURE_BUCKET_NAME (with QALAM_SECURE_AWS_* if the secure bucket has its own
credentials). Each bucket goes to a folder of its own name, one file per object key.
The secure bucket holds ciphertext only; it is useless without the database (the
wrapped workspace keys) and QALAM_KEY_ENCRYPTION_KEY, which you back up apart.
`restore` uploads every file back under its key (existing objects are overwritten).
"""

import argparse
import os
import sys
from pathlib import Path

import boto3


def _client(secure: bool):
    access = os.environ["AWS_ACCESS_KEY_ID"]
    secret = os.environ["AWS_SECRET_ACCESS_KEY"]
    if secure:
        access = os.environ.get("QALAM_SECURE_AWS_ACCESS_KEY_ID") or access
        secret = os.environ.get("QALAM_SECURE_AWS_SECRET_ACCESS_KEY") or secret
    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        aws_access_key_id=access,
        aws_secret_access_key=secret,
        region_name=os.environ.get("AWS_S3_REGION_NAME", "us-east-1"),
    )


def buckets() -> list[tuple[str, bool]]:
    return [
        (os.environ.get("AWS_STORAGE_BUCKET_NAME", "qalam-media"), False),
        (os.environ.get("QALAM_SECURE_BUCKET_NAME", "qalam-secure"), True),
    ]


def _safe_path(root: Path, key: str) -> Path:
    path = (root / key).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"object key escapes the backup folder: {key!r}")
    return path


def backup(target: Path) -> int:
    count = 0
    for bucket, secure in buckets():
        client = _client(secure)
        root = target / bucket
        root.mkdir(parents=True, exist_ok=True)
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                path = _safe_path(root, item["Key"])
                path.parent.mkdir(parents=True, exist_ok=True)
                client.download_file(bucket, item["Key"], str(path))
                count += 1
    return count


def restore(source: Path) -> int:
    count = 0
    for bucket, secure in buckets():
        client = _client(secure)
        root = source / bucket
        if not root.is_dir():
            raise FileNotFoundError(f"{root} is missing from the backup")
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            client.upload_file(str(path), bucket, path.relative_to(root).as_posix())
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.action == "backup":
        sys.stdout.write(f"backed up {backup(args.folder)} objects to {args.folder}\n")
    else:
        sys.stdout.write(
            f"restored {restore(args.folder)} objects from {args.folder}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
