"""What every extraction shares: the Part it yields, the unit walk, the limits.

An extraction walks `total` units (a PDF's pages, a workbook's sheets, an email's
body and attachments); each unit yields zero or more Parts. Units already done are
skipped, never redone, so a task that died half-way resumes where it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from .guess import detect
from .problems import ExtractionRefused, Problem

logger = logging.getLogger(__name__)

MB = 1024 * 1024
# Email inside email inside zip: deeper than this is a bomb, not correspondence.
MAX_DEPTH = 3


def max_bytes() -> int:
    """The largest file read at all (SEARCH_MAX_BYTES, default 100 MB)."""
    return int(getattr(settings, "SEARCH_MAX_BYTES", 100 * MB))


def max_pages() -> int:
    """Pages read from one document (SEARCH_MAX_PAGES, default 300); the rest waits."""
    return int(getattr(settings, "SEARCH_MAX_PAGES", 300))


def max_expanded() -> int:
    """What a zip container may unpack to in all (SEARCH_MAX_EXPANDED, 200 MB)."""
    return int(getattr(settings, "SEARCH_MAX_EXPANDED", 200 * MB))


def ocr_timeout() -> float:
    """Seconds one page may take to render or OCR (SEARCH_OCR_TIMEOUT, 120)."""
    return float(getattr(settings, "SEARCH_OCR_TIMEOUT", 120))


def letters(text: str) -> int:
    """How many letters `text` has: digits, spaces and punctuation do not count."""
    return sum(1 for char in text if char.isalpha())


@dataclass(frozen=True)
class Part:
    """A piece of a document's text and where it was found.

    `page` is the 1-based page of a PDF or multi-page TIFF (None otherwise);
    `label` is "" for the body, the attachment's or sheet's name otherwise, joined
    with "/" when nested ("archive.zip/inner.txt"); `ocr` says the text was read
    off an image; `unit` is the unit of `Extraction.parts` that yielded it.
    """

    text: str
    page: int | None = None
    label: str = ""
    ocr: bool = False
    unit: int = 0


class Extraction:
    """One file's text, unit by unit; subclasses say how to read one unit."""

    kind: str = ""

    def __init__(self, *, total: int, language: str | None) -> None:
        # `language`: the caller's, else guessed from the first text found (an
        # OCR'd kind sets the OCR's guess first).
        self.total = total
        self.language = language
        # The caller's language, kept apart from a detected one: attachments
        # inherit only what the caller said.
        self.given_language = language
        self.warnings: list[tuple[Problem, str]] = []

    def warn(self, problem: Problem, detail: str = "") -> None:
        """Note a non-fatal problem once: partial results, still searchable."""
        if (problem, detail) not in self.warnings:
            self.warnings.append((problem, detail))

    def parts(self, start: int = 0) -> Iterator[Part]:
        """Parts of units start..total-1 in order, skipping the first `start` unread.

        A blank part is not yielded. A unit that cannot be read is a CORRUPT
        warning (detail: its 1-based number) and the walk goes on. A walk from
        the start that found no text at all ends with a NO_TEXT warning.
        """
        found = False
        for unit in range(max(start, 0), self.total):
            try:
                for part in self.unit_parts(unit):
                    if not part.text.strip():
                        continue
                    found = True
                    if self.language is None:
                        self.language = detect(part.text)
                    yield Part(part.text, part.page, part.label, part.ocr, unit)
            except ExtractionRefused as refused:
                self.warn(refused.problem, refused.detail)
            except SoftTimeLimitExceeded:
                raise  # the task's time is up: the caller resumes at this unit
            except Exception as error:  # noqa: BLE001 - parsers of hostile files raise anything; one bad page must not sink the others
                # The type only: a parser's message may quote the document.
                logger.warning(
                    "%s unit %d unreadable: %s", self.kind, unit, type(error).__name__
                )
                self.warn(Problem.CORRUPT, str(unit + 1))
        if start <= 0 and not found:
            self.warn(Problem.NO_TEXT)

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """The parts of one unit; `unit` is 0-based."""
        raise NotImplementedError


Opener = Callable[..., Extraction]


def nested_parts(
    parent: Extraction,
    opener: Opener,
    data: bytes,
    *,
    name: str,
    content_type: str,
    depth: int,
) -> Iterator[Part]:
    """An attachment's or archive member's parts, labelled under `name`.

    Whatever goes wrong inside it becomes an ATTACHMENT_SKIPPED warning naming
    the file, never an exception: the rest of the email or archive still comes
    out. Its own warnings are kept, their detail prefixed with its name.
    """
    if depth > MAX_DEPTH:
        parent.warn(Problem.ATTACHMENT_SKIPPED, f"{name}: depth")
        return
    if len(data) > max_bytes():
        parent.warn(Problem.ATTACHMENT_SKIPPED, f"{name}: {Problem.TOO_LARGE.value}")
        return
    child = None
    try:
        child = opener(
            data,
            name=name,
            content_type=content_type,
            language=parent.given_language,
            depth=depth,
        )
        for part in child.parts():
            label = f"{name}/{part.label}" if part.label else name
            yield Part(part.text, part.page, label, part.ocr)
    except ExtractionRefused as refused:
        parent.warn(Problem.ATTACHMENT_SKIPPED, f"{name}: {refused.problem.value}")
    except SoftTimeLimitExceeded:
        raise
    except Exception:  # noqa: BLE001 - parsers of hostile files raise anything; one attachment must not sink the rest
        parent.warn(Problem.ATTACHMENT_SKIPPED, f"{name}: {Problem.CORRUPT.value}")
    finally:
        for problem, detail in child.warnings if child else ():
            parent.warn(problem, f"{name}/{detail}" if detail else name)
