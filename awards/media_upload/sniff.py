"""What an uploaded file is, by its first bytes: audio or video, or refused."""

import filetype

SNIFF_BYTES = 8192
# The names browsers know for types `filetype` reports under an older name.
STANDARD_NAMES = {
    "audio/x-wav": "audio/wav",
    "audio/x-flac": "audio/flac",
    "video/x-m4v": "video/mp4",
}


def is_media_type(content_type: str) -> bool:
    """A declared type we accept: any audio or video type."""
    major, _slash, minor = content_type.strip().lower().partition("/")
    return major in {"audio", "video"} and bool(minor)


def media_type_of(head: bytes) -> str | None:
    """The audio or video type the bytes start with, or None for anything else
    (and for formats no browser plays, such as MIDI)."""
    kind = filetype.guess(head)
    if kind is None or not is_media_type(kind.mime) or kind.mime == "audio/midi":
        return None
    return STANDARD_NAMES.get(kind.mime, kind.mime)
