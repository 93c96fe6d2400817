"""What can go wrong with gpg, and whom each message is for."""


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
