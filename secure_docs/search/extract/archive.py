"""Zip containers: the bomb check every one passes first, and zip archives' members.

DOCX, ODT and XLSX are zips too. Their sizes are checked on the central
directory before anything is decompressed: a member's declared size is also the
most `zipfile` will ever produce for it, so a check on the declared sizes holds.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from .base import MB, Extraction, Opener, Part, max_expanded, nested_parts
from .problems import ExtractionRefused, Problem

# Text and XML compress well, up to ~20:1; past 100:1 a large member is a bomb.
MAX_RATIO = 100
# A small member may compress far better than that and still be harmless.
RATIO_FLOOR = MB
# The central directory alone must not become the bomb.
MAX_MEMBERS = 10_000


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip in `data`, once its declared sizes are within the limits.

    CORRUPT when it is not a readable zip; TOO_LARGE when its members add up to
    more than SEARCH_MAX_EXPANDED, one of them over RATIO_FLOOR expands more than
    MAX_RATIO times, or it has more than MAX_MEMBERS members.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ExtractionRefused(Problem.CORRUPT, "zip") from error
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ExtractionRefused(Problem.TOO_LARGE, f"{len(members)} members")
    if sum(info.file_size for info in members) > max_expanded():
        raise ExtractionRefused(Problem.TOO_LARGE, "expanded size")
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ExtractionRefused(Problem.TOO_LARGE, info.filename)
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes (after `open_zip`); CORRUPT when missing or damaged."""
    try:
        return archive.read(name)
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise ExtractionRefused(Problem.CORRUPT, name) from error
    except (NotImplementedError, RuntimeError) as error:
        # An unknown compression method, or a member with a password.
        raise ExtractionRefused(Problem.UNSUPPORTED, name) from error


class ArchiveExtraction(Extraction):
    """A zip's members, one unit each, read by their own kind; labels are names."""

    kind = "zip"

    def __init__(
        self, data: bytes, *, language: str | None, depth: int, opener: Opener
    ) -> None:
        self._archive = open_zip(data)
        self._members = [i for i in self._archive.infolist() if not i.is_dir()]
        super().__init__(total=len(self._members), language=language)
        self._depth = depth
        self._opener = opener

    def unit_parts(self, unit: int) -> Iterator[Part]:
        """One member's parts; a member that fails is a warning naming it."""
        info = self._members[unit]
        if info.flag_bits & 0x1:
            self.warn(
                Problem.ATTACHMENT_SKIPPED,
                f"{info.filename}: {Problem.ENCRYPTED.value}",
            )
            return
        try:
            data = read_member(self._archive, info.filename)
        except ExtractionRefused as refused:
            self.warn(
                Problem.ATTACHMENT_SKIPPED,
                f"{info.filename}: {refused.problem.value}",
            )
            return
        yield from nested_parts(
            self,
            self._opener,
            data,
            name=info.filename,
            content_type="",
            depth=self._depth + 1,
        )
