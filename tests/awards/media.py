"""Helpers of the media-upload tests: sample files, a small tus client over
Django's test client, and a look into the storage the bytes went to."""

import base64
import io
import os
import wave

from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse

TUS = {"Tus-Resumable": "1.0.0"}
OFFSET_TYPE = "application/offset+octet-stream"
MiB = 1024 * 1024


def wav_bytes(size: int) -> bytes:
    """A valid WAV file of about `size` bytes (8 kHz mono 8-bit: one byte a frame)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(8000)
        sound.writeframes(bytes((n * 7) % 256 for n in range(256)) * (size // 256))
    return out.getvalue()


def metadata(filename: str, filetype: str) -> str:
    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

    return f"filename {b64(filename)},filetype {b64(filetype)}"


def create(client, entry, length: int, *, name="film.wav", kind="audio/wav", **extra):
    headers = {
        **TUS,
        "Upload-Length": str(length),
        "Upload-Metadata": metadata(name, kind),
        **extra,
    }
    return client.post(
        reverse("awards:media_uploads", args=[entry.pk]), headers=headers
    )


def patch(client, location: str, offset: int, data: bytes, **extra):
    return client.patch(
        location,
        data=data,
        content_type=OFFSET_TYPE,
        headers={**TUS, "Upload-Offset": str(offset), **extra},
    )


def head(client, location: str):
    return client.head(location, headers=TUS)


def stored_keys() -> list[str]:
    """Every object in the default storage, staging objects included."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        root = storage.path("")
        return sorted(
            os.path.relpath(os.path.join(folder, name), root)
            for folder, _dirs, files in os.walk(root)
            for name in files
        )
    client = storage.connection.meta.client
    prefix = storage.location + "/" if storage.location else ""
    listing = client.list_objects_v2(Bucket=storage.bucket_name, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def multipart_uploads() -> list[str]:
    """The S3 multipart uploads in progress under this test's prefix."""
    storage = storages["default"]
    client = storage.connection.meta.client
    listing = client.list_multipart_uploads(
        Bucket=storage.bucket_name, Prefix=storage.location
    )
    return [item["Key"] for item in listing.get("Uploads", [])]


def stored_bytes(name: str) -> bytes:
    with storages["default"].open(name, "rb") as handle:
        return handle.read()
