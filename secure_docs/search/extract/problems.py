"""What can go wrong reading a file: the reasons shown to the people who uploaded it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Problem(models.TextChoices):
    """Why a file, or part of it, gave no text; the label says what to do about it."""

    ENCRYPTED = (
        "encrypted",
        _("The file is password-protected; remove the password and upload it again."),
    )
    CORRUPT = (
        "corrupt",
        _("The file is damaged or not what its name says; it could not be read."),
    )
    UNSUPPORTED = "unsupported", _("Text cannot be extracted from this kind of file.")
    TOO_LARGE = (
        "too_large",
        _("The file is too large to search, or unpacks to too much data."),
    )
    NO_TEXT = "no_text", _("No text was found in this file (an image without text?).")
    OCR_LANGUAGE_MISSING = (
        "ocr_language_missing",
        _(
            "The document's language cannot be recognised on this server; scanned "
            "pages were read with the closest alphabet and may have mistakes."
        ),
    )
    OCR_UNAVAILABLE = (
        "ocr_unavailable",
        _("Scanned pages cannot be read on this server; only typed text was searched."),
    )
    PAGE_LIMIT = (
        "page_limit",
        _("The document is very long; only its first pages are searchable."),
    )
    ATTACHMENT_SKIPPED = (
        "attachment_skipped",
        _("An attachment was not searched: damaged, too large or of an unknown kind."),
    )
    TIMEOUT = (
        "timeout",
        _("A scanned page took too long to read and was skipped."),
    )


class ExtractionRefused(Exception):
    """The whole file cannot be read: `problem` says why, `detail` where (no text)."""

    def __init__(self, problem: Problem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
