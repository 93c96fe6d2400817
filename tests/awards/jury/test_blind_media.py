"""Blind copies of every accepted file type: the entrant's name is planted in
every metadata field the format has, and the copy a juror downloads in a blind
round holds it nowhere, yet still opens."""

import datetime
import io
import struct
import wave
import zlib

import filetype
import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from mutagen import File as MutagenFile
from mutagen.apev2 import APEv2
from mutagen.flac import Picture
from mutagen.id3 import APIC, COMM, ID3, TCOM, TIT2, TPE1, TXXX
from mutagen.mp4 import MP4, MP4Cover, MP4FreeForm
from mutagen.ogg import OggPage
from PIL import Image, ImageCms, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import FreeText, Link, Popup, Text
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from awards.enums import ACCEPTED_MIME_TYPES
from awards.jury.models import Assignment
from awards.models import EntryFile
from tests.awards.jury.helpers import jury_round

pytestmark = pytest.mark.django_db

NAME = "Aigerim Sultanova"


def _encodings(text: str) -> list[bytes]:
    forms = []
    for word in (text, text.split()[-1]):
        for codec in ("utf-8", "utf-16-le", "utf-16-be"):
            forms += [word.encode(codec), word.lower().encode(codec)]
    return forms


def assert_no_name(data: bytes) -> None:
    for form in _encodings(NAME):
        assert form not in data, f"{form!r} is still in the copy"


# ------------------------------------------------------------ the round


@pytest.fixture
def blind(client):
    round_, _rubric, jurors, entries = jury_round(
        jurors=1, entries=1, closes_at=timezone.now() + datetime.timedelta(hours=10)
    )
    entry = entries[0]
    entry.owner.display_name = NAME
    entry.owner.save()
    assignment = Assignment.objects.create(round=round_, juror=jurors[0], entry=entry)
    client.force_login(jurors[0].user)
    return assignment


def _attach(assignment, data: bytes, *, name: str, content_type: str | None = None):
    detected = filetype.guess(data).mime
    assert detected in ACCEPTED_MIME_TYPES
    content_type = content_type or detected
    return EntryFile.objects.create(
        entry=assignment.entry,
        file=ContentFile(data, name="stored"),
        storage_name="stored",
        name=name,
        kind=ACCEPTED_MIME_TYPES[detected],
        content_type=content_type,
        size=len(data),
        uploaded_by=assignment.entry.owner,
    )


def _download(client, assignment, data: bytes, *, extension: str, name=None) -> bytes:
    assert_planted(data)
    _attach(assignment, data, name=name or f"Aigerim_Sultanova.{extension}")
    response = client.get(reverse("awards:jury_attachment", args=[assignment.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="attachment-1.{extension}"'
    )
    copy = _body(response)
    assert_no_name(copy)
    return copy


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_planted(data: bytes) -> None:
    assert NAME.encode() in data or NAME.encode("utf-16-le") in data


# ------------------------------------------------------- image builders


def _tiff(ifds: list[list[tuple]], blobs: bytes = b"") -> bytes:
    """A little-endian TIFF (EXIF) with IFDs in order; an entry (tag, type,
    count, value) whose value is ("ifd", n) points at IFD n, ("blob",) at the
    blobs after the last IFD."""

    def size(entries):
        extra = sum(
            (len(v) + 1) & ~1
            for _t, _y, _c, v in entries
            if not isinstance(v, tuple) and len(v) > 4
        )
        return 2 + 12 * len(entries) + 4 + extra

    sizes = [size(entries) for entries in ifds]
    offsets = [8 + sum(sizes[:i]) for i in range(len(ifds))]
    blob_offset = 8 + sum(sizes)
    out = b"II*\x00" + struct.pack("<I", 8)
    for index, entries in enumerate(ifds):
        data_at = offsets[index] + 2 + 12 * len(entries) + 4
        table, area = b"", b""
        for tag, kind, count, value in sorted(entries, key=lambda e: e[0]):
            raw = _raw(value, blob_offset, offsets)
            if raw is None:
                raw = struct.pack("<I", _pointer(value, blob_offset, offsets))
                table += struct.pack("<HHI", tag, kind, count) + raw
            elif len(raw) <= 4:
                table += struct.pack("<HHI", tag, kind, count) + raw.ljust(4, b"\0")
            else:
                table += struct.pack("<HHII", tag, kind, count, data_at + len(area))
                area += raw + (b"\0" if len(raw) & 1 else b"")
        # IFD 3, when there is one, is IFD1: the thumbnail's, chained after IFD0.
        next_ifd = offsets[3] if index == 0 and len(ifds) > 3 else 0
        out += struct.pack("<H", len(entries)) + table + struct.pack("<I", next_ifd)
        out += area
    return out + blobs


def _raw(value, blob_offset, offsets):
    return None if isinstance(value, tuple) else value


def _pointer(value, blob_offset, offsets):
    return offsets[value[1]] if value[0] == "ifd" else blob_offset


def _ascii(text: str) -> bytes:
    return text.encode() + b"\0"


def _exif(*, orientation: int = 1, thumbnail: bytes = b"") -> bytes:
    name = NAME.encode()
    ifd0 = [
        (0x010E, 2, len(name) + 1, _ascii(NAME)),  # ImageDescription
        (0x013B, 2, len(name) + 1, _ascii(NAME)),  # Artist
        (0x8298, 2, len(name) + 1, _ascii(NAME)),  # Copyright
        (0x0112, 3, 1, struct.pack("<H", orientation)),
        (0x9C9D, 1, 36, NAME.encode("utf-16-le") + b"\0\0"),  # XPAuthor
        (0x9C9C, 1, 36, NAME.encode("utf-16-le") + b"\0\0"),  # XPComment
        (0x8769, 4, 1, ("ifd", 1)),
        (0x8825, 4, 1, ("ifd", 2)),
    ]
    exif_ifd = [
        (0x9286, 7, 8 + len(name), b"ASCII\0\0\0" + name),  # UserComment
        (0x927C, 7, 16 + len(name), b"Nikon\0\x02\x10\0\0" + b"\0" * 6 + name),
        (0xA430, 2, len(name) + 1, _ascii(NAME)),  # CameraOwnerName
        (0xA431, 2, len(name) + 1, _ascii(NAME)),  # BodySerialNumber
    ]
    gps_ifd = [
        (0x0001, 2, 2, b"N\0"),
        (0x0002, 5, 3, struct.pack("<6I", 43, 1, 15, 1, 0, 1)),
        (0x001B, 7, 8 + len(name), b"ASCII\0\0\0" + name),  # ProcessingMethod
        (0x001C, 7, 8 + len(name), b"ASCII\0\0\0" + name),  # AreaInformation
    ]
    ifds = [ifd0, exif_ifd, gps_ifd]
    if thumbnail:
        ifds.append(
            [
                (0x0201, 4, 1, ("blob",)),  # JPEGInterchangeFormat
                (0x0202, 4, 1, struct.pack("<I", len(thumbnail))),
            ]
        )
    return b"Exif\0\0" + _tiff(ifds, thumbnail)


def _icc() -> bytes:
    """An sRGB profile with the name as an extra text tag."""
    base = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    count = struct.unpack(">I", base[128:132])[0]
    table = [
        struct.unpack(">4sII", base[132 + 12 * i : 144 + 12 * i]) for i in range(count)
    ]
    body = base[132 + 12 * count :]
    tag = b"text\0\0\0\0" + NAME.encode() + b"\0"
    tag += b"\0" * (-len(tag) % 4)
    table = [(s, o + 12, z) for s, o, z in table] + [
        (b"dmdd", len(base) + 12, len(tag))
    ]
    out = bytearray(
        base[:128]
        + struct.pack(">I", count + 1)
        + b"".join(struct.pack(">4sII", *row) for row in table)
        + body
        + tag
    )
    out[0:4] = struct.pack(">I", len(out))
    out[84:100] = b"\0" * 16
    return bytes(out)


def _xmp() -> bytes:
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta '
        'xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements'
        f'/1.1/"><dc:creator>{NAME}</dc:creator></rdf:Description></rdf:RDF>'
        '</x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def _iptc_segment() -> bytes:
    record = b"\x1c\x02\x50" + struct.pack(">H", len(NAME)) + NAME.encode()
    resource = b"8BIM\x04\x04\0\0" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def _picture(size=(8, 4), colour="red") -> Image.Image:
    image = Image.new("RGB", size, colour)
    image.putpixel((0, 0), (0, 0, 255))
    return image


def _jpeg() -> bytes:
    thumb = io.BytesIO()
    _picture((4, 2)).save(thumb, "JPEG", exif=_exif(), comment=NAME.encode())
    out = io.BytesIO()
    _picture().save(
        out,
        "JPEG",
        exif=_exif(orientation=6, thumbnail=thumb.getvalue()),
        xmp=_xmp(),
        icc_profile=_icc(),
        comment=NAME.encode(),
    )
    data = out.getvalue()
    return data[:2] + _iptc_segment() + data[2:]


def _png(**extra) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_text("Comment", NAME, zip=True)
    info.add_itxt("Description", NAME, lang="en", tkey=NAME)
    info.add_itxt("XML:com.adobe.xmp", _xmp().decode())
    out = io.BytesIO()
    _picture().convert("RGBA").save(
        out, "PNG", pnginfo=info, exif=_exif()[6:], icc_profile=_icc(), **extra
    )
    return out.getvalue()


def _webp() -> bytes:
    out = io.BytesIO()
    _picture().save(
        out, "WEBP", exif=_exif(), xmp=_xmp(), icc_profile=_icc(), lossless=True
    )
    return out.getvalue()


def _gif() -> bytes:
    frames = [_picture(colour="red"), _picture(colour="green")]
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[120, 80],
        loop=0,
        comment=NAME.encode(),
    )
    data = out.getvalue()
    xmp = _xmp()
    blocks = b"".join(
        bytes([len(xmp[i : i + 255])]) + xmp[i : i + 255]
        for i in range(0, len(xmp), 255)
    )
    extension = b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"
    return data[:-1] + extension + data[-1:]


def _opens(copy: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(copy))
    image.load()
    return image


def test_jpeg_copy_has_no_exif_xmp_iptc_thumbnail_or_profile_and_is_upright(
    client, blind
):
    copy = _download(client, blind, _jpeg(), extension="jpg")
    image = _opens(copy)
    assert image.format == "JPEG"
    assert image.size == (4, 8)  # orientation 6 applied, then dropped
    assert not image.getexif()
    assert b"Exif" not in copy and b"Photoshop" not in copy
    assert "icc_profile" not in image.info and "comment" not in image.info


def test_png_copy_has_no_text_chunks_exif_or_profile(client, blind):
    copy = _download(client, blind, _png(), extension="png")
    image = _opens(copy)
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (8, 4))
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"):
        assert chunk not in copy
    assert image.getpixel((0, 0)) == (0, 0, 255, 255)


def test_webp_copy_has_no_exif_xmp_or_profile(client, blind):
    copy = _download(client, blind, _webp(), extension="webp")
    image = _opens(copy)
    assert (image.format, image.size) == ("WEBP", (8, 4))
    for chunk in (b"EXIF", b"XMP ", b"ICCP"):
        assert chunk not in copy


def test_gif_copy_keeps_its_frames_without_comment_or_xmp(client, blind):
    copy = _download(client, blind, _gif(), extension="gif")
    image = _opens(copy)
    assert (image.format, image.n_frames) == ("GIF", 2)
    assert b"XMP" not in copy and "comment" not in image.info


# ------------------------------------------------------- audio builders


def _jpeg_cover() -> bytes:
    out = io.BytesIO()
    _picture().save(out, "JPEG", exif=_exif(), comment=NAME.encode())
    return out.getvalue()


def _id3v1() -> bytes:
    field = NAME.encode().ljust(30, b"\0")
    return b"TAG" + field + field + field + b"2025" + field + b"\x0c"


def _mp3(tmp_path) -> bytes:
    frame = b"\xff\xfb\x90\x64" + b"\0" * 413
    path = tmp_path / "story.mp3"
    path.write_bytes(frame * 40)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=NAME))
    tags.add(TPE1(encoding=3, text=NAME))
    tags.add(TCOM(encoding=1, text=NAME))
    tags.add(COMM(encoding=1, lang="eng", desc=NAME, text=NAME))
    tags.add(TXXX(encoding=3, desc="reporter", text=NAME))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc=NAME, data=_jpeg_cover()))
    tags.save(path, v2_version=3)
    ape = APEv2()
    ape["Artist"] = NAME
    ape.save(path)
    with path.open("ab") as handle:
        handle.write(_id3v1())
    return path.read_bytes()


def _box(name: bytes, data: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(data), name) + data


def _full(name: bytes, data: bytes) -> bytes:
    return _box(name, b"\0\0\0\0" + data)


def _m4a(tmp_path) -> bytes:
    esds = _full(
        b"esds",
        bytes(
            [3, 25, 0, 1, 0, 4, 17, 0x40, 0x15, *[0] * 13, 5, 2, 0x12, 0x10, 6, 1, 2]
        ),
    )
    mp4a = _box(
        b"mp4a",
        b"\0" * 6
        + b"\0\x01"
        + b"\0" * 8
        + b"\0\x02\0\x10"
        + b"\0" * 4
        + struct.pack(">I", 44100 << 16)
        + esds,
    )
    stbl = _box(
        b"stbl",
        _full(b"stsd", struct.pack(">I", 1) + mp4a)
        + _full(b"stts", struct.pack(">III", 1, 1, 1024))
        + _full(b"stsc", struct.pack(">IIII", 1, 1, 1, 1))
        + _full(b"stsz", struct.pack(">III", 0, 1, 10))
        + _full(b"stco", struct.pack(">II", 1, 0)),
    )
    minf = _box(
        b"minf",
        _full(b"smhd", b"\0" * 4)
        + _box(b"dinf", _full(b"dref", struct.pack(">I", 1) + _full(b"url ", b"")))
        + stbl,
    )
    hdlr = _full(b"hdlr", b"\0" * 4 + b"soun" + b"\0" * 12 + NAME.encode() + b"\0")
    mdhd = _full(b"mdhd", struct.pack(">IIIIHH", 0, 0, 44100, 1024, 0, 0))
    mdia = _box(b"mdia", mdhd + hdlr + minf)
    trak_udta = _box(b"udta", _box(b"name", NAME.encode()))
    trak = _box(b"trak", _full(b"tkhd", b"\0" * 80) + mdia + trak_udta)
    moov = _box(
        b"moov",
        _full(b"mvhd", struct.pack(">IIII", 0, 0, 1000, 23) + b"\0" * 80) + trak,
    )
    data = (
        _box(b"ftyp", b"M4A \0\0\0\0M4A mp42isom")
        + moov
        + _box(b"mdat", b"\x21" * 10)
        + _box(
            b"uuid", b"\xbe\x7a\xcf\xcb\x97\xa9\x42\xe8\x9c\x71" + b"\0" * 6 + _xmp()
        )
    )
    path = tmp_path / "story.m4a"
    path.write_bytes(data)
    audio = MP4(path)
    for key in ("\xa9ART", "\xa9wrt", "\xa9cmt", "\xa9nam", "aART", "cprt"):
        audio[key] = [NAME]
    audio["covr"] = [MP4Cover(_jpeg_cover())]
    audio["----:com.apple.iTunes:reporter"] = [MP4FreeForm(NAME.encode())]
    audio.save()
    return path.read_bytes()


def _vorbis_comment(*, framing: bool) -> bytes:
    picture = Picture()
    picture.type, picture.mime, picture.desc = 3, "image/jpeg", NAME
    picture.data = _jpeg_cover()
    import base64

    comments = [
        f"ARTIST={NAME}".encode(),
        f"COMPOSER={NAME}".encode(),
        f"COMMENT={NAME}".encode(),
        b"METADATA_BLOCK_PICTURE=" + base64.b64encode(picture.write()),
    ]
    vendor = NAME.encode()
    out = struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(comments))
    out += b"".join(struct.pack("<I", len(c)) + c for c in comments)
    return out + (b"\x01" if framing else b"")


def _ogg() -> bytes:
    ident = (
        b"\x01vorbis" + struct.pack("<IBIiii", 0, 2, 44100, 0, 128000, 0) + b"\xb8\x01"
    )
    pages = []
    for sequence, (packets, granule) in enumerate(
        [
            ([ident], 0),
            (
                [
                    b"\x03vorbis" + _vorbis_comment(framing=True),
                    b"\x05vorbis" + b"\0" * 40,
                ],
                0,
            ),
            ([b"\0" * 200], 44100),
        ]
    ):
        page = OggPage()
        page.serial, page.sequence, page.packets = 7, sequence, packets
        page.position, page.first, page.last = granule, sequence == 0, sequence == 2
        pages.append(page.write())
    return b"".join(pages)


def _flac() -> bytes:
    info = struct.pack(">HH", 4096, 4096) + b"\0" * 6
    info += ((44100 << 44) | (1 << 41) | (15 << 36) | 44100).to_bytes(8, "big")
    info += b"\0" * 16
    picture = Picture()
    picture.type, picture.mime, picture.desc = 3, "image/jpeg", NAME
    picture.data = _jpeg_cover()
    blocks = [
        (0, info),
        (4, _vorbis_comment(framing=False)),
        (6, picture.write()),
        (2, b"TEST" + NAME.encode()),  # APPLICATION
        (1, NAME.encode() + b"\0" * 20),  # PADDING that is not empty
    ]
    body = b"".join(
        bytes([(0x80 if i == len(blocks) - 1 else 0) | code])
        + len(data).to_bytes(3, "big")
        + data
        for i, (code, data) in enumerate(blocks)
    )
    # (A leading ID3v2 tag would make the upload detect the file as MP3.)
    frames = (b"\xff\xf8\x69\x08\x00\x0f\xff" + b"\0" * 50) * 4
    return b"fLaC" + body + frames + _id3v1()


def _chunk(name: bytes, data: bytes) -> bytes:
    return (
        name + struct.pack("<I", len(data)) + data + (b"\0" if len(data) & 1 else b"")
    )


def _wav() -> bytes:
    raw = io.BytesIO()
    with wave.open(raw, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\x01\x02" * 800)
    data = raw.getvalue()
    fmt, sound = data[12:36], data[36:]
    info = b"INFO" + _chunk(b"IART", _ascii(NAME)) + _chunk(b"ICMT", _ascii(NAME))
    tag = ID3()
    tag.add(TPE1(encoding=3, text=NAME))
    id3 = io.BytesIO()
    tag.save(id3)
    body = (
        fmt
        + _chunk(
            b"bext", NAME.encode().ljust(256, b"\0") + NAME.encode().ljust(32, b"\0")
        )
        + _chunk(b"LIST", info)
        + sound
        + _chunk(b"id3 ", id3.getvalue())
        + _chunk(b"iXML", f"<BWFXML><NOTE>{NAME}</NOTE></BWFXML>".encode())
        + _chunk(b"_PMX", _xmp())
    )
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


def test_mp3_copy_has_no_id3v2_id3v1_ape_or_cover(client, blind, tmp_path):
    copy = _download(client, blind, _mp3(tmp_path), extension="mp3")
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "MP3" and audio.tags is None
    assert not copy.startswith(b"ID3") and copy[-128:-125] != b"TAG"
    assert b"APETAGEX" not in copy


def test_m4a_copy_has_no_tags_cover_udta_or_xmp(client, blind, tmp_path):
    copy = _download(client, blind, _m4a(tmp_path), extension="m4a")
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "MP4" and not audio.tags
    assert audio.info.sample_rate == 44100
    assert b"covr" not in copy and b"\xa9ART" not in copy and b"udta" not in copy


def test_ogg_copy_has_no_comments_vendor_or_picture(client, blind):
    copy = _download(client, blind, _ogg(), extension="ogg")
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "OggVorbis"
    assert not audio.tags.keys() and audio.tags.vendor == ""
    assert audio.info.sample_rate == 44100


def test_flac_copy_keeps_stream_info_only(client, blind):
    copy = _download(client, blind, _flac(), extension="flac")
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "FLAC"
    assert audio.tags is None and audio.pictures == []
    assert audio.info.sample_rate == 44100 and audio.info.channels == 2
    assert copy.startswith(b"fLaC") and copy[-128:-125] != b"TAG"


def test_wav_copy_keeps_format_and_sound_only(client, blind):
    original = _wav()
    copy = _download(client, blind, original, extension="wav")
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "WAVE" and audio.tags is None
    with wave.open(io.BytesIO(copy)) as reader:
        assert reader.getframerate() == 8000
        assert reader.readframes(800) == b"\x01\x02" * 800
    for chunk in (b"LIST", b"bext", b"id3 ", b"iXML", b"_PMX"):
        assert chunk not in copy


def test_pdf_copy_has_no_document_properties_or_xmp(client, blind):
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    writer.add_metadata(
        dict.fromkeys(
            (
                "/Author",
                "/Creator",
                "/Producer",
                "/Title",
                "/Subject",
                "/Keywords",
                "/Reporter",
            ),
            NAME,
        )
    )
    for holder in (writer.root_object, page):
        xmp = StreamObject()
        xmp.set_data(_xmp())
        xmp[NameObject("/Type")] = NameObject("/Metadata")
        holder[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    copy = _download(client, blind, out.getvalue(), extension="pdf")
    reader = PdfReader(io.BytesIO(copy))
    assert reader.metadata is None and len(reader.pages) == 1


# ------------------------------------------------- PDF content beyond properties


def _decoded(copy: bytes) -> bytes:
    """The file's bytes followed by every stream it holds, decoded (object
    streams, compressed attachments and XMP included)."""
    reader = PdfReader(io.BytesIO(copy))
    parts = [copy]
    numbers = {*reader.xref_objStm, *(n for g in reader.xref.values() for n in g)}
    for number in sorted(numbers - {0}):
        stream = reader.get_object(number)
        if isinstance(stream, StreamObject):
            parts.append(stream.get_data())
    return b"\n".join(parts)


def _name(value: str) -> NameObject:
    return NameObject(value)


def _text_page(writer: PdfWriter, text: str):
    page = writer.add_blank_page(200, 200)
    font = DictionaryObject(
        {
            _name("/Type"): _name("/Font"),
            _name("/Subtype"): _name("/Type1"),
            _name("/BaseFont"): _name("/Helvetica"),
        }
    )
    page[_name("/Resources")] = DictionaryObject(
        {_name("/Font"): DictionaryObject({_name("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 20 180 Td ({text}) Tj ET".encode())
    page[_name("/Contents")] = writer._add_object(content)
    return page


def _xmp_stream(writer: PdfWriter):
    xmp = DecodedStreamObject()
    xmp.set_data(_xmp())
    xmp[_name("/Type")] = _name("/Metadata")
    return writer._add_object(xmp)


def _javascript(code: str) -> DictionaryObject:
    return DictionaryObject(
        {_name("/S"): _name("/JavaScript"), _name("/JS"): TextStringObject(code)}
    )


def _annotated_pdf() -> bytes:
    """Two pages of text, and the name in every annotation, form field,
    attachment, outline, script, page label and private data a PDF can hold."""
    writer = PdfWriter()
    page = _text_page(writer, "The mine on page one")
    _text_page(writer, "The river on page two")
    note = writer.add_annotation(
        0, Text(rect=(10, 10, 30, 30), text=NAME, title_bar=NAME)
    )
    popup = Popup(rect=(30, 30, 90, 90), parent=note)
    popup[_name("/Contents")] = TextStringObject(NAME)
    writer.add_annotation(0, popup)
    writer.add_annotation(
        0, FreeText(text=NAME, rect=(40, 40, 120, 60), title_bar=NAME)
    )
    writer.add_annotation(
        0, Link(rect=(10, 100, 90, 120), url="https://sultanova.example/")
    )
    inner = Link(rect=(10, 130, 90, 150), target_page_index=1)
    inner[_name("/Contents")] = TextStringObject(NAME)
    inner[_name("/NM")] = TextStringObject(NAME)
    writer.add_annotation(0, inner)
    writer.add_named_destination(title=NAME, page_number=1)
    named = Link(rect=(10, 160, 90, 180), target_page_index=1)
    writer.add_annotation(0, named)[_name("/Dest")] = TextStringObject(NAME)
    embedded = DecodedStreamObject()
    embedded.set_data(f"Notes by {NAME}".encode())
    embedded[_name("/Type")] = _name("/EmbeddedFile")
    filespec = DictionaryObject(
        {
            _name("/Type"): _name("/Filespec"),
            _name("/F"): TextStringObject(f"{NAME}.txt"),
            _name("/Desc"): TextStringObject(NAME),
            _name("/EF"): DictionaryObject({_name("/F"): writer._add_object(embedded)}),
        }
    )
    clip = DictionaryObject(
        {
            _name("/Type"): _name("/Annot"),
            _name("/Subtype"): _name("/FileAttachment"),
            _name("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 9, 9)]),
            _name("/FS"): filespec,
            _name("/T"): TextStringObject(NAME),
        }
    )
    field = DictionaryObject(
        {
            _name("/Type"): _name("/Annot"),
            _name("/Subtype"): _name("/Widget"),
            _name("/FT"): _name("/Tx"),
            _name("/Rect"): ArrayObject([NumberObject(n) for n in (0, 60, 90, 80)]),
            _name("/T"): TextStringObject(NAME),
            _name("/TU"): TextStringObject(NAME),
            _name("/V"): TextStringObject(NAME),
            _name("/AA"): DictionaryObject({_name("/K"): _javascript(NAME)}),
        }
    )
    field_ref = writer._add_object(field)
    page[_name("/Annots")].extend([writer._add_object(clip), field_ref])
    root = writer.root_object
    root[_name("/AcroForm")] = DictionaryObject(
        {_name("/Fields"): ArrayObject([field_ref])}
    )
    writer.add_attachment(f"{NAME}.txt", f"Sources: {NAME}".encode())
    writer.add_outline_item(title=NAME, page_number=0)
    writer.add_open_action(JavaScript(f"app.alert('{NAME}');"))
    root[_name("/OpenAction")] = _javascript(f"app.alert('{NAME}');")
    page[_name("/AA")] = DictionaryObject({_name("/O"): _javascript(NAME)})
    piece = DictionaryObject(
        {
            _name("/Qalam"): DictionaryObject(
                {
                    _name("/LastModified"): TextStringObject("D:20250101"),
                    _name("/Private"): TextStringObject(NAME),
                }
            )
        }
    )
    root[_name("/PieceInfo")] = piece
    page[_name("/PieceInfo")] = piece.clone(writer)
    root[_name("/PageLabels")] = DictionaryObject(
        {
            _name("/Nums"): ArrayObject(
                [
                    NumberObject(0),
                    DictionaryObject({_name("/P"): TextStringObject(NAME)}),
                ]
            )
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_copy_has_no_annotations_forms_attachments_outlines_or_scripts(
    client, blind
):
    original = _annotated_pdf()
    assert NAME.encode() in _decoded(original)
    copy = _download(client, blind, original, extension="pdf")
    assert_no_name(_decoded(copy))
    reader = PdfReader(io.BytesIO(copy))
    assert len(reader.pages) == 2
    assert reader.pages[0].extract_text() == "The mine on page one"
    assert reader.pages[1].extract_text() == "The river on page two"
    root = reader.trailer["/Root"]
    for key in (
        "/AcroForm",
        "/Names",
        "/Outlines",
        "/OpenAction",
        "/PieceInfo",
        "/PageLabels",
    ):
        assert key not in root
    assert reader.attachments == {}
    first = reader.pages[0]
    assert "/AA" not in first and "/PieceInfo" not in first
    # Only the links inside the document stay, with nothing but their target
    # (a named destination is replaced by the page it names).
    links = [annotation.get_object() for annotation in first["/Annots"]]
    assert len(links) == 2
    for link in links:
        assert sorted(link) == ["/Border", "/Dest", "/Rect", "/Subtype", "/Type"]
        assert link["/Dest"][0] == reader.pages[1].indirect_reference


def _image_xobject(
    writer: PdfWriter, data: bytes, width: int, height: int, **entries
) -> IndirectObject:
    """An image XObject holding `data`, with further dictionary `entries`
    (`ColorSpace=...` becomes `/ColorSpace`)."""
    image = DecodedStreamObject()
    image.set_data(data)
    image.update(
        {
            _name("/Type"): _name("/XObject"),
            _name("/Subtype"): _name("/Image"),
            _name("/Width"): NumberObject(width),
            _name("/Height"): NumberObject(height),
            **{_name(f"/{key}"): value for key, value in entries.items()},
        }
    )
    return writer._add_object(image)


def _image_pdf(jpeg: bytes) -> bytes:
    """A page showing the JPEG twice: as it is, and deflated on top of its DCT
    encoding; each image carries its own XMP."""
    writer = PdfWriter()
    page = _text_page(writer, "Two photographs")
    images = DictionaryObject()
    for index, (data, filters) in enumerate(
        [(jpeg, _name("/DCTDecode")), (zlib.compress(jpeg), None)]
    ):
        images[_name(f"/Im{index}")] = _image_xobject(
            writer,
            data,
            8,
            4,
            ColorSpace=_name("/DeviceRGB"),
            BitsPerComponent=NumberObject(8),
            Filter=filters or ArrayObject([_name("/FlateDecode"), _name("/DCTDecode")]),
            Metadata=_xmp_stream(writer),
        )
    page[_name("/Resources")][_name("/XObject")] = images
    contents = page["/Contents"].get_object()
    contents.set_data(
        contents.get_data()
        + b" q 80 0 0 40 10 10 cm /Im0 Do Q q 80 0 0 40 10 60 cm /Im1 Do Q"
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_copy_keeps_embedded_jpegs_without_their_metadata(client, blind):
    jpeg = _jpeg()
    copy = _download(client, blind, _image_pdf(jpeg), extension="pdf")
    assert_no_name(_decoded(copy))
    reader = PdfReader(io.BytesIO(copy))
    assert reader.pages[0].extract_text().strip() == "Two photographs"
    expected = _opens(jpeg).tobytes()
    images = reader.pages[0]["/Resources"]["/XObject"]
    assert sorted(images) == ["/Im0", "/Im1"]
    for reference in images.values():
        image = reference.get_object()
        assert "/Metadata" not in image
        data = image.get_data()
        assert b"Exif" not in data and b"Photoshop" not in data
        picture = _opens(data)
        assert picture.size == (8, 4) and not picture.getexif()
        assert "icc_profile" not in picture.info and "comment" not in picture.info
        # Segments were dropped; the compressed pixels were not touched.
        assert picture.tobytes() == expected


def _pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _profile(writer: PdfWriter, components: int, alternate: str | None = None):
    profile = DecodedStreamObject()
    profile.set_data(_icc())
    profile[_name("/N")] = NumberObject(components)
    if alternate:
        profile[_name("/Alternate")] = _name(alternate)
    return ArrayObject([_name("/ICCBased"), writer._add_object(profile)])


def _raw_image(writer: PdfWriter, colour_space, pixels: bytes, width: int = 2):
    return _image_xobject(
        writer,
        pixels,
        width,
        1,
        ColorSpace=colour_space,
        BitsPerComponent=NumberObject(8),
    )


def test_pdf_copy_draws_with_device_colours_instead_of_colour_profiles(client, blind):
    writer = PdfWriter()
    page = _text_page(writer, "Colours")
    rgb = _profile(writer, 3)
    indexed = ArrayObject(
        [_name("/Indexed"), _profile(writer, 3), NumberObject(1)]
        + [ByteStringObject(b"\xff\0\0\0\0\xff")]
    )
    gray = _profile(writer, 1, "/DeviceGray")
    page[_name("/Resources")][_name("/XObject")] = DictionaryObject(
        {
            _name("/Im0"): _raw_image(writer, rgb, b"\xff\0\0\0\0\xff"),
            _name("/Im1"): _raw_image(writer, indexed, b"\0\1"),
            _name("/Im2"): _raw_image(writer, writer._add_object(gray), b"\0\xff"),
        }
    )
    page[_name("/Resources")][_name("/ColorSpace")] = DictionaryObject(
        {_name("/CS0"): _profile(writer, 4)}
    )
    page[_name("/Group")] = DictionaryObject(
        {_name("/S"): _name("/Transparency"), _name("/CS"): _profile(writer, 3)}
    )
    original = _pdf_bytes(writer)
    assert NAME.encode() in _decoded(original)
    copy = _download(client, blind, original, extension="pdf")
    assert_no_name(_decoded(copy))
    assert b"acsp" not in _decoded(copy)
    reader = PdfReader(io.BytesIO(copy))
    first = reader.pages[0]
    assert first.extract_text() == "Colours"
    images = first["/Resources"]["/XObject"]
    assert images["/Im0"]["/ColorSpace"] == "/DeviceRGB"
    assert images["/Im0"].get_data() == b"\xff\0\0\0\0\xff"
    assert list(images["/Im1"]["/ColorSpace"])[:3] == ["/Indexed", "/DeviceRGB", 1]
    assert images["/Im2"]["/ColorSpace"] == "/DeviceGray"
    assert first["/Resources"]["/ColorSpace"]["/CS0"] == "/DeviceCMYK"
    assert first["/Group"]["/CS"] == "/DeviceRGB"


def test_pdf_copy_keeps_layer_switches_but_no_other_marked_content_properties(
    client, blind
):
    writer = PdfWriter()
    page = _text_page(writer, "Layered")
    listed, unlisted = (
        writer._add_object(
            DictionaryObject(
                {
                    _name("/Type"): _name("/OCG"),
                    _name("/Name"): TextStringObject(NAME),
                    _name("/Creator"): TextStringObject(NAME),
                }
            )
        )
        for _ in range(2)
    )
    writer.root_object[_name("/OCProperties")] = DictionaryObject(
        {
            _name("/OCGs"): ArrayObject([listed]),
            _name("/D"): DictionaryObject({_name("/ON"): ArrayObject([listed])}),
        }
    )
    condition = DictionaryObject(
        {
            _name("/Type"): _name("/OCMD"),
            _name("/OCGs"): listed,
            _name("/Title"): TextStringObject(NAME),
        }
    )
    illustrator = DictionaryObject(
        {
            _name("/Title"): TextStringObject(NAME),
            _name("/Visible"): BooleanObject(True),
        }
    )
    page[_name("/Resources")][_name("/Properties")] = DictionaryObject(
        {
            _name("/MC0"): writer._add_object(illustrator),
            _name("/OC1"): listed,
            _name("/OC2"): unlisted,
            _name("/OC3"): condition,
        }
    )
    contents = page["/Contents"].get_object()
    contents.set_data(
        b"/Layer /MC0 BDC /OC /OC1 BDC /OC /OC2 BDC /OC /OC3 BDC "
        + contents.get_data()
        + b" EMC EMC EMC EMC"
    )
    original = _pdf_bytes(writer)
    assert NAME.encode() in _decoded(original)
    copy = _download(client, blind, original, extension="pdf")
    assert_no_name(_decoded(copy))
    reader = PdfReader(io.BytesIO(copy))
    first = reader.pages[0]
    assert first.extract_text() == "Layered"
    properties = first["/Resources"]["/Properties"]
    assert sorted(properties) == ["/OC1", "/OC2", "/OC3"]
    assert dict(properties["/OC1"]) == {"/Type": "/OCG", "/Name": "Layer 1"}
    assert dict(properties["/OC2"]) == {"/Type": "/OCG", "/Name": "Layer 2"}
    assert sorted(properties["/OC3"]) == ["/OCGs", "/Type"]


def _inline_jpeg(jpeg: bytes, filters: str) -> bytes:
    return (
        b"q 8 0 0 4 10 10 cm BI /W 8 /H 4 /CS /RGB /BPC 8 "
        + filters.encode()
        + b" ID "
        + jpeg
        + b"\nEI Q"
    )


def _inline_images(stream) -> list[bytes]:
    return [
        operands["data"]
        for operands, operator in ContentStream(stream, None).operations
        if operator == b"INLINE IMAGE"
    ]


def test_pdf_copy_keeps_inline_jpegs_without_their_metadata(client, blind):
    jpeg = _jpeg()
    writer = PdfWriter()
    page = _text_page(writer, "Inline")
    form = DecodedStreamObject()
    form.set_data(_inline_jpeg(jpeg, "/Filter /DCTDecode"))
    form.update(
        {
            _name("/Type"): _name("/XObject"),
            _name("/Subtype"): _name("/Form"),
            _name("/BBox"): ArrayObject([NumberObject(n) for n in (0, 0, 200, 200)]),
        }
    )
    page[_name("/Resources")][_name("/XObject")] = DictionaryObject(
        {_name("/Fm0"): writer._add_object(form)}
    )
    contents = page["/Contents"].get_object()
    text = contents.get_data()
    contents.set_data(text + b"\n" + _inline_jpeg(jpeg, "/F /DCT") + b" /Fm0 Do")
    original = _pdf_bytes(writer)
    copy = _download(client, blind, original, extension="pdf")
    assert_no_name(_decoded(copy))
    reader = PdfReader(io.BytesIO(copy))
    first = reader.pages[0]
    assert first.extract_text().strip() == "Inline"
    expected = _opens(jpeg).tobytes()
    drawn = first["/Contents"].get_object()
    form = first["/Resources"]["/XObject"]["/Fm0"].get_object()
    data = drawn.get_data()
    assert data.startswith(text + b"\n" + b"q 8 0 0 4 10 10 cm BI /W 8 /H 4")
    assert data.endswith(b"\nEI Q /Fm0 Do")
    images = _inline_images(drawn) + _inline_images(form)
    assert len(images) == 2
    for image in images:
        assert b"Exif" not in image and b"Photoshop" not in image
        picture = _opens(image.rstrip())
        assert "icc_profile" not in picture.info and "comment" not in picture.info
        assert picture.tobytes() == expected


def _jp2_boxes(data: bytes) -> list[tuple[bytes, bytes]]:
    boxes, offset = [], 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        boxes.append((kind, data[offset + 8 : offset + length]))
        offset += length
    return boxes


def _jpx(**options) -> bytes:
    out = io.BytesIO()
    _picture().save(out, "JPEG2000", comment=NAME.encode(), **options)
    return out.getvalue()


def _jp2_with_metadata() -> bytes:
    """A JP2 file with the name in an XML box, a UUID box, a box of the
    header and the codestream's comment."""
    boxes = []
    for kind, body in _jp2_boxes(_jpx()):
        if kind == b"jp2h":
            body += _box(b"res ", _box(b"resc", NAME.encode()))
        boxes.append(_box(kind, body))
    boxes.insert(3, _box(b"xml ", _xmp()))
    boxes.append(_box(b"uuid", b"\0" * 16 + NAME.encode()))
    return b"".join(boxes)


def test_pdf_copy_keeps_jpeg_2000_pictures_without_their_metadata(client, blind):
    jp2, codestream = _jp2_with_metadata(), _jpx(no_jp2=True)
    writer = PdfWriter()
    page = _text_page(writer, "JPEG 2000")
    images = DictionaryObject()
    for index, data in enumerate((jp2, codestream)):
        images[_name(f"/Im{index}")] = _image_xobject(
            writer, data, 8, 4, Filter=_name("/JPXDecode")
        )
    page[_name("/Resources")][_name("/XObject")] = images
    copy = _download(client, blind, _pdf_bytes(writer), extension="pdf")
    assert_no_name(_decoded(copy))
    reader = PdfReader(io.BytesIO(copy))
    first = reader.pages[0]
    assert first.extract_text() == "JPEG 2000"
    cleaned = [first["/Resources"]["/XObject"][f"/Im{n}"].get_data() for n in (0, 1)]
    assert [kind for kind, _body in _jp2_boxes(cleaned[0])] == [
        b"jP  ",
        b"ftyp",
        b"jp2h",
        b"jp2c",
    ]
    assert b"\xff\x64" not in cleaned[1][:200]  # no comment marker
    for before, after in zip((jp2, codestream), cleaned, strict=True):
        assert _opens(after).tobytes() == _opens(before).tobytes()


# ------------------------------------------------------------ bad input


def _refused(client, assignment) -> str:
    response = client.get(reverse("awards:jury_attachment", args=[assignment.pk, 1]))
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:jury_entry", args=[assignment.pk])
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_metadata_larger_than_the_pixels_is_dropped(client, blind):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME + " " * 400_000)
    info.add_itxt("Comment", (NAME + " ") * 20_000, zip=True)
    out = io.BytesIO()
    Image.new("L", (1, 1), 9).save(out, "PNG", pnginfo=info, exif=_exif()[6:])
    assert len(out.getvalue()) > 100_000
    copy = _download(client, blind, out.getvalue(), extension="png")
    assert len(copy) < 200
    assert _opens(copy).getpixel((0, 0)) == 9


def test_jpeg_with_a_malformed_exif_block_is_cleaned_or_refused(client, blind):
    out = io.BytesIO()
    _picture().save(out, "JPEG")
    broken = b"Exif\0\0II*\0" + struct.pack("<IH", 8, 40) + NAME.encode() * 3
    segment = b"\xff\xe1" + struct.pack(">H", len(broken) + 2) + broken
    data = out.getvalue()[:2] + segment + out.getvalue()[2:]
    _attach(blind, data, name="Aigerim_Sultanova.jpg")
    response = client.get(reverse("awards:jury_attachment", args=[blind.pk, 1]))
    if response.status_code == 302:
        assert "cannot be shown in a blind round" in " ".join(
            str(m) for m in get_messages(response.wsgi_request)
        )
    else:
        assert response.status_code == 200
        copy = _body(response)
        assert_no_name(copy)
        assert _opens(copy).size == (8, 4)


def test_a_file_is_cleaned_as_what_its_bytes_are_not_as_its_name_says(client, blind):
    # An image named .mp3 is detected as PNG at upload and cleaned as one.
    copy = _download(
        client, blind, _png(), extension="png", name="Aigerim_Sultanova.mp3"
    )
    assert _opens(copy).format == "PNG"


def test_an_image_with_too_many_pixels_to_clean_is_refused(client, blind):
    out = io.BytesIO()
    Image.new("1", (8000, 7000)).save(out, "PNG")
    _attach(blind, out.getvalue(), name="huge.png")
    assert "at most 50 million pixels" in _refused(client, blind)


def test_a_file_whose_recorded_type_lies_is_refused(client, blind):
    # Bytes of a PNG recorded as a JPEG: the JPEG cleaner cannot read them, so
    # the juror gets a message, not the file as it came.
    _attach(blind, _png(), name="photo.jpg", content_type="image/jpeg")
    assert "cannot be shown in a blind round" in _refused(client, blind)


def test_audio_recorded_as_another_audio_type_is_refused(client, blind):
    _attach(blind, _wav(), name="story.flac", content_type="audio/x-flac")
    assert "cannot be shown in a blind round" in _refused(client, blind)


def _jp2_with_profile() -> bytes:
    boxes = []
    for kind, body in _jp2_boxes(_jpx()):
        if kind == b"jp2h":
            body = b"".join(
                _box(inner, b"\2\0\0" + _icc() if inner == b"colr" else content)
                for inner, content in _jp2_boxes(body)
            )
        boxes.append(_box(kind, body))
    return b"".join(boxes)


@pytest.mark.parametrize("picture", ["jpeg 2000 profile", "wrapped inline jpeg"])
def test_pdf_with_a_picture_that_cannot_be_cleaned_is_refused(client, blind, picture):
    writer = PdfWriter()
    page = _text_page(writer, "Refused")
    contents = page["/Contents"].get_object()
    if picture == "jpeg 2000 profile":
        image = _image_xobject(
            writer, _jp2_with_profile(), 8, 4, Filter=_name("/JPXDecode")
        )
        page[_name("/Resources")][_name("/XObject")] = DictionaryObject(
            {_name("/Im0"): image}
        )
    else:
        wrapped = _inline_jpeg(_jpeg().hex().encode() + b">", "/F [/AHx /DCT]")
        contents.set_data(contents.get_data() + b"\n" + wrapped)
    original = _pdf_bytes(writer)
    planted = NAME.encode()
    assert planted in _decoded(original) or planted.hex().encode() in original
    _attach(blind, original, name="Aigerim_Sultanova.pdf")
    assert "cannot be shown in a blind round" in _refused(client, blind)


def test_open_round_serves_the_original_bytes(client, blind):
    blind.round.is_blind = False
    blind.round.save()
    original = _jpeg()
    _attach(blind, original, name="Aigerim_Sultanova.jpg")
    response = client.get(reverse("awards:jury_attachment", args=[blind.pk, 1]))
    assert response.status_code == 200
    assert "Aigerim_Sultanova.jpg" in response["Content-Disposition"]
    assert _body(response) == original


def test_opus_copy_has_no_comments_vendor_or_trailing_data(client, blind):
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 2, 312, 48000, 0, 0)
    tags = b"OpusTags" + _vorbis_comment(framing=False) + b"\x01" + NAME.encode()
    pages = []
    for sequence, (packet, granule) in enumerate(
        [(head, 0), (tags, 0), (b"\xfc" + b"\0" * 60, 48000)]
    ):
        page = OggPage()
        page.serial, page.sequence, page.packets = 9, sequence, [packet]
        page.position, page.first, page.last = granule, sequence == 0, sequence == 2
        pages.append(page.write())
    copy = _download(client, blind, b"".join(pages), extension="ogg")
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "OggOpus"
    assert not audio.tags.keys() and audio.tags.vendor == ""


# ------------------------------------------- MP3 with something around its frames

# MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes and 1152 samples a frame.
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\0" * 413
MP3_SECONDS = 40 * 1152 / 44100


def _id3v2(*, version: int = 3) -> bytes:
    tags = ID3()
    tags.add(TPE1(encoding=3, text=NAME))
    tags.add(COMM(encoding=3, lang="eng", desc="", text=NAME))
    out = io.BytesIO()
    tags.save(out, v2_version=version, padding=lambda info: 0)
    return out.getvalue()


def _appended_id3v24() -> bytes:
    """An ID3v2.4 tag with a footer, as the standard allows at the end."""
    tag = bytearray(_id3v2(version=4))
    tag[5] |= 0x10
    return bytes(tag) + b"3DI" + bytes(tag[3:10])


def _apev2_then_junk() -> bytes:
    out = io.BytesIO(MP3_FRAME)
    ape = APEv2()
    ape["Artist"] = NAME
    ape.save(out)
    return out.getvalue()[len(MP3_FRAME) :] + b"\0junk"


def _lyrics3() -> bytes:
    body = b"IND0000210" + b"EAL" + b"%05d" % len(NAME) + NAME.encode()
    return b"LYRICSBEGIN" + body + b"%06d" % (11 + len(body)) + b"LYRICS200"


FRAMES = MP3_FRAME * 40
HALF = MP3_FRAME * 20


@pytest.mark.parametrize(
    ("data", "frames"),
    [
        (_id3v2() + b"\0junk" * 50 + _id3v2() + FRAMES, 40),
        (MP3_FRAME[:100] + NAME.encode() + _id3v2() + FRAMES, 40),
        (HALF + _id3v2() + HALF, 40),
        (FRAMES + _apev2_then_junk(), 40),
        (FRAMES + _appended_id3v24(), 40),
        (FRAMES + _lyrics3() + b"junk", 40),
        # Unknown bytes after a frame: it may be cut short and run into them.
        (FRAMES + b"\0junk " + NAME.encode(), 39),
    ],
    ids=[
        "tag-junk-tag-frames",
        "cut-frame-then-tag",
        "tag-between-frames",
        "apev2-then-junk",
        "appended-id3v2.4",
        "lyrics3-then-junk",
        "junk-at-the-end",
    ],
)
def test_mp3_copy_keeps_only_the_frames_around_junk_and_tags(
    client, blind, data, frames
):
    copy = _download(client, blind, data, extension="mp3")
    assert copy == MP3_FRAME * frames
    audio = MutagenFile(io.BytesIO(copy))
    assert type(audio).__name__ == "MP3" and audio.tags is None
    assert audio.info.length == pytest.approx(MP3_SECONDS, rel=0.03)


def test_mp3_without_frames_is_refused(client, blind):
    _attach(blind, _id3v2() + b"\0junk" * 500, name="story.mp3")
    assert "cannot be shown in a blind round" in _refused(client, blind)
