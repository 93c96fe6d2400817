"""PDF: each page's text layer with pdfminer; a page without one is a scan, OCR'd.

pypdf answers the two questions asked before any page is read: is it locked with
a password, and how many pages has it. The first SEARCH_MAX_PAGES are read.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator

import pypdf
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTContainer, LTCurve, LTImage, LTText
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psexceptions import PSException

from .base import Extraction, Part, letters, max_pages
from .ocr import Ocr
from .problems import ExtractionRefused, Problem

# pdfminer's debug and warning lines quote content-stream operands, and the
# document's text can be among them: logs must never hold it.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# Fewer letters than this in a page's text layer, and an image on it: a scan (a
# stamp or a page number is all a scanner's text layer tends to have).
SCAN_LETTERS = 10


class PdfExtraction(Extraction):
    """A PDF, one unit per page up to SEARCH_MAX_PAGES (then a PAGE_LIMIT warning)."""

    kind = "pdf"

    def __init__(self, data: bytes, *, language: str | None) -> None:
        count = page_count(data)
        limit = max_pages()
        super().__init__(total=min(count, limit), language=language)
        if count > limit:
            self.warn(Problem.PAGE_LIMIT, f"{limit}/{count}")
        self._data = data
        try:
            self._document = PDFDocument(PDFParser(io.BytesIO(data)))
        except PDFPasswordIncorrect as error:
            raise ExtractionRefused(Problem.ENCRYPTED) from error
        except (PSException, KeyError, ValueError, TypeError) as error:
            raise ExtractionRefused(Problem.CORRUPT, "pdf") from error
        self._resources = PDFResourceManager(caching=True)
        self._pages: Iterator[PDFPage] | None = None
        self._position = 0
        self.ocr = Ocr(language, self.warn)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """Page `unit + 1`: its text layer, or its OCR'd image when it is a scan."""
        page = self._page(unit)
        number = unit + 1
        if page is None:
            self.warn(Problem.CORRUPT, str(number))
            return
        text, has_graphics = self._text_layer(page)
        if letters(text) >= SCAN_LETTERS or not has_graphics:
            yield Part(text, page=number)
            return
        png = self.ocr.render(self._data, number)
        scanned = self.ocr.read(png, where=str(number)) if png else None
        if scanned is None:
            yield Part(text, page=number)
            return
        if self.language is None:
            self.language = self.ocr.language
        yield Part(scanned, page=number, ocr=True)

    def _page(self, unit: int) -> PDFPage | None:
        """Page `unit`, walking the page tree once per walk: skipping parses nothing."""
        if self._pages is None or unit < self._position:
            self._pages = PDFPage.create_pages(self._document)
            self._position = 0
        page = None
        while self._position <= unit:
            page = next(self._pages, None)
            self._position += 1
        return page

    def _text_layer(self, page: PDFPage) -> tuple[str, bool]:
        """A page's text, and whether it has images or drawings (a scan may)."""
        device = PDFPageAggregator(self._resources, laparams=LAParams(all_texts=True))
        PDFPageInterpreter(self._resources, device).process_page(page)
        texts: list[str] = []
        has_graphics = False

        def walk(container: LTContainer) -> None:
            nonlocal has_graphics
            for item in container:
                if isinstance(item, LTText):
                    texts.append(item.get_text())
                elif isinstance(item, LTImage | LTCurve):
                    has_graphics = True
                elif isinstance(item, LTContainer):
                    walk(item)

        walk(device.get_result())
        return "".join(texts), has_graphics


def page_count(data: bytes) -> int:
    """How many pages the PDF has; ENCRYPTED when it needs a password to open.

    A PDF locked only against printing or copying opens with the empty password
    and is read like any other.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pypdf.errors.PdfReadWarning)
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ExtractionRefused(Problem.ENCRYPTED)
            return len(reader.pages)
    except pypdf.errors.FileNotDecryptedError as error:
        raise ExtractionRefused(Problem.ENCRYPTED) from error
    except (pypdf.errors.PyPdfError, KeyError, ValueError, TypeError) as error:
        raise ExtractionRefused(Problem.CORRUPT, "pdf") from error
