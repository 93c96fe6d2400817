"""MP3 rebuilt from its MPEG audio frames alone.

Whatever lies before, between or after the frames is left out: ID3v2 tags
(at the start, after junk, between two concatenated files or appended at the
end), ID3v1, APEv2, Lyrics3 and any other bytes. A frame counts only where
the headers agree: the first one of a stretch is followed by three more of the
same stream, and every kept frame by another frame, a known tag or the end of
the file (so a cut-off frame cannot carry the start of a tag with it).
"""

import os
from collections.abc import Iterator
from typing import IO, NamedTuple

from mutagen.apev2 import APENoHeaderError, APEv2
from mutagen.mp3 import MP3

from awards.jury.blind_media.base import COPY_CHUNK, copy_range, refuse

# Bit rates in kbit/s by (MPEG-1 or later, layer); MPEG-2.5 uses MPEG-2's.
_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
# Sample rates by the header's version bits (3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5).
_SAMPLE_RATES = {
    3: (44100, 48000, 32000),
    2: (22050, 24000, 16000),
    0: (11025, 12000, 8000),
}
# A new stretch of frames is believed only when this many follow one another.
_CONFIRM = 4
# What may follow the last frame of a stretch besides another frame.
_TAG_STARTS = (b"ID3", b"TAG", b"APETAGEX", b"LYRICSBEGIN")


class _Frame(NamedTuple):
    length: int
    stream: tuple[int, int, int]  # version, layer and sample rate bits


def _frame(header: bytes) -> _Frame | None:
    """The frame a 4-byte MPEG audio header announces; None if it is not one
    (reserved values and free-format bit rates included)."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version, layer = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version == 1 or layer == 0 or rate_index == 3 or header[3] & 3 == 2:
        return None
    if bitrate_index in (0, 15):
        return None
    layer_number, mpeg = 4 - layer, 1 if version == 3 else 2
    table = (mpeg, layer_number if mpeg == 1 else min(layer_number, 2))
    bitrate = _BITRATES[table][bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    if layer_number == 1:
        length = (12 * bitrate // sample_rate + padding) * 4
    elif layer_number == 3 and mpeg == 2:
        length = 72 * bitrate // sample_rate + padding
    else:
        length = 144 * bitrate // sample_rate + padding
    return _Frame(length, (version, layer, rate_index))


class _Window:
    """Reads at any offset through one cached block: the walk goes forward."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.size = handle.seek(0, os.SEEK_END)
        self.start, self.data = 0, b""

    def _load(self, offset: int, length: int) -> None:
        if not self.start <= offset <= offset + length <= self.start + len(self.data):
            self.handle.seek(offset)
            self.start, self.data = offset, self.handle.read(max(length, COPY_CHUNK))

    def read(self, offset: int, length: int) -> bytes:
        self._load(offset, length)
        return self.data[offset - self.start : offset - self.start + length]

    def next_ff(self, offset: int) -> int | None:
        """The offset of the next 0xFF byte (where a frame may start)."""
        while offset < self.size:
            self._load(offset, 1)
            found = self.data.find(b"\xff", offset - self.start)
            if found >= 0:
                return self.start + found
            offset = self.start + len(self.data)
        return None


def skip_id3v2(handle: IO[bytes], offset: int = 0) -> int:
    """The offset after every ID3v2 tag that starts at `offset`."""
    while True:
        handle.seek(offset)
        header = handle.read(10)
        if len(header) < 10 or header[:3] != b"ID3":
            return offset
        size = 0
        for byte in header[6:10]:
            size = (size << 7) | (byte & 0x7F)
        offset += 10 + size + (10 if header[5] & 0x10 else 0)


def _is_confirmed(
    window: _Window, offset: int, stream: tuple[int, int, int] | None
) -> bool:
    """Whether _CONFIRM whole frames of one stream (`stream`, once known)
    follow one another from `offset`."""
    for _index in range(_CONFIRM):
        frame = _frame(window.read(offset, 4))
        if frame is None or frame.stream != (stream or frame.stream):
            return False
        stream, offset = frame.stream, offset + frame.length
        if offset > window.size:
            return False
    return True


def _is_followed(window: _Window, offset: int, stream: tuple[int, int, int]) -> bool:
    """Whether a frame ending at `offset` is whole: the end of the file, a
    frame of the same stream or a tag begins there."""
    if offset == window.size:
        return True
    frame = _frame(window.read(offset, 4))
    if frame is not None and frame.stream == stream:
        return True
    return window.read(offset, 11).startswith(_TAG_STARTS)


def _frame_runs(window: _Window) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch of consecutive frames, in order."""
    offset, stream = skip_id3v2(window.handle), None
    while (start := window.next_ff(offset)) is not None:
        if not _is_confirmed(window, start, stream):
            offset = start + 1
            continue
        offset = start
        stream = _frame(window.read(start, 4)).stream
        while (frame := _frame(window.read(offset, 4))) and frame.stream == stream:
            end = offset + frame.length
            if end > window.size or not _is_followed(window, end, stream):
                break
            offset = end
        if offset > start:
            yield start, offset
        offset = skip_id3v2(window.handle, max(offset, start + 1))


def clean_mp3(source: IO[bytes], out: IO[bytes]) -> None:
    """Write the MPEG audio frames of `source` to `out` and nothing else;
    refuse a file in which no stretch of frames is found."""
    window = _Window(source)
    written = 0
    for start, end in _frame_runs(window):
        copy_range(source, out, start, end - start)
        written += end - start
    if not written:
        raise refuse()
    out.seek(0)
    if MP3(out).tags is not None:
        raise refuse()
    try:
        APEv2(out)
    except APENoHeaderError:
        return
    raise refuse()
