"""Which kind of file this is: its bytes first, then its name and declared type.

A name can lie (a PDF called .docx is read as the PDF); a file whose name or type
claims a binary format its bytes do not have is damaged, not unknown.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .archive import open_zip
from .problems import ExtractionRefused, Problem
from .textual import utf16_order

IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"BM",
    b"GIF87a",
    b"GIF89a",
)
# Old Word and Excel files, and new ones locked with a password (an OLE box
# holding an "EncryptedPackage" stream).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
CLAIMED_BINARY = frozenset(
    {
        *(".pdf", ".docx", ".odt", ".xlsx", ".zip"),
        *(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp"),
        *("application/pdf", "application/zip", "image/png", "image/jpeg"),
        *("image/tiff", "image/webp", "image/bmp"),
    }
)
TEXT_KINDS = {
    ".eml": "email",
    "message/rfc822": "email",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    "text/html": "html",
    "application/xhtml+xml": "html",
    ".csv": "csv",
    "text/csv": "csv",
    ".txt": "text",
    "text/plain": "text",
}
EMAIL_HEADERS = frozenset(
    {
        b"from",
        b"to",
        b"subject",
        b"date",
        b"received",
        b"return-path",
        b"message-id",
        b"mime-version",
        b"delivered-to",
    }
)
HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):[ \t]")
ODF_MIMETYPE = b"application/vnd.oasis.opendocument."


def sniff(data: bytes, name: str, content_type: str) -> str:
    """The kind of `data`: pdf docx odt xlsx zip image email html csv text.

    Refuses with ENCRYPTED (a locked Office file), CORRUPT (the name or type says
    a format the bytes are not), TOO_LARGE (a zip bomb) or UNSUPPORTED.
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_PACKAGE in data:
            raise ExtractionRefused(Problem.ENCRYPTED)
        raise ExtractionRefused(Problem.UNSUPPORTED, "ole")
    if data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    extension = PurePosixPath(name.lower()).suffix
    declared = content_type.split(";")[0].strip().lower()
    if extension in CLAIMED_BINARY or declared in CLAIMED_BINARY:
        raise ExtractionRefused(Problem.CORRUPT, extension or declared)
    kind = TEXT_KINDS.get(extension) or TEXT_KINDS.get(declared)
    if kind:
        return kind
    if _looks_like_email(data):
        return "email"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if declared.startswith("text/") or _looks_like_text(data):
        return "text"
    raise ExtractionRefused(Problem.UNSUPPORTED, extension or declared)


def _zip_kind(data: bytes) -> str:
    """docx, xlsx or odt by the members they must have; any other zip is "zip"."""
    archive = open_zip(data)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        raise ExtractionRefused(Problem.UNSUPPORTED, "pptx")
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        if archive.read("mimetype").startswith(ODF_MIMETYPE):
            return "odt"
    return "zip"


def _looks_like_email(data: bytes) -> bool:
    """It starts with header lines, two of them ones every email has."""
    head = re.split(rb"\r?\n\r?\n", data[:8192], maxsplit=1)[0]
    lines = head.splitlines()
    if not lines or not HEADER_LINE.match(lines[0]):
        return False
    found = {m.group(1).lower() for line in lines if (m := HEADER_LINE.match(line))}
    return len(found & EMAIL_HEADERS) >= 2


def _looks_like_text(data: bytes) -> bool:
    """No NUL byte near the start, or the NULs of UTF-16 text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_order(data):
        return True
    return b"\x00" not in data[:8192]
