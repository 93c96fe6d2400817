"""Encrypted uploads: the one encrypting writer, and the request's upload handler
that feeds it.

EncryptingWriter is the only code that turns plaintext into a stored object: the
upload handler, imports (services.encrypt_to_storage) and re-encryption all write
through it. The handler is installed per request (never in FILE_UPLOAD_HANDLERS):
it replaces Django's memory and temporary-file handlers, so plaintext is never
spooled to disk: each chunk is hashed, counted and written to gpg's stdin, and
gpg's output streams to the `secure_docs` storage on another thread. Sizes are
refused early: by the request's Content-Length before a byte is read, and by a
running count.
"""

import contextlib
import hashlib
import io
import logging

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from secure_docs import crypto, storage

logger = logging.getLogger(__name__)

# Room for the form's other fields and the multipart boundaries.
FORM_OVERHEAD = 1024 * 1024
SNIFF_BYTES = 8192


class UploadRefused(Exception):  # noqa: N818 - reads as what happened
    """The upload was refused; nothing of it is stored. `status` for the response."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class CountingReader(io.RawIOBase):
    """Counts the ciphertext bytes read from gpg on their way to storage."""

    def __init__(self, readable):
        self._readable = readable
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._readable.read(size)
        self.count += len(data)
        return data


class EncryptedUpload(UploadedFile):
    """What request.FILES holds: where the ciphertext went and what it was."""

    def __init__(
        self,
        *,
        name: str,
        storage_name: str,
        sha256: str,
        size: int,
        ciphertext_size: int,
        content_type: str,
        recipients: list[str],
    ):
        super().__init__(
            file=io.BytesIO(), name=name, content_type=content_type, size=size
        )
        self.storage_name = storage_name
        self.sha256 = sha256
        self.ciphertext_size = ciphertext_size
        self.recipients = recipients
        # Set by the service that records it; the view deletes unconsumed objects.
        self.consumed = False

    def discard(self) -> None:
        if not self.consumed:
            with contextlib.suppress(Exception):
                storage.delete(self.storage_name)


class EncryptingWriter:
    """The one way plaintext becomes a stored document: chunks in, ciphertext out.

    Each chunk is hashed (SHA-256), counted, sniffed for its type (the first
    SNIFF_BYTES) and written to gpg's stdin; gpg's output streams to a new object
    in the `secure_docs` storage on another thread. Nothing of the plaintext is
    kept but the hash, the size and the first bytes in memory. `close()` returns
    what was stored; `abort()`, or a failed `close()`, deletes the object.
    """

    def __init__(
        self,
        *,
        investigation_id: int,
        public_keys: list[str],
        fingerprints: list[str],
    ):
        self.storage_name = storage.new_name(investigation_id)
        self.fingerprints = sorted(fingerprints)
        self.size = 0
        self._digest = hashlib.sha256()
        self._head = b""
        self._counter: CountingReader | None = None
        name = self.storage_name

        def store(readable) -> None:
            self._counter = CountingReader(readable)
            storage.write_stream(name, self._counter)

        self._encryptor: crypto.Encryptor | None = crypto.Encryptor(
            public_keys=public_keys, fingerprints=self.fingerprints, store=store
        )

    def write(self, chunk: bytes) -> None:
        """Hash, count, sniff and encrypt one chunk (the caller aborts on error)."""
        if len(self._head) < SNIFF_BYTES:
            self._head += chunk[: SNIFF_BYTES - len(self._head)]
        self._digest.update(chunk)
        self.size += len(chunk)
        self._encryptor.write(chunk)

    def close(self, *, name: str) -> EncryptedUpload:
        """Finish the ciphertext and say what was stored; the object is deleted
        if gpg or the storage failed."""
        encryptor, self._encryptor = self._encryptor, None
        try:
            encryptor.close()
        except BaseException:
            self._delete()
            raise
        kind = filetype.guess(self._head)
        return EncryptedUpload(
            name=name,
            storage_name=self.storage_name,
            sha256=self._digest.hexdigest(),
            size=self.size,
            ciphertext_size=self._counter.count if self._counter else 0,
            # Unrecognised bytes are not claimed to be text: a download of them
            # is an opaque attachment.
            content_type=kind.mime if kind else "application/octet-stream",
            recipients=self.fingerprints,
        )

    def abort(self) -> None:
        """Stop gpg and the upload, and delete whatever was stored."""
        if self._encryptor is not None:
            encryptor, self._encryptor = self._encryptor, None
            encryptor.abort()
        self._delete()

    def _delete(self) -> None:
        with contextlib.suppress(Exception):
            storage.delete(self.storage_name)


class EncryptingUploadHandler(FileUploadHandler):
    chunk_size = 256 * 1024

    def __init__(
        self,
        request,
        *,
        investigation_id: int,
        public_keys: list[str],
        fingerprints: list[str],
        max_size: int,
        quota_left: int,
    ):
        super().__init__(request)
        self.investigation_id = investigation_id
        self.public_keys = public_keys
        self.fingerprints = sorted(fingerprints)
        self.max_size = max_size
        self.quota_left = quota_left
        self.writer: EncryptingWriter | None = None
        self.received = 0
        self.files = 0

    def _limit(self) -> int:
        return min(self.max_size, self.quota_left)

    def _refuse_size(self) -> UploadRefused:
        if self.quota_left < self.max_size:
            return UploadRefused(
                _(
                    "This file does not fit in the workspace's storage quota "
                    "(%(left)s left). Nothing was stored."
                )
                % {"left": filesizeformat(max(self.quota_left, 0))},
                status=413,
            )
        return UploadRefused(
            _("The file is larger than %(limit)s. Nothing was stored.")
            % {"limit": filesizeformat(self.max_size)},
            status=413,
        )

    def handle_raw_input(
        self, input_data, META, content_length, boundary, encoding=None
    ):
        if content_length and content_length - FORM_OVERHEAD > self._limit():
            raise self._refuse_size()
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > 1:
            self._abort()
            raise UploadRefused(_("Upload one file at a time."))
        try:
            self.writer = EncryptingWriter(
                investigation_id=self.investigation_id,
                public_keys=self.public_keys,
                fingerprints=self.fingerprints,
            )
        except Exception as error:
            logger.warning("secure upload: gpg did not start: %s", type(error).__name__)
            raise self._failed(error) from error

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > self._limit():
            self._abort()
            raise self._refuse_size()
        try:
            self.writer.write(raw_data)
        except Exception as error:
            self._abort()
            logger.warning("secure upload failed: %s", type(error).__name__)
            raise self._failed(error) from error
        return None

    def _failed(self, error: BaseException) -> UploadRefused:
        if isinstance(error, crypto.CryptoError):
            return UploadRefused(
                _(
                    "The file could not be encrypted, so nothing was stored. "
                    "Please tell the investigation's lead."
                ),
                status=500,
            )
        return UploadRefused(
            _(
                "The document store could not be reached, so nothing was stored. "
                "Please try again later."
            ),
            status=503,
        )

    def file_complete(self, file_size: int) -> EncryptedUpload:
        if file_size == 0:
            self._abort()
            raise UploadRefused(_("The file is empty. Nothing was stored."))
        try:
            return self.writer.close(name=self.file_name or "document")
        except Exception as error:
            logger.warning("secure upload failed: %s", type(error).__name__)
            raise self._failed(error) from error

    def upload_interrupted(self) -> None:
        self._abort()

    def _abort(self) -> None:
        # Also deletes a file completed already (a second file, an interruption).
        if self.writer is not None:
            self.writer.abort()
