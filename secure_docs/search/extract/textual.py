"""Plain text, CSV and HTML: decode the bytes, then take the text out.

Russian files still come in cp1251, KOI8-R, cp866 and UTF-16 as well as UTF-8.
charset-normalizer guesses among the encodings the region uses, no others: left to
choose among all, it reads a cp1251 sentence as Hebrew or Mac Cyrillic.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import unicodedata
from collections.abc import Iterator

import nh3
from charset_normalizer import from_bytes

from .base import Extraction, Part
from .problems import ExtractionRefused, Problem

LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp866", "cp1252", "cp1254"]
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# UTF-16 without a BOM: every other byte is 0x00 (Latin) or 0x04 (Cyrillic).
UTF16_HIGH_BYTES = frozenset({0x00, 0x04})
# Block elements end a line: "<p>one</p><p>two</p>" must not read "onetwo".
BLOCK_END = re.compile(
    r"<(?:br|hr|/p|/div|/li|/tr|/h[1-6]|/table|/blockquote|/pre|/title)\b[^>]*>",
    re.IGNORECASE,
)
CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n\s*\n+")


def _readable(text: str) -> str:
    """`text` if it reads as text; CORRUPT when control characters fill it (a
    binary file that happens to decode, e.g. zeros as UTF-16)."""
    sample = text[:8192]
    controls = sum(
        1
        for char in sample
        if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    if sample and controls > 0.05 * len(sample):
        raise ExtractionRefused(Problem.CORRUPT, "binary")
    return text


def decode(data: bytes) -> str:
    """`data` as text: BOM, else UTF-16, else UTF-8, else the likeliest code page.

    CORRUPT when it is not text in any of them (a binary file).
    """
    return _readable(_decode(data))


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise ExtractionRefused(Problem.CORRUPT, encoding) from error
    # Before UTF-8: UTF-16 Russian ("П" is 1F 04) is valid, meaningless, UTF-8.
    encoding = utf16_order(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise ExtractionRefused(Problem.CORRUPT, "binary")
    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise ExtractionRefused(Problem.CORRUPT, "encoding")
    return str(best)


def utf16_order(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `data` looks like BOM-less UTF-16 text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[::2])):
        if sum(byte in UTF16_HIGH_BYTES for byte in high) >= 0.9 * len(high):
            return encoding
    return None


def html_to_text(markup: str) -> str:
    """The text a reader sees in `markup`: no tags, scripts or styles; entities read."""
    markup = CELL_END.sub("\t", BLOCK_END.sub(lambda m: m.group(0) + "\n", markup))
    text = html.unescape(nh3.clean(markup, tags=set()))
    return BLANK_LINES.sub("\n\n", text).strip()


def csv_to_text(text: str) -> str:
    """A CSV's cells, tab-separated, a row a line; the raw text if it will not parse."""
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = csv.reader(io.StringIO(text), dialect)
        return "\n".join("\t".join(cell.strip() for cell in row) for row in rows)
    except csv.Error:  # a field over the csv module's limit, a stray quote
        return text


class TextExtraction(Extraction):
    """A plain text file: one part, the decoded text."""

    kind = "text"

    def __init__(self, data: bytes, *, language: str | None) -> None:
        super().__init__(total=1, language=language)
        self._text = decode(data)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """The whole text."""
        yield Part(self._text)


class CsvExtraction(TextExtraction):
    """A CSV file: its cells, tab-separated."""

    kind = "csv"

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """Every row, a line each."""
        yield Part(csv_to_text(self._text))


class HtmlExtraction(TextExtraction):
    """An HTML page: what a reader sees, without scripts and styles."""

    kind = "html"

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """The visible text."""
        yield Part(html_to_text(self._text))
