"""Office files: DOCX (python-docx), ODT (its content.xml) and XLSX (openpyxl).

Each is a zip, bomb-checked by `open_zip` before any member is decompressed. Their
XML is read with parsers that resolve no entities (python-docx's own, defusedxml,
openpyxl with defusedxml installed).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime, time
from xml.etree.ElementTree import Element

import docx
import openpyxl
from defusedxml import ElementTree
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from lxml.etree import XMLSyntaxError, _Element

from .archive import open_zip, read_member
from .base import Extraction, Part
from .problems import ExtractionRefused, Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# Parts of a DOCX besides its body that people write text in.
DOCX_EXTRA_PARTS = re.compile(
    r"^/word/(?:(?:header|footer)\d*|footnotes|endnotes|comments)\.xml$"
)
# text:s c="N" is N spaces; a hostile file must not ask for a billion.
MAX_SPACES = 100


class DocxExtraction(Extraction):
    """A Word document: body (paragraphs, tables, text boxes), then headers,
    footers, notes and comments, as one part."""

    kind = "docx"

    def __init__(self, data: bytes, *, language: str | None) -> None:
        open_zip(data)
        try:
            self._document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as error:
            raise ExtractionRefused(Problem.CORRUPT, "docx") from error
        super().__init__(total=1, language=language)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """The document's text, block by block, a line each."""
        blocks = list(_docx_blocks(self._document.element.body))
        extra = [
            part
            for part in self._document.part.package.iter_parts()
            if DOCX_EXTRA_PARTS.match(str(part.partname))
        ]
        for part in sorted(extra, key=lambda part: str(part.partname)):
            element = getattr(part, "element", None)
            if element is None:
                element = parse_xml(part.blob)
            blocks.extend(_docx_blocks(element))
        yield Part("\n".join(block for block in blocks if block.strip()))


def _docx_blocks(element: _Element) -> Iterator[str]:
    """Paragraphs and table rows (cells tab-separated) under `element`, in order."""
    for child in element:
        if child.tag == f"{W}p":
            yield _docx_paragraph(child)
            for box in child.iter(f"{W}txbxContent"):
                # A box drawn in this paragraph, not in a box inside the box,
                # and not the VML copy Word keeps for old readers.
                if next(box.iterancestors(f"{W}p")) is child and not any(
                    True for _ in box.iterancestors(MC_FALLBACK)
                ):
                    yield from _docx_blocks(box)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                if next(row.iterancestors(f"{W}tbl")) is child:
                    cells = (" ".join(_docx_blocks(cell)) for cell in row)
                    yield "\t".join(cell for cell in cells if cell.strip())
        elif child.tag != MC_FALLBACK:
            yield from _docx_blocks(child)


def _docx_paragraph(paragraph: _Element) -> str:
    """A paragraph's visible text: runs, tabs and breaks; deleted text left out."""
    out: list[str] = []

    def walk(element: _Element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag not in (f"{W}txbxContent", f"{W}p", MC_FALLBACK):
                walk(child)

    walk(paragraph)
    return "".join(out)


class OdtExtraction(Extraction):
    """An OpenDocument text: its paragraphs and headings, then headers and footers."""

    kind = "odt"

    def __init__(self, data: bytes, *, language: str | None) -> None:
        archive = open_zip(data)
        names = set(archive.namelist())
        if "META-INF/manifest.xml" in names:
            manifest = read_member(archive, "META-INF/manifest.xml")
            if b"encryption-data" in manifest:
                raise ExtractionRefused(Problem.ENCRYPTED)
        self._content = _parse_odf(read_member(archive, "content.xml"))
        self._styles = (
            _parse_odf(read_member(archive, "styles.xml"))
            if "styles.xml" in names
            else None
        )
        super().__init__(total=1, language=language)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """The text, a paragraph a line."""
        blocks = list(_odf_blocks(self._content))
        masters = None
        if self._styles is not None:
            masters = self._styles.find(f"{OFFICE}master-styles")
        if masters is not None:
            blocks.extend(_odf_blocks(masters))
        yield Part("\n".join(block for block in blocks if block.strip()))


def _parse_odf(xml: bytes) -> Element:
    try:
        return ElementTree.fromstring(xml)
    except (ElementTree.ParseError, ValueError) as error:
        # ValueError: defusedxml refusing a DTD or entity (a billion laughs).
        raise ExtractionRefused(Problem.CORRUPT, "xml") from error


def _odf_blocks(element: Element) -> Iterator[str]:
    """The paragraphs and headings under `element`, nested ones after their parent."""
    for child in element:
        if child.tag in (f"{TEXT}p", f"{TEXT}h"):
            yield from _odf_paragraph(child)
        else:
            yield from _odf_blocks(child)


def _odf_paragraph(paragraph: Element) -> Iterator[str]:
    out: list[str] = []
    nested: list[Element] = []

    def walk(element: Element) -> None:
        if element.text:
            out.append(element.text)
        for child in element:
            if child.tag == f"{TEXT}s":
                count = child.get(f"{TEXT}c", "1")
                out.append(" " * min(int(count) if count.isdigit() else 1, MAX_SPACES))
            elif child.tag == f"{TEXT}tab":
                out.append("\t")
            elif child.tag == f"{TEXT}line-break":
                out.append("\n")
            elif child.tag in (f"{TEXT}p", f"{TEXT}h"):
                nested.append(child)  # a frame's text box: its own lines
            else:
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(paragraph)
    yield "".join(out)
    for inner in nested:
        yield from _odf_paragraph(inner)


class XlsxExtraction(Extraction):
    """An Excel workbook: a unit and a part per worksheet, labelled with its name."""

    kind = "xlsx"

    def __init__(self, data: bytes, *, language: str | None) -> None:
        open_zip(data)
        with warnings.catch_warnings():
            # openpyxl warns about every feature it skips (data validation,
            # slicers...); none of them hides cell text.
            warnings.simplefilter("ignore", UserWarning)
            try:
                self._book = openpyxl.load_workbook(
                    io.BytesIO(data), read_only=True, data_only=True
                )
            except (KeyError, ValueError, TypeError, OSError) as error:
                raise ExtractionRefused(Problem.CORRUPT, "xlsx") from error
        self._sheets = self._book.worksheets
        super().__init__(total=len(self._sheets), language=language)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """One sheet's non-empty cells: tab between cells, a row a line."""
        sheet = self._sheets[unit]
        lines = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell(value) for value in row if value is not None]
                line = "\t".join(cell for cell in cells if cell.strip())
                if line:
                    lines.append(line)
        yield Part("\n".join(lines), label=sheet.title)


def _cell(value: object) -> str:
    """A cell as a person reads it: 1200 not 1200.0, dates as 2019-03-14."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
