"""Streams in and out of the `secure_docs` storage without buffering whole files.

On S3 an upload is a multipart upload with small parts and little concurrency,
so a process's memory stays flat whatever the file size; a failed upload is
aborted by boto3 and leaves no object behind.
"""

import datetime
import re
import uuid
from collections.abc import Iterator
from typing import BinaryIO

from boto3.s3.transfer import TransferConfig
from django.core.files import File
from django.core.files.storage import Storage, storages

# 8 MiB parts (S3's minimum is 5 MiB), two uploading at a time.
TRANSFER = TransferConfig(
    multipart_threshold=8 * 1024 * 1024,
    multipart_chunksize=8 * 1024 * 1024,
    max_concurrency=2,
    use_threads=True,
)
# Parts read ahead of the upload (boto3 does not take it as an argument): with the
# default of 10, a slow S3 would let 80 MiB pile up in the serving process.
TRANSFER.max_in_memory_upload_chunks = 3


def secure_storage() -> Storage:
    return storages["secure_docs"]


def _is_s3(storage: Storage) -> bool:
    return hasattr(storage, "bucket") and hasattr(storage, "_normalize_name")


def new_name(investigation_id: int) -> str:
    """A fresh object name that says nothing about the document."""
    return f"ws{investigation_id}/{uuid.uuid4().hex}.gpg"


# The names new_name() makes; nothing else in the storage is ever ours to delete.
NAME = re.compile(r"^ws[0-9]+/[0-9a-f]{32}\.gpg$")


def stored_objects() -> Iterator[tuple[str, datetime.datetime]]:
    """(name, last modified) of every object new_name() could have named.

    On S3 one listing gives both (no request per object)."""
    storage = secure_storage()
    if _is_s3(storage):
        root = storage.location.strip("/")
        prefix = f"{root}/" if root else ""
        for item in storage.bucket.objects.filter(Prefix=f"{prefix}ws"):
            name = item.key[len(prefix) :]
            if NAME.match(name):
                yield name, item.last_modified
        return
    try:
        folders, _files = storage.listdir("")
    except FileNotFoundError:  # nothing stored yet
        return
    for folder in sorted(folders):
        if not re.fullmatch(r"ws[0-9]+", folder):
            continue
        for file in sorted(storage.listdir(folder)[1]):
            name = f"{folder}/{file}"
            if NAME.match(name):
                yield name, storage.get_modified_time(name)


def write_stream(name: str, readable: BinaryIO) -> None:
    """Store everything `readable` yields under `name` (which must be new)."""
    storage = secure_storage()
    if _is_s3(storage):
        key = storage._normalize_name(name)
        storage.bucket.Object(key).upload_fileobj(
            readable,
            ExtraArgs={"ContentType": "application/pgp-encrypted"},
            Config=TRANSFER,
        )
        return
    saved = storage.save(name, File(readable, name=name))
    if saved != name:  # uuid names never collide; be loud if one ever does
        storage.delete(saved)
        raise FileExistsError(name)


def open_stream(name: str) -> BinaryIO:
    """A readable stream of the stored object (S3: the response body itself)."""
    storage = secure_storage()
    if _is_s3(storage):
        key = storage._normalize_name(name)
        return storage.bucket.Object(key).get()["Body"]
    return storage.open(name, "rb")


def delete(name: str) -> None:
    secure_storage().delete(name)


def exists(name: str) -> bool:
    return secure_storage().exists(name)


def size(name: str) -> int:
    return secure_storage().size(name)
