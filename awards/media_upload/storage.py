"""Where an upload's bytes go while they arrive, in the default storage.

On S3 (django-storages) a real multipart upload straight to the final key: every
part but the last must be at least 5 MiB, so the bytes after the last whole part
wait in a small staging object beside it (`<key>.tail-<offset>`) until the next
PATCH, never in memory between requests. On the file system the bytes are written
into the final file at their offset. Nothing is ever read whole: a request's body
arrives in chunks and at most one part is held at a time.
"""

import dataclasses
import math
import os
from collections.abc import Callable, Iterable

from botocore.exceptions import ClientError
from django.core.files.storage import FileSystemStorage, Storage, storages

from awards.models import MediaUpload

MIN_PART_SIZE = 5 * 1024 * 1024
MAX_PARTS = 10_000  # S3's limit; part size grows past MIN_PART_SIZE to stay under it


def part_size_for(length: int) -> int:
    """The size of every part but the last of an upload of `length` bytes."""
    return max(MIN_PART_SIZE, math.ceil(length / (MAX_PARTS - 1)))


@dataclasses.dataclass(frozen=True)
class Appended:
    """What a PATCH left: the new offset and parts, and staging objects the
    upload no longer needs (deleted once the new state is saved)."""

    offset: int
    parts: list
    stale: list[str]


class FileSystemBackend:
    """Appends to the final file under the storage's folder."""

    def __init__(self, storage: FileSystemStorage):
        self.storage = storage

    def start(self, *, name: str, content_type: str) -> str:
        path = self.storage.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "wb").close()  # noqa: SIM115 - create it empty
        return ""

    def append(
        self, upload: MediaUpload, chunks: Iterable[bytes], renew: Callable[[], None]
    ) -> Appended:
        received = upload.offset
        with open(self.storage.path(upload.file.name), "r+b") as out:
            out.seek(received)
            for chunk in chunks:
                out.write(chunk)
                received += len(chunk)
                renew()
            # A PATCH that died after writing more than it recorded left bytes
            # past the offset: they are not part of the upload.
            out.truncate(received)
        return Appended(offset=received, parts=[], stale=[])

    def complete(self, upload: MediaUpload) -> None:
        """The file is already whole where it belongs."""

    def head(self, upload: MediaUpload, size: int) -> bytes:
        with open(self.storage.path(upload.file.name), "rb") as source:
            return source.read(size)

    def delete_stale(self, keys: list[str]) -> None:
        """Nothing is staged on the file system."""

    def discard(self, upload: MediaUpload) -> None:
        self.storage.delete(upload.file.name)


class S3Backend:
    """A multipart upload through the storage's own boto3 connection."""

    def __init__(self, storage: Storage):
        self.storage = storage
        self.client = storage.connection.meta.client
        self.bucket = storage.bucket_name

    def key(self, name: str) -> str:
        return self.storage._normalize_name(name)  # noqa: SLF001 - its location prefix

    def tail_key(self, upload: MediaUpload, offset: int) -> str:
        return f"{self.key(upload.file.name)}.tail-{offset}"

    def start(self, *, name: str, content_type: str) -> str:
        answer = self.client.create_multipart_upload(
            Bucket=self.bucket, Key=self.key(name), ContentType=content_type
        )
        return answer["UploadId"]

    def _staged(self, upload: MediaUpload) -> bytes:
        stored = sum(part["size"] for part in upload.parts)
        if upload.offset == stored:
            return b""
        answer = self.client.get_object(
            Bucket=self.bucket, Key=self.tail_key(upload, upload.offset)
        )
        return answer["Body"].read()

    def _upload_part(self, upload: MediaUpload, number: int, data: bytes) -> dict:
        answer = self.client.upload_part(
            Bucket=self.bucket,
            Key=self.key(upload.file.name),
            UploadId=upload.s3_upload_id,
            PartNumber=number,
            Body=data,
        )
        return {"number": number, "etag": answer["ETag"], "size": len(data)}

    def append(
        self, upload: MediaUpload, chunks: Iterable[bytes], renew: Callable[[], None]
    ) -> Appended:
        parts = list(upload.parts)
        size = part_size_for(upload.length)
        had_tail = upload.offset > sum(part["size"] for part in parts)
        buffer = bytearray(self._staged(upload))
        received = upload.offset
        for chunk in chunks:
            buffer += chunk
            received += len(chunk)
            while len(buffer) >= size:
                parts.append(
                    self._upload_part(upload, len(parts) + 1, bytes(buffer[:size]))
                )
                del buffer[:size]
                renew()
        if received == upload.length:
            if buffer or not parts:
                parts.append(self._upload_part(upload, len(parts) + 1, bytes(buffer)))
        elif buffer and received != upload.offset:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.tail_key(upload, received),
                Body=bytes(buffer),
            )
        stale = []
        if had_tail and received != upload.offset:
            stale.append(self.tail_key(upload, upload.offset))
        return Appended(offset=received, parts=parts, stale=stale)

    def complete(self, upload: MediaUpload) -> None:
        self.client.complete_multipart_upload(
            Bucket=self.bucket,
            Key=self.key(upload.file.name),
            UploadId=upload.s3_upload_id,
            MultipartUpload={
                "Parts": [
                    {"PartNumber": part["number"], "ETag": part["etag"]}
                    for part in upload.parts
                ]
            },
        )

    def head(self, upload: MediaUpload, size: int) -> bytes:
        answer = self.client.get_object(
            Bucket=self.bucket,
            Key=self.key(upload.file.name),
            Range=f"bytes=0-{size - 1}",
        )
        return answer["Body"].read()

    def delete_stale(self, keys: list[str]) -> None:
        for key in keys:
            self.client.delete_object(Bucket=self.bucket, Key=key)

    def discard(self, upload: MediaUpload) -> None:
        """Abort the multipart upload (S3 then frees its parts) and delete the
        staging objects and the object itself, whichever exist."""
        key = self.key(upload.file.name)
        if upload.s3_upload_id and not upload.is_complete:
            try:
                self.client.abort_multipart_upload(
                    Bucket=self.bucket, Key=key, UploadId=upload.s3_upload_id
                )
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") != "NoSuchUpload":
                    raise
        listing = self.client.list_objects_v2(Bucket=self.bucket, Prefix=f"{key}.tail-")
        for item in listing.get("Contents", []):
            self.client.delete_object(Bucket=self.bucket, Key=item["Key"])
        self.client.delete_object(Bucket=self.bucket, Key=key)


def backend() -> FileSystemBackend | S3Backend:
    """The backend of the default storage: S3 when it is django-storages' S3
    storage, else a folder on this machine."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return FileSystemBackend(storage)
    if hasattr(storage, "bucket_name") and hasattr(storage, "connection"):
        return S3Backend(storage)
    raise NotImplementedError(f"media uploads cannot write to {type(storage)}")


# How long a played file's presigned S3 URL lasts: a long film, paused.
PLAYBACK_URL_SECONDS = 6 * 3600


def playback_url(upload: MediaUpload) -> str:
    """A presigned URL of the file with its checked type, when it is on S3; "" for
    the file system, whose files the application streams itself."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return ""
    return storage.url(
        upload.file.name,
        parameters={
            "ResponseContentType": upload.content_type,
            "ResponseContentDisposition": "inline",
        },
        expire=PLAYBACK_URL_SECONDS,
    )
