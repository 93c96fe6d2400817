"""Text out of a decrypted document, page by page, in memory.

`open_extraction(data, name=..., content_type=...)` sniffs the kind and returns an
`Extraction`; its `parts(start)` yields `Part`s unit by unit and resumes at any
unit without redoing the ones before. Scans are OCR'd with Tesseract through
pipes; the plaintext never reaches a file.
"""

from .base import Extraction, Part
from .ocr import PACKS, installed_packs, missing_packs
from .opening import open_extraction
from .problems import ExtractionRefused, Problem

__all__ = [
    "PACKS",
    "Extraction",
    "ExtractionRefused",
    "Part",
    "Problem",
    "installed_packs",
    "missing_packs",
    "open_extraction",
]
