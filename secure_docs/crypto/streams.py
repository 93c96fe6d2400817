"""Streaming encryption and decryption through gpg's stdin and stdout, in chunks."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from secure_docs.crypto.errors import CryptoError, IntegrityFailure, SourceUnavailable
from secure_docs.crypto.gpg import GpgHome

CHUNK_SIZE = 1024 * 1024
ENCRYPT_OPTIONS = ["--compress-algo", "none", "--no-emit-version"]


class _Pump(threading.Thread):
    """Run `work` on a thread and keep its exception for the caller."""

    def __init__(self, work: Callable[[], None], on_error: Callable[[], None]):
        super().__init__(daemon=True)
        self._work = work
        self._on_error = on_error
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self._work()
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            self.error = error
            self._on_error()


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()


def _stderr_text(path: Path) -> str:
    try:
        return path.read_text(errors="replace")[-500:]
    except OSError:
        return ""


class Encryptor:
    """Plaintext in through `write()`, ciphertext out to `store(readable)` on a thread.

    `store` must read the stream to its end (a storage upload). `close()` returns
    once the ciphertext is stored; `abort()` stops everything (the caller deletes
    whatever `store` may have written).
    """

    def __init__(
        self,
        *,
        public_keys: Sequence[str],
        fingerprints: Sequence[str],
        store: Callable[[BinaryIO], None],
    ):
        self._home = GpgHome()
        self._done = False
        try:
            for key in public_keys:
                self._home.import_keys(key)
            recipients: list[str] = []
            for fingerprint in fingerprints:
                recipients += ["--recipient", fingerprint]
            self._stderr_path = self._home.path / "stderr"
            self._stderr = self._stderr_path.open("wb")
            self._process = subprocess.Popen(  # noqa: S603 - argument list, no shell
                self._home.command(
                    *ENCRYPT_OPTIONS, "--encrypt", *recipients, "--output", "-"
                ),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except BaseException:
            self._home.close()
            raise
        self._pump = _Pump(
            lambda: store(self._process.stdout), lambda: _kill(self._process)
        )
        self._pump.start()

    def write(self, chunk: bytes) -> None:
        try:
            self._process.stdin.write(chunk)
        except (BrokenPipeError, ValueError) as error:
            self.abort()
            raise self._failure() from error

    def _failure(self) -> BaseException:
        if self._pump.error is not None:
            return self._pump.error
        return CryptoError(f"gpg --encrypt failed: {_stderr_text(self._stderr_path)}")

    def close(self) -> None:
        """Finish: flush gpg, wait for the store, raise if either failed."""
        try:
            try:
                self._process.stdin.close()
            except BrokenPipeError:
                pass
            self._pump.join()
            code = self._process.wait()
            if self._pump.error is not None:
                raise self._pump.error
            if code != 0:
                raise CryptoError(
                    f"gpg --encrypt failed: {_stderr_text(self._stderr_path)}"
                )
        finally:
            self._cleanup()

    def abort(self) -> None:
        _kill(self._process)
        with contextlib.suppress(BrokenPipeError, ValueError, OSError):
            self._process.stdin.close()
        self._pump.join()
        self._process.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        if self._done:
            return
        self._done = True
        with contextlib.suppress(OSError):
            self._process.stdout.close()
        self._stderr.close()
        self._home.close()


def decrypt(
    *,
    secret_keys: Sequence[str],
    source: BinaryIO,
    sha256: str,
    size: int,
) -> Iterator[bytes]:
    """Yield the plaintext of `source`, checked against `sha256` and `size`.

    The last chunk is held back until gpg has verified the message (OpenPGP
    integrity check) and the hash matches, so a tampered object never yields a
    complete file: a small file yields nothing at all, a large one stops short
    of its announced length. Raises IntegrityFailure.
    """
    home = GpgHome()
    stderr_path = home.path / "stderr"
    stderr = stderr_path.open("wb")
    try:
        home.import_secret_keys(secret_keys)
        process = subprocess.Popen(  # noqa: S603 - argument list, no shell
            home.command("--decrypt", "--output", "-"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    except BaseException:
        stderr.close()
        home.close()
        raise

    def feed() -> None:
        try:
            while chunk := source.read(CHUNK_SIZE):
                process.stdin.write(chunk)
        except BrokenPipeError:
            pass
        finally:
            with contextlib.suppress(BrokenPipeError, OSError):
                process.stdin.close()

    pump = _Pump(feed, lambda: _kill(process))
    pump.start()
    digest = hashlib.sha256()
    seen = 0
    held: bytes | None = None
    try:
        while chunk := process.stdout.read(CHUNK_SIZE):
            digest.update(chunk)
            seen += len(chunk)
            if seen > size:
                raise IntegrityFailure(
                    _("The stored document is longer than recorded.")
                )
            if held is not None:
                yield held
            held = chunk
        code = process.wait()
        pump.join()
        if pump.error is not None:
            raise SourceUnavailable(
                _("The document store could not be reached. Please try again later.")
            ) from pump.error
        if code != 0:
            raise IntegrityFailure(
                _(
                    "The stored document failed to decrypt or its integrity "
                    "check failed."
                )
            )
        if seen != size or digest.hexdigest() != sha256:
            raise IntegrityFailure(
                _("The stored document does not match its recorded SHA-256.")
            )
        if held is not None:
            yield held
    finally:
        _kill(process)
        pump.join()
        with contextlib.suppress(OSError):
            process.stdout.close()
        process.wait()
        stderr.close()
        home.close()
