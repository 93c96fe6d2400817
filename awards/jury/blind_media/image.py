"""Cleaned copies of images: decoded, and their pixels written into a fresh
image (orientation applied, colours converted to sRGB), so no EXIF, XMP, IPTC,
thumbnail, text chunk, comment or ICC profile survives."""

import io
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, ImageSequence

from awards.jury.blind_media.base import READ_ERRORS, CannotClean, refuse

# Every frame of an image is held in memory while it is re-encoded.
MAX_PIXELS = 50_000_000

IMAGE_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _oriented(frame: Image.Image) -> Image.Image:
    """The frame turned as its EXIF orientation says; as stored when the EXIF
    block is too damaged to read (it is dropped either way)."""
    try:
        return ImageOps.exif_transpose(frame)
    except READ_ERRORS:
        return frame


def _to_srgb(frame: Image.Image, icc: bytes | None) -> Image.Image:
    """The pixels in sRGB: the profile itself (its description and copyright
    can name a person) is not carried over."""
    if frame.mode in ("P", "PA", "1"):
        frame = frame.convert(
            "RGBA" if frame.mode == "PA" or "transparency" in frame.info else "RGB"
        )
    if icc and frame.mode in ("RGB", "RGBA", "CMYK"):
        try:
            return ImageCms.profileToProfile(
                frame,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                _SRGB,
                outputMode="RGBA" if frame.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unusable profile: the pixels as they are
    return frame


def _fresh(frame: Image.Image) -> Image.Image:
    """A new image made of the frame's pixels alone: no info, no metadata."""
    return Image.frombytes(frame.mode, frame.size, frame.tobytes())


def clean_image(source: IO[bytes], out: IO[bytes], *, content_type: str) -> None:
    """Write a metadata-free re-encoding of the image in `source` to `out`."""
    expected = IMAGE_FORMATS[content_type]
    try:
        with Image.open(source, formats=[expected]) as image:
            frames = getattr(image, "n_frames", 1)
            width, height = image.size
            if width * height * frames > MAX_PIXELS:
                raise CannotClean(
                    _(
                        "This image is too large to be cleaned for a blind round "
                        "(at most %(pixels)s million pixels)."
                    )
                    % {"pixels": MAX_PIXELS // 1_000_000}
                )
            icc = image.info.get("icc_profile")
            if frames == 1:
                image.load()
                pixels = [_fresh(_to_srgb(_oriented(image), icc))]
                durations = [0]
            else:
                pixels, durations = [], []
                for frame in ImageSequence.Iterator(image):
                    durations.append(int(frame.info.get("duration") or 100))
                    pixels.append(_fresh(_to_srgb(frame.convert("RGBA"), icc)))
            loop = image.info.get("loop", 0)
        first, rest = pixels[0], pixels[1:]
        if expected == "JPEG":
            if first.mode not in ("L", "RGB", "CMYK"):
                first = first.convert("RGB")
            first.save(out, "JPEG", quality=95)
        elif expected == "PNG":
            first.save(out, "PNG", save_all=bool(rest), append_images=rest)
        elif rest:
            first.save(
                out,
                expected,
                save_all=True,
                append_images=rest,
                duration=durations,
                loop=loop if isinstance(loop, int) else 0,
                **({"quality": 90} if expected == "WEBP" else {}),
            )
        else:
            first.save(out, expected, **({"quality": 90} if expected == "WEBP" else {}))
    except CannotClean:
        raise
    except READ_ERRORS as error:
        raise refuse() from error


# JPEG markers kept as they are: frames, tables, restart interval, scans.
_JPEG_KEPT = {*range(0xC0, 0xD0), *range(0xDA, 0xE0)}
_JPEG_RESTARTS = range(0xD0, 0xD8)


def _jpeg_segment(marker: int, body: bytes) -> bytes:
    """The segment to write for one marker: tables and scans as they are, JFIF
    and Adobe headers reduced to their fixed fields, nothing for the rest
    (EXIF, XMP, ICC, IPTC and any other application data, comments)."""
    if marker in _JPEG_KEPT:
        pass
    elif marker == 0xE0 and body.startswith(b"JFIF\0") and len(body) >= 14:
        body = body[:12] + b"\0\0"  # no thumbnail
    elif marker == 0xEE and body.startswith(b"Adobe") and len(body) >= 12:
        body = body[:12]  # version, flags and colour transform
    else:
        return b""
    return bytes([0xFF, marker]) + (len(body) + 2).to_bytes(2, "big") + body


def jpeg_without_metadata(data: bytes) -> bytes:
    """The JPEG with its coded image byte for byte and no metadata segment;
    what follows the end-of-image marker is dropped. ValueError for a stream
    that is not a JPEG."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG")
    out, offset, size = [b"\xff\xd8"], 2, len(data)
    while True:
        if offset >= size or data[offset] != 0xFF:
            raise ValueError("no JPEG marker where one belongs")
        while offset < size and data[offset] == 0xFF:
            offset += 1  # fill bytes
        if offset >= size:
            raise ValueError("truncated JPEG")
        marker, offset = data[offset], offset + 1
        if marker == 0xD9:
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker == 0x01 or marker in _JPEG_RESTARTS:
            out.append(bytes([0xFF, marker]))
            continue
        length = int.from_bytes(data[offset : offset + 2], "big")
        if length < 2 or offset + length > size:
            raise ValueError("truncated JPEG segment")
        out.append(_jpeg_segment(marker, data[offset + 2 : offset + length]))
        offset += length
        if marker == 0xDA:
            # Coded data runs to the next marker that is neither a stuffed
            # 0xFF00 nor a restart; a stream cut short keeps what it has.
            end = offset
            while (end := data.find(b"\xff", end)) >= 0 and end + 1 < size:
                if data[end + 1] != 0 and data[end + 1] not in _JPEG_RESTARTS:
                    if data[end + 1] != 0xFF:
                        break
                end += 1
            else:
                out.append(data[offset:] + b"\xff\xd9")
                return b"".join(out)
            out.append(data[offset:end])
            offset = end
