"""Keys: validating personal keys, generating workspace keys, and wrapping
workspace secret keys under the key-encryption key."""

from __future__ import annotations

import base64
import dataclasses
import datetime

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils import timezone
from django.utils.translation import gettext as _

from secure_docs.crypto.errors import CryptoError, KeyRefused
from secure_docs.crypto.gpg import gpg_home

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
    with gpg_home() as home:
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


@dataclasses.dataclass(frozen=True)
class GeneratedKey:
    fingerprint: str
    public_key: str
    secret_key: str


def generate_workspace_key(*, name: str) -> GeneratedKey:
    """A new Ed25519 signing key with a Curve25519 encryption subkey, unprotected
    (it is wrapped with the KEK before it is stored)."""
    with gpg_home() as home:
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
