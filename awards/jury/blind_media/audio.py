"""Cleaned copies of audio: the sound without a tag. MP3 is rebuilt from its
frames (see mp3); mutagen removes Vorbis comments and MP4 tags with their
pictures; FLAC and WAV are rebuilt from the blocks and chunks that carry sound."""

import os
import shutil
import struct
from typing import IO

from mutagen import MutagenError
from mutagen.mp4 import MP4
from mutagen.ogg import OggPage
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis

from awards.jury.blind_media.base import (
    COPY_CHUNK,
    READ_ERRORS,
    CannotClean,
    copy_range,
    refuse,
)
from awards.jury.blind_media.mp3 import clean_mp3, skip_id3v2


def _strip_trailing_tags(handle: IO[bytes]) -> None:
    """Cut ID3v1 (and its extended TAG+ part) and Lyrics3 tags off the end, as
    often as they repeat."""
    while True:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 15 - 227 - 128))
        tail = handle.read()
        cut = 0
        if tail[-128:-125] == b"TAG":
            cut = 128 + (227 if tail[-355:-351] == b"TAG+" else 0)
        elif tail.endswith(b"LYRICS200") and tail[-15:-9].isdigit():
            cut = int(tail[-15:-9]) + 15
        elif tail.endswith(b"LYRICSEND"):
            handle.seek(max(0, size - 5100 - 9))
            block = handle.read()
            start = block.rfind(b"LYRICSBEGIN")
            if start < 0:
                raise refuse()
            cut = len(block) - start
        if not cut or cut > size:
            return
        handle.truncate(size - cut)


# MP4 boxes whose children we walk, and the boxes kept at the top level.
_MP4_CONTAINERS = {
    b"moov",
    b"trak",
    b"mdia",
    b"minf",
    b"stbl",
    b"edts",
    b"dinf",
    b"moof",
    b"traf",
    b"mvex",
}
_MP4_TOP = {b"ftyp", b"moov", b"mdat", b"moof", b"mfra", b"sidx", b"styp", b"pdin"}
# Boxes that hold nothing but metadata (tags, chapters, XMP, user data).
_MP4_METADATA = {b"udta", b"meta", b"uuid", b"free", b"skip", b"wide", b"ID32"}


def _mp4_boxes(handle: IO[bytes], start: int, end: int):
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        size, name = struct.unpack(">I4s", handle.read(8))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", handle.read(8))[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise refuse()
        yield offset, size, header, name
        offset += size


def _blank_box(handle: IO[bytes], offset: int, size: int, header: int) -> None:
    """Turn a box into 'free' of the same size and zero its contents: no offset
    elsewhere in the file moves."""
    handle.seek(offset + 4)
    handle.write(b"free")
    handle.seek(offset + header)
    remaining = size - header
    while remaining:
        step = min(COPY_CHUNK, remaining)
        handle.write(b"\x00" * step)
        remaining -= step


def _blank_mp4(handle: IO[bytes], start: int, end: int, *, top: bool) -> None:
    for offset, size, header, name in _mp4_boxes(handle, start, end):
        if name in _MP4_CONTAINERS:
            _blank_mp4(handle, offset + header, offset + size, top=False)
        elif name == b"hdlr" and size > header + 24:
            # The handler's name string can be anything; the type stays.
            handle.seek(offset + header + 24)
            handle.write(b"\x00" * (size - header - 24))
        elif (
            name in _MP4_METADATA
            or name.startswith(b"\xa9")
            or (top and name not in _MP4_TOP)
        ):
            _blank_box(handle, offset, size, header)


def _clean_mp4(work: IO[bytes]) -> None:
    MP4(work).delete(work)
    end = work.seek(0, os.SEEK_END)
    _blank_mp4(work, 0, end, top=True)
    work.seek(0)
    if MP4(work).tags:
        raise refuse()


def _clean_ogg(work: IO[bytes]) -> None:
    serials = set()
    work.seek(0)
    end = work.seek(0, os.SEEK_END)
    work.seek(0)
    while work.tell() < end:
        page = OggPage(work)
        if page.first:
            serials.add(page.serial)
    if len(serials) != 1:
        # Chained or multiplexed streams: mutagen sees only the first one's tags.
        raise refuse()
    for kind in (OggVorbis, OggOpus, OggSpeex):
        work.seek(0)
        try:
            audio = kind(work)
        except MutagenError:
            continue
        audio.tags.clear()
        audio.tags.vendor = ""
        # Opus may keep binary data after the comments: it goes too.
        if hasattr(audio.tags, "_pad_data"):
            audio.tags._pad_data = b""
        work.seek(0)
        audio.save(work, padding=lambda info: 0)
        work.seek(0)
        tags = kind(work).tags
        if tags.keys() or tags.vendor:
            raise refuse()
        return
    raise refuse()  # FLAC or Theora in Ogg: not cleaned, not served


def _clean_flac(source: IO[bytes], out: IO[bytes]) -> None:
    """fLaC, then STREAMINFO and SEEKTABLE only (no comments, pictures,
    application data, cue sheet or padding), then the audio frames."""
    start = skip_id3v2(source)
    source.seek(start)
    if source.read(4) != b"fLaC":
        raise refuse()
    kept, is_last = [], False
    while not is_last:
        header = source.read(4)
        if len(header) < 4:
            raise refuse()
        is_last, code = bool(header[0] & 0x80), header[0] & 0x7F
        length = int.from_bytes(header[1:4], "big")
        body = source.read(length)
        if len(body) < length:
            raise refuse()
        if code in (0, 3):
            kept.append((code, body))
    if not kept or kept[0][0] != 0:
        raise refuse()
    audio_start = source.tell()
    end = source.seek(0, os.SEEK_END)
    out.write(b"fLaC")
    for index, (code, body) in enumerate(kept):
        flag = 0x80 if index == len(kept) - 1 else 0
        out.write(bytes([flag | code]) + len(body).to_bytes(3, "big") + body)
    copy_range(source, out, audio_start, end - audio_start)
    _strip_trailing_tags(out)


def _clean_wav(source: IO[bytes], out: IO[bytes]) -> None:
    """RIFF/WAVE with its format, fact and sound chunks only (no LIST/INFO,
    ID3, bext, iXML, XMP or cue points)."""
    source.seek(0)
    header = source.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:] != b"WAVE":
        raise refuse()
    end = source.seek(0, os.SEEK_END)
    offset, kept = 12, []
    while offset + 8 <= end:
        source.seek(offset)
        name, size = struct.unpack("<4sI", source.read(8))
        size = min(size, end - offset - 8)
        if name in (b"fmt ", b"fact", b"data"):
            kept.append((name, offset + 8, size))
        offset += 8 + size + (size & 1)
    names = [name for name, _start, _size in kept]
    if b"fmt " not in names or b"data" not in names:
        raise refuse()
    total = 4 + sum(8 + size + (size & 1) for _name, _start, size in kept)
    out.write(b"RIFF" + struct.pack("<I", total) + b"WAVE")
    for name, start, size in kept:
        out.write(name + struct.pack("<I", size))
        copy_range(source, out, start, size)
        if size & 1:
            out.write(b"\x00")


AUDIO_TYPES = {
    "audio/mpeg",
    "audio/mp4",
    "audio/m4a",
    "audio/ogg",
    "audio/x-flac",
    "audio/x-wav",
}


def clean_audio(source: IO[bytes], out: IO[bytes], *, content_type: str) -> None:
    """Write the audio in `source` to `out` without tags or pictures. `out`
    must be readable and writable (mutagen edits it in place)."""
    try:
        if content_type == "audio/x-flac":
            _clean_flac(source, out)
            return
        if content_type == "audio/x-wav":
            _clean_wav(source, out)
            return
        if content_type == "audio/mpeg":
            clean_mp3(source, out)
            return
        source.seek(0)
        shutil.copyfileobj(source, out, COPY_CHUNK)
        out.seek(0)
        if content_type in ("audio/mp4", "audio/m4a"):
            _clean_mp4(out)
        else:
            _clean_ogg(out)
    except CannotClean:
        raise
    except READ_ERRORS as error:
        raise refuse() from error
