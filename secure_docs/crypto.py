"""The only place that runs gpg.

Every operation gets a fresh, private GnuPG home directory that holds only the
keys the operation needs (never plaintext) and is removed afterwards, so neither
the user's nor the system's keyring is ever read. Keys we encrypt to were
validated by `inspect_public_key`, hence `--trust-model always`. Compression is
off: most documents are compressed already, and a compression layer leaks
length information. Data streams through gpg's stdin and stdout in chunks, in
both directions; nothing holds a whole file in memory.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime
import hashlib
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import gnupg
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils import timezone
from django.utils.translation import gettext as _

CHUNK_SIZE = 1024 * 1024
MIN_RSA_BITS = 2048
RSA_ALGORITHMS = {"1", "2", "3"}
ALGORITHM_NAMES = {
    "1": "RSA",
    "2": "RSA",
    "3": "RSA",
    "16": "ElGamal",
    "17": "DSA",
    "18": "ECDH",
    "19": "ECDSA",
    "22": "EdDSA",
}
# Options for every gpg run: no tty, no agent prompts, our own trust decisions.
BASE_OPTIONS = [
    "--batch",
    "--no-tty",
    "--yes",
    "--pinentry-mode",
    "loopback",
    "--trust-model",
    "always",
    "--no-auto-key-retrieve",
]
ENCRYPT_OPTIONS = ["--compress-algo", "none", "--no-emit-version"]


class CryptoError(Exception):
    """gpg failed; the message is for operators (it never contains plaintext)."""


class KeyRefused(CryptoError):
    """A personal key we will not encrypt to; the message is for its owner."""

    def __init__(self, message: str, *, is_secret: bool = False):
        super().__init__(message)
        self.is_secret = is_secret


class IntegrityFailure(CryptoError):
    """Stored ciphertext does not decrypt to the plaintext we recorded."""


class SourceUnavailable(CryptoError):
    """The stored ciphertext could not be read (storage down): retry later."""


def gpg_binary() -> str | None:
    return shutil.which("gpg")


def require_gpg() -> str:
    binary = gpg_binary()
    if binary is None:
        raise CryptoError("gpg is not installed or not on PATH")
    return binary


class _Home:
    """A temporary GnuPG home holding only the keys of one operation."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="qalam-gpg-"))
        self.path.chmod(0o700)
        self.gpg = gnupg.GPG(
            gpgbinary=require_gpg(), gnupghome=str(self.path), options=BASE_OPTIONS
        )
        self.used_secret_keys = False

    def import_keys(self, armored: str) -> gnupg.ImportResult:
        return self.gpg.import_keys(armored)

    def import_secret_keys(self, armored: Sequence[str]) -> None:
        self.used_secret_keys = True
        for key in armored:
            result = self.gpg.import_keys(key)
            if not result.fingerprints:
                raise CryptoError("a workspace secret key did not import")

    def command(self, *args: str) -> list[str]:
        return [require_gpg(), "--homedir", str(self.path), *BASE_OPTIONS, *args]

    def close(self) -> None:
        if self.used_secret_keys:
            # gpg started an agent for this home; stop it before removing the home.
            subprocess.run(  # noqa: S603 - fixed arguments
                [
                    shutil.which("gpgconf") or "gpgconf",
                    "--homedir",
                    str(self.path),
                    "--kill",
                    "gpg-agent",
                ],
                check=False,
                capture_output=True,
            )
        shutil.rmtree(self.path, ignore_errors=True)


@contextlib.contextmanager
def _home() -> Iterator[_Home]:
    home = _Home()
    try:
        yield home
    finally:
        home.close()


# --- Personal keys ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class KeyInfo:
    fingerprint: str
    algorithm: str
    user_ids: list[str]
    expires_at: datetime.datetime | None
    public_key: str


def _timestamp(value: str) -> datetime.datetime | None:
    if not value:
        return None
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)


def _algorithm(info: dict) -> str:
    name = ALGORITHM_NAMES.get(info.get("algo", ""), info.get("algo", "?"))
    if info.get("curve"):
        return f"{name} {info['curve']}"
    return f"{name} {info.get('length', '')}".strip()


def inspect_public_key(data: str | bytes) -> KeyInfo:
    """Validate one OpenPGP public key in an isolated home; KeyRefused says why not.

    Refused: a secret key, no key at all or several, an expired or revoked key,
    a key with no usable encryption (sub)key, an RSA key under 2048 bits.
    """
    if isinstance(data, bytes):
        text = data.decode("utf-8", errors="replace")
    else:
        text = data
    if "PRIVATE KEY BLOCK" in text:
        raise KeyRefused(
            _(
                "This is a secret (private) key. Never share it: treat this key as "
                "compromised, revoke it and create a new one. Paste only the public "
                "key (it begins with “-----BEGIN PGP PUBLIC KEY BLOCK-----”)."
            ),
            is_secret=True,
        )
    with _home() as home:
        result = home.gpg.import_keys(data)
        home.used_secret_keys = True  # listing secret keys starts an agent
        if home.gpg.list_keys(secret=True):
            raise KeyRefused(
                _(
                    "This is a secret (private) key. Never share it: treat this key "
                    "as compromised, revoke it and create a new one."
                ),
                is_secret=True,
            )
        keys = home.gpg.list_keys()
        if not result.fingerprints or not keys:
            raise KeyRefused(_("This is not an OpenPGP public key."))
        if len(keys) > 1:
            raise KeyRefused(_("Give exactly one public key, not several."))
        key = keys[0]
        if key["trust"] == "r":
            raise KeyRefused(_("This key has been revoked."))
        expires_at = _timestamp(key.get("expires", ""))
        if key["trust"] == "e" or (expires_at and expires_at <= timezone.now()):
            raise KeyRefused(_("This key has expired."))
        parts = [key, *key.get("subkey_info", {}).values()]
        for part in parts:
            if (
                part.get("algo") in RSA_ALGORITHMS
                and int(part["length"]) < MIN_RSA_BITS
            ):
                raise KeyRefused(
                    _("RSA keys must have at least %(bits)s bits; this one has %(n)s.")
                    % {"bits": MIN_RSA_BITS, "n": part["length"]}
                )
        # Upper-case capabilities on the primary key are those of the whole key,
        # counting only subkeys that are neither expired nor revoked.
        if "E" not in key.get("cap", ""):
            raise KeyRefused(
                _(
                    "This key has no valid encryption key, so nothing can be "
                    "encrypted to it."
                )
            )
        encryption_expiries = [
            _timestamp(part.get("expires", ""))
            for part in parts
            if "e" in part.get("cap", "").lower() and part.get("trust") not in "er"
        ]
        if encryption_expiries and all(encryption_expiries):
            expires_at = min(
                [expires_at, *encryption_expiries]
                if expires_at
                else encryption_expiries
            )
        encryption = next((p for p in reversed(parts) if "e" in p.get("cap", "")), key)
        public = home.gpg.export_keys(key["fingerprint"], minimal=True)
        return KeyInfo(
            fingerprint=key["fingerprint"],
            algorithm=_algorithm(encryption),
            user_ids=list(key.get("uids", [])),
            expires_at=expires_at,
            public_key=public,
        )


# --- Workspace keys and the key-encryption key --------------------------------------


@dataclasses.dataclass(frozen=True)
class GeneratedKey:
    fingerprint: str
    public_key: str
    secret_key: str


def generate_workspace_key(*, name: str) -> GeneratedKey:
    """A new Ed25519 signing key with a Curve25519 encryption subkey, unprotected
    (it is wrapped with the KEK before it is stored)."""
    with _home() as home:
        home.used_secret_keys = True
        spec = home.gpg.gen_key_input(
            key_type="EDDSA",
            key_curve="ed25519",
            key_usage="sign",
            subkey_type="ECDH",
            subkey_curve="cv25519",
            subkey_usage="encrypt",
            name_real=name[:60],
            name_email="workspace@qalam.invalid",
            expire_date=0,
            no_protection=True,
        )
        key = home.gpg.gen_key(spec)
        if not key.fingerprint:
            raise CryptoError(f"gpg did not generate a key: {key.stderr[-300:]}")
        fingerprint = str(key.fingerprint)
        public = home.gpg.export_keys(fingerprint)
        secret = home.gpg.export_keys(fingerprint, secret=True, expect_passphrase=False)
        if "PRIVATE KEY BLOCK" not in secret:
            raise CryptoError("gpg did not export the new secret key")
        return GeneratedKey(
            fingerprint=fingerprint, public_key=public, secret_key=secret
        )


def _fernet(kek: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"qalam-secure-docs",
        info=b"workspace-key-wrap-v1",
    ).derive(kek.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def wrap_secret_key(secret_key: str, *, kek: str) -> str:
    """Encrypt (AES-128-CBC + HMAC-SHA256, Fernet) a secret key under the KEK."""
    return _fernet(kek).encrypt(secret_key.encode()).decode()


def unwrap_secret_key(wrapped: str, *, kek: str) -> str:
    try:
        return _fernet(kek).decrypt(wrapped.encode()).decode()
    except InvalidToken as error:
        raise CryptoError(
            "a workspace key does not open with this key-encryption key"
        ) from error


# --- Streaming encryption and decryption ---------------------------------------------


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
        self._home = _Home()
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
    home = _Home()
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


def hash_stream(readable: BinaryIO) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := readable.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
