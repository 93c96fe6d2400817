"""`open_extraction`: size check, kind sniffing, and the extraction for the kind."""

from __future__ import annotations

import logging

from celery.exceptions import SoftTimeLimitExceeded

from .archive import ArchiveExtraction
from .base import Extraction, max_bytes
from .image import ImageExtraction
from .mail import EmailExtraction
from .office import DocxExtraction, OdtExtraction, XlsxExtraction
from .pdf import PdfExtraction
from .problems import ExtractionRefused, Problem
from .sniff import sniff
from .textual import CsvExtraction, HtmlExtraction, TextExtraction

logger = logging.getLogger(__name__)

SIMPLE = {
    "pdf": PdfExtraction,
    "docx": DocxExtraction,
    "odt": OdtExtraction,
    "xlsx": XlsxExtraction,
    "csv": CsvExtraction,
    "text": TextExtraction,
    "html": HtmlExtraction,
    "image": ImageExtraction,
}
# Kinds that hold other files, read again by open_nested.
CONTAINERS = {"email": EmailExtraction, "zip": ArchiveExtraction}


def open_extraction(
    data: bytes, *, name: str, content_type: str, language: str | None = None
) -> Extraction:
    """The extraction of a decrypted document, ready to walk with `parts()`.

    `data` stays in memory: nothing here writes it to disk. Raises
    ExtractionRefused when the whole file cannot be read: TOO_LARGE over
    SEARCH_MAX_BYTES or for a zip bomb, ENCRYPTED, CORRUPT or UNSUPPORTED.
    """
    return open_nested(
        data, name=name, content_type=content_type, language=language, depth=0
    )


def open_nested(
    data: bytes, *, name: str, content_type: str, language: str | None, depth: int
) -> Extraction:
    """`open_extraction` for a file found `depth` levels inside another."""
    if len(data) > max_bytes():
        raise ExtractionRefused(Problem.TOO_LARGE, "bytes")
    kind = sniff(data, name, content_type)
    try:
        if kind in CONTAINERS:
            return CONTAINERS[kind](
                data, language=language, depth=depth, opener=open_nested
            )
        return SIMPLE[kind](data, language=language)
    except (ExtractionRefused, SoftTimeLimitExceeded):
        raise
    except Exception as error:  # noqa: BLE001 - parsers of hostile files raise anything
        # The type only: a parser's message may quote the document.
        logger.warning("%s unreadable: %s", kind, type(error).__name__)
        raise ExtractionRefused(Problem.CORRUPT, kind) from error
