"""Documents of every kind search reads, made in memory: for tests and demo data.

Scans are drawn with DejaVu Sans (Debian's fonts-dejavu-core), which has the
Cyrillic letters of Kazakh, Uzbek, Kyrgyz and Tajik, at 300 dpi on white A4.
"""

from __future__ import annotations

import io
import mimetypes
import struct
import zipfile
import zlib
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from xml.sax.saxutils import escape

import docx as python_docx
import openpyxl
import pypdf
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 300
A4 = (2480, 3508)  # pixels at 300 dpi
FONT_SIZE = 56  # ~13.5 pt at 300 dpi: clear print


def scan_page(lines: list[str], *, size: tuple[int, int] = A4) -> Image.Image:
    """`lines` drawn in black on a white greyscale page, as a scanner would give it."""
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, FONT_SIZE)
    for number, line in enumerate(lines):
        draw.text((200, 300 + number * FONT_SIZE * 2), line, font=font, fill=0)
    return page


def scan_pdf(lines: list[str], *, pages: int = 1) -> bytes:
    """An image-only PDF (no text layer) of `pages` scanned pages of `lines`.

    Every page of several ends with its number on a line of its own.
    """
    images = [
        scan_page([*lines, str(number)] if pages > 1 else lines)
        for number in range(1, pages + 1)
    ]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return out.getvalue()


def scan_png(lines: list[str]) -> bytes:
    """A scanned A4 page of `lines` as a PNG."""
    out = io.BytesIO()
    scan_page(lines).save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def text_pdf(lines: list[str], *, pages: int = 1) -> bytes:
    """A PDF with a Helvetica text layer: `lines` on each page (Latin-1 text only).

    Written by hand, object by object, so it depends on no PDF writer's defaults.
    """
    fonts = 3 + 2 * pages  # object numbers: catalog, pages, then page+content pairs
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    for number in range(1, pages + 1):
        page_lines = [*lines, str(number)] if pages > 1 else lines
        shown = " T* ".join(f"({_pdf_string(line)}) Tj" for line in page_lines)
        stream = f"BT /F1 14 Tf 18 TL 72 770 Td {shown} ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {fonts} 0 R >> >> "
            f"/Contents {4 + 2 * (number - 1)} 0 R >>".encode()
        )
        objects.append(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>"
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def encrypted_pdf(password: str = "qalam-secret") -> bytes:  # noqa: S107 - demo data
    """A PDF that opens only with `password`."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(text_pdf(["x"]))))
    writer.encrypt(user_password=password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs: list[str]) -> bytes:
    """A Word document with one paragraph per item."""
    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:text>{}</office:text></office:body>
</office:document-content>"""


def odt(paragraphs: list[str]) -> bytes:
    """An OpenDocument text: the first item a heading, the others paragraphs."""
    body = "".join(
        f'<text:h text:outline-level="1">{escape(text)}</text:h>'
        if number == 0
        else f"<text:p>{escape(text)}</text:p>"
        for number, text in enumerate(paragraphs)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # The mimetype comes first and uncompressed: that is how ODF is sniffed.
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST)
        archive.writestr("content.xml", ODT_CONTENT.format(body))
    return out.getvalue()


def xlsx(rows: list[list[object]], *, title: str = "Sheet1") -> bytes:
    """An Excel workbook with one sheet of `rows`."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def eml(subject: str, body: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """An email from a source to the desk, with `attachments` (name, bytes)."""
    message = EmailMessage()
    message["From"] = "Source <source@example.org>"
    message["To"] = "Desk <desk@example.org>"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message.set_content(body)
    for name, data in attachments:
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/")
        if maintype == "message":
            maintype, subtype = "application", "octet-stream"  # read by its name
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(message)


@lru_cache(maxsize=1)
def zip_bomb(expanded: int = 1100 * 1024 * 1024) -> bytes:
    """A ~1 MB zip whose one member really inflates to `expanded` bytes of zeros.

    Compressing a gigabyte takes seconds; a deflate stream of zeros repeats after
    each full flush, so one megabyte's block is compressed once and repeated.
    """
    block = 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = expanded // block
    stream = first + repeat * (blocks - 1) + compressor.flush()
    crc = 0
    zeros = bytes(block)
    for _ in range(blocks):
        crc = zlib.crc32(zeros, crc)
    return _zip64_one_member(b"zeros.bin", stream, crc, blocks * block)


def _zip64_one_member(name: bytes, stream: bytes, crc: int, size: int) -> bytes:
    """A zip of one deflated member whose sizes need ZIP64 fields."""
    zip64 = struct.pack("<HHQQ", 0x0001, 16, size, len(stream))
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, crc,
        0xFFFFFFFF, 0xFFFFFFFF, len(name), len(zip64),
    )  # fmt: skip
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc,
        0xFFFFFFFF, 0xFFFFFFFF, len(name), len(zip64), 0, 0, 0, 0, 0,
    ) + name + zip64  # fmt: skip
    head = local + name + zip64 + stream
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(head), 0)
    return head + central + end
