"""The only place that runs gpg.

Every operation gets a fresh, private GnuPG home directory that holds only the
keys the operation needs (never plaintext) and is removed afterwards, so neither
the user's nor the system's keyring is ever read. Keys we encrypt to were
validated by `inspect_public_key`, hence `--trust-model always`. Compression is
off: most documents are compressed already, and a compression layer leaks
length information. Data streams through gpg's stdin and stdout in chunks, in
both directions; nothing holds a whole file in memory.

One module per topic; this package re-exports what other modules use.
"""

from secure_docs.crypto.errors import (
    CryptoError,
    IntegrityFailure,
    KeyRefused,
    SourceUnavailable,
)
from secure_docs.crypto.gpg import gpg_binary, require_gpg
from secure_docs.crypto.index import IndexKeys, index_keys
from secure_docs.crypto.keys import (
    GeneratedKey,
    KeyInfo,
    generate_workspace_key,
    inspect_public_key,
    unwrap_secret_key,
    wrap_secret_key,
)
from secure_docs.crypto.streams import CHUNK_SIZE, Encryptor, decrypt

__all__ = [
    "CHUNK_SIZE",
    "CryptoError",
    "Encryptor",
    "GeneratedKey",
    "IndexKeys",
    "IntegrityFailure",
    "KeyInfo",
    "KeyRefused",
    "SourceUnavailable",
    "decrypt",
    "generate_workspace_key",
    "gpg_binary",
    "index_keys",
    "inspect_public_key",
    "require_gpg",
    "unwrap_secret_key",
    "wrap_secret_key",
]
