"""What every cleaner shares: the refusal, the errors that mean a file is
damaged or crafted, and copying ranges of a file."""

import struct
from typing import IO

from django.utils.translation import gettext as _
from mutagen import MutagenError
from PIL import Image

COPY_CHUNK = 1024 * 1024


class CannotClean(Exception):  # noqa: N818 - reads as a sentence: raise CannotClean
    """The attachment cannot be served in a blind round: `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refuse() -> CannotClean:
    """The refusal for a file whose metadata we could not be sure to remove."""
    return CannotClean(
        _(
            "This attachment cannot be shown in a blind round: its metadata could "
            "not be removed safely. The award's organisers can help."
        )
    )


# Errors a damaged or crafted file makes Pillow or mutagen raise; a warning
# counts too (a corrupt EXIF block warns), so a doubtful file is refused.
READ_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    struct.error,
    KeyError,
    IndexError,
    TypeError,
    EOFError,
    UnicodeError,
    ZeroDivisionError,
    MutagenError,
    Warning,
    Image.DecompressionBombError,
)


def copy_range(source: IO[bytes], out: IO[bytes], start: int, length: int) -> None:
    """Copy `length` bytes of `source` from `start` to `out`, a chunk at a time."""
    source.seek(start)
    remaining = length
    while remaining > 0:
        chunk = source.read(min(COPY_CHUNK, remaining))
        if not chunk:
            break
        out.write(chunk)
        remaining -= len(chunk)
