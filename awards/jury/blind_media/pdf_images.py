"""What PDF pictures carry besides their pixels: colour profiles, JPEGs drawn
inline in a page's content, and JPEG 2000 containers and comments.

- An ICCBased colour space becomes the device space of as many components
  (gray, RGB or CMYK): a profile's description, copyright and device tags can
  name a person, and nothing else in the document needs it.
- A JPEG drawn inline (BI … ID … EI) loses its metadata segments; the content
  stream around it is kept byte for byte.
- A JPEG 2000 picture keeps its signature, file type, header and codestream
  boxes (XML, UUID, IPR, resolution and other boxes go) and its codestream
  loses its comments. A picture with its own ICC profile, or a comment inside
  a tile, is refused.
"""

import zlib

from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    NameObject,
    PdfObject,
    StreamObject,
)

from awards.jury.blind_media.base import refuse
from awards.jury.blind_media.image import jpeg_without_metadata

_DEVICE = {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}
_WHITESPACE = b"\0\t\n\f\r "


def device_space(value: PdfObject) -> NameObject | None:
    """The device space to draw with instead of an ICCBased colour space (of
    as many components, or its alternate when that is a device space); None
    when `value` is not an ICCBased colour space."""
    space = value.get_object()
    if not isinstance(space, ArrayObject) or not space or space[0] != "/ICCBased":
        return None
    profile = space[1].get_object() if len(space) == 2 else None
    if not isinstance(profile, StreamObject):
        raise refuse()
    count = profile.get("/N")
    device = _DEVICE.get(count.get_object() if count is not None else None)
    alternate = profile.get("/Alternate")
    alternate = alternate.get_object() if alternate is not None else None
    if alternate in _DEVICE.values() and device in (None, alternate):
        device = alternate
    if device is None:
        raise refuse()
    return NameObject(device)


def is_icc_profile(stream: StreamObject) -> bool:
    """Whether the stream is a colour profile (reached other than through an
    ICCBased colour space, which `device_space` replaces)."""
    return "/N" in stream and stream.get_data()[36:40] == b"acsp"


def clean_inline_jpegs(stream: StreamObject) -> None:
    """Strip the metadata of every JPEG drawn inline in a content stream; the
    rest of the stream is kept byte for byte. An inline JPEG wrapped in other
    filters or with a recorded length is refused."""
    data = stream.get_data()
    if b"BI" not in data or b"ID" not in data:
        return
    pieces, position = [], 0
    for operands, operator in ContentStream(stream, None).operations:
        if operator != b"INLINE IMAGE":
            continue
        settings = operands["settings"]
        filters = settings.get("/F", settings.get("/Filter"))
        names = filters if isinstance(filters, ArrayObject) else [filters]
        if not {"/DCT", "/DCTDecode"} & set(names):
            continue
        if len(names) != 1 or {"/L", "/Length"} & set(settings):
            raise refuse()
        image = operands["data"]
        start = data.find(image, position)
        if start < 0:
            raise refuse()
        cleaned = jpeg_without_metadata(image.rstrip(_WHITESPACE))
        ending = image[len(image.rstrip(_WHITESPACE)) :] or b"\n"
        pieces += [data[position:start], cleaned, ending]
        position = start + len(image)
    if not pieces:
        return
    pieces.append(data[position:])
    StreamObject.set_data(stream, zlib.compress(b"".join(pieces)))
    stream.decoded_self = None
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream.pop("/DecodeParms", None)


def _boxes(data: bytes):
    """The (type, body) of each JPEG 2000 box in `data`."""
    offset = 0
    while offset < len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        kind, start = data[offset + 4 : offset + 8], offset + 8
        if length == 1:
            length = int.from_bytes(data[start : start + 8], "big")
            start += 8
        elif length == 0:
            length = len(data) - offset
        if len(kind) != 4 or length < start - offset or offset + length > len(data):
            raise ValueError("truncated JPEG 2000 box")
        yield kind, data[start : offset + length]
        offset += length


def _box(kind: bytes, body: bytes) -> bytes:
    if len(body) + 8 < 2**32:
        return (len(body) + 8).to_bytes(4, "big") + kind + body
    return b"\0\0\0\1" + kind + (len(body) + 16).to_bytes(8, "big") + body


def _segments(data: bytes, offset: int, last: int):
    """The (marker, start, end) of each marker segment from `offset` up to
    the first `last` marker (whose offset is the last one yielded)."""
    while True:
        if offset + 2 > len(data) or data[offset] != 0xFF:
            raise ValueError("no JPEG 2000 marker where one belongs")
        marker = data[offset + 1]
        if marker == last:
            yield marker, offset, offset
            return
        length = int.from_bytes(data[offset + 2 : offset + 4], "big")
        if length < 2 or offset + 2 + length > len(data):
            raise ValueError("truncated JPEG 2000 marker segment")
        yield marker, offset, offset + 2 + length
        offset += 2 + length


def _codestream_without_comments(data: bytes) -> bytes:
    """The codestream without its main header's comments and without
    anything after its end; a comment inside a tile-part is refused (its
    removal would change lengths recorded elsewhere)."""
    if not data.startswith(b"\xff\x4f\xff\x51"):
        raise ValueError("not a JPEG 2000 codestream")
    out, tiles = [b"\xff\x4f"], 0
    for marker, start, end in _segments(data, 2, 0x90):  # up to the first SOT
        if marker != 0x64:
            out.append(data[start:end])
        tiles = start
    position = tiles
    while data[position : position + 2] == b"\xff\x90":
        size = int.from_bytes(data[position + 6 : position + 10], "big")
        for marker, _start, _end in _segments(data, position + 12, 0x93):
            if marker == 0x64:
                raise ValueError("a comment inside a tile-part")
        if size == 0:  # the last tile-part runs to the end of the codestream
            position = len(data)
            break
        position += size
    if data[position : position + 2] == b"\xff\xd9":
        position += 2
    elif position != len(data):
        raise ValueError("no JPEG 2000 tile-part where one belongs")
    out.append(data[tiles:position])
    return b"".join(out)


_JP2_HEADER_KEPT = {b"ihdr", b"bpcc", b"colr", b"pclr", b"cmap", b"cdef"}


def jpx_without_metadata(data: bytes) -> bytes:
    """A JPEG 2000 picture (a JP2 file or a bare codestream) with only what
    draws it; ValueError for anything else, or for a picture with its own ICC
    profile."""
    if data.startswith(b"\xff\x4f"):
        return _codestream_without_comments(data)
    if not data.startswith(b"\0\0\0\x0cjP  \r\n\x87\n"):
        raise ValueError("not a JPEG 2000 file")
    out = []
    for kind, body in _boxes(data):
        if kind in (b"jP  ", b"ftyp"):
            out.append(_box(kind, body))
        elif kind == b"jp2h":
            header = []
            for inner, content in _boxes(body):
                if inner == b"colr" and content[:1] != b"\x01":
                    raise ValueError("a JPEG 2000 colour profile")
                if inner in _JP2_HEADER_KEPT:
                    header.append(_box(inner, content))
            out.append(_box(kind, b"".join(header)))
        elif kind == b"jp2c" and not any(box.startswith(b"jp2c", 4) for box in out):
            out.append(_box(kind, _codestream_without_comments(body)))
    if not out or not out[-1].startswith(b"jp2c", 4):
        raise ValueError("no JPEG 2000 codestream after the header")
    return b"".join(out)


def clean_jpx_stream(stream: StreamObject) -> None:
    """A JPEG 2000 image without its metadata, stored as JPX alone (any
    compression stacked on it is undone)."""
    data = jpx_without_metadata(stream.get_data())
    StreamObject.set_data(stream, data)
    stream.decoded_self = None
    stream[NameObject("/Filter")] = NameObject("/JPXDecode")
    stream.pop("/DecodeParms", None)


def content_streams(item: DictionaryObject) -> list[StreamObject]:
    """The content streams a page, form, tiling pattern or Type 3 font draws
    with (those where inline images can be)."""
    if isinstance(item, StreamObject) and (
        item.get("/Subtype") == "/Form" or item.get("/PatternType") == 1
    ):
        return [item]
    found = []
    procedures = item.get("/CharProcs")
    procedures = procedures.get_object() if procedures is not None else None
    if isinstance(procedures, DictionaryObject):
        found += [value.get_object() for value in procedures.values()]
    contents = item.get("/Contents") if "/Parent" in item else None
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, ArrayObject):
        found += [value.get_object() for value in contents]
    elif contents is not None:
        found.append(contents)
    return [stream for stream in found if isinstance(stream, StreamObject)]
