"""Running gpg: one private, temporary home per operation, never a user's keyring."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import gnupg

from secure_docs.crypto.errors import CryptoError

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


def gpg_binary() -> str | None:
    return shutil.which("gpg")


def require_gpg() -> str:
    binary = gpg_binary()
    if binary is None:
        raise CryptoError("gpg is not installed or not on PATH")
    return binary


class GpgHome:
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
def gpg_home() -> Iterator[GpgHome]:
    """A GpgHome for the `with` block, removed after it."""
    home = GpgHome()
    try:
        yield home
    finally:
        home.close()
