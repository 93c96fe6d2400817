"""Keys of a workspace's search index, derived from its workspace key.

Two keys come out of the workspace's secret key through HKDF: one keys the
HMAC that turns a normalised word into a 64-bit term (the blind index), the
other seals the extracted text with AES-GCM. Both live only in memory; a new
workspace key gives new ones, so a rotation re-keys the index
(services.index_upkeep).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from secure_docs.crypto.errors import IntegrityFailure
from secure_docs.crypto.keys import unwrap_secret_key

NONCE_SIZE = 12


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"qalam-search", info=info
    ).derive(secret)


@dataclasses.dataclass
class IndexKeys:
    """The derived keys of one workspace key, with a cache of terms already hashed."""

    key_id: int
    mac_key: bytes
    text_key: bytes
    _terms: dict[str, int] = dataclasses.field(default_factory=dict, repr=False)

    def term_hash(self, term: str) -> int:
        """A signed 64-bit HMAC-SHA256 of `term`: what the index stores of a word."""
        value = self._terms.get(term)
        if value is None:
            digest = hmac.new(self.mac_key, term.encode(), hashlib.sha256).digest()
            value = int.from_bytes(digest[:8], "big", signed=True)
            if len(self._terms) < 500_000:
                self._terms[term] = value
        return value

    def seal(self, payload: dict, *, context: bytes) -> bytes:
        """nonce ‖ AES-GCM(JSON payload), bound to `context` (what it belongs to)."""
        nonce = os.urandom(NONCE_SIZE)
        data = json.dumps(payload, ensure_ascii=False).encode()
        return nonce + AESGCM(self.text_key).encrypt(nonce, data, context)

    def unseal(self, blob: bytes, *, context: bytes) -> dict:
        """The payload `seal` sealed; IntegrityFailure if it was tampered with or
        moved to another context."""
        blob = bytes(blob)
        try:
            data = AESGCM(self.text_key).decrypt(
                blob[:NONCE_SIZE], blob[NONCE_SIZE:], context
            )
        except InvalidTag as error:
            raise IntegrityFailure(
                "a sealed search segment failed its check"
            ) from error
        return json.loads(data)


def index_keys(*, key_id: int, wrapped_secret_key: str, kek: str) -> IndexKeys:
    """The search keys of one workspace key (its secret half unwrapped in memory)."""
    secret = unwrap_secret_key(wrapped_secret_key, kek=kek).encode()
    return IndexKeys(
        key_id=key_id,
        mac_key=_derive(secret, b"blind-index-v1"),
        text_key=_derive(secret, b"extracted-text-v1"),
    )
