"""OCR with Tesseract and PDF page rendering with pdftoppm, through pipes only.

Neither tool is given a file: the image goes to `tesseract stdin stdout`, the PDF
to `pdftoppm ... -` with no output root, and the results come back on stdout.
(Checked with `strace -f -e trace=openat,creat,rename,unlink`: neither opens a
file for writing. Given an output root, even "-", pdftoppm writes "<root>.png"
into the working directory: so none is given.)

A scan's language picks the Tesseract pack. Given: its pack, plus eng for the
Latin names and numbers in it. Not given: the first page is read with all the
region's Cyrillic packs and eng (a Kazakh ә or Uzbek ў read with rus+eng alone
comes back as а or у, and the language could not be told), its language guessed,
and the page read again with the guessed language's pack.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from functools import lru_cache

from .base import letters, ocr_timeout
from .guess import detect
from .problems import Problem

# Language code -> Tesseract pack. Turkmen has no pack: the Latin script model
# reads its ň ý ä ž. (To be reconciled with secure_docs.search.languages.)
PACKS: dict[str, str] = {
    "ru": "rus",
    "kk": "kaz",
    "uz": "uzb",
    "uz-cyrl": "uzb_cyrl",
    "ky": "kir",
    "tg": "tgk",
    "tk": "Latin",
    "en": "eng",
}
# In this order Tesseract keeps each language's own letters best (measured on
# Kazakh, Uzbek, Tajik, Kyrgyz and Russian scans).
CYRILLIC_PACKS = ("uzb_cyrl", "tgk", "kaz", "kir", "rus")
PROBE_PACKS = (*CYRILLIC_PACKS, "eng")
# Read Latin-script pages with the script model first: it keeps oʻ, ň, ý.
LATIN_PACKS = ("Latin", "eng")
RENDER_DPI = 300

Warn = Callable[[Problem, str], None]


def installed_packs() -> set[str]:
    """The Tesseract packs installed here (`tesseract --list-langs`, cached)."""
    tessdata = os.environ.get("TESSDATA_PREFIX")
    return set(_list_langs(shutil.which("tesseract"), tessdata))


def missing_packs() -> list[str]:
    """The region's packs (PACKS) that are not installed, for `make tools`."""
    installed = installed_packs()
    return [pack for pack in dict.fromkeys(PACKS.values()) if pack not in installed]


@lru_cache(maxsize=8)
def _list_langs(binary: str | None, tessdata: str | None) -> frozenset[str]:
    if binary is None:
        return frozenset()
    try:
        listed = subprocess.run(  # noqa: S603 - fixed arguments, no input
            [binary, "--list-langs"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    # The first line is "List of available languages in ...".
    lines = listed.stdout.decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())


class Ocr:
    """One document's OCR: picks its packs once and reads its page images.

    Every failure is a warning through `warn` and a None result, never an
    exception: the document's text layers still count.
    """

    def __init__(self, language: str | None, warn: Warn) -> None:
        self.language = language
        self.runs = 0  # tesseract invocations, so a resumed walk can be checked
        self._warn = warn
        self._packs: str | None = None

    def read(self, png: bytes, *, where: str = "") -> str | None:
        """The text in one page image (PNG bytes); None when it could not be read."""
        if shutil.which("tesseract") is None or not installed_packs():
            self._warn(Problem.OCR_UNAVAILABLE, "tesseract")
            return None
        if self._packs is None and self.language is not None:
            self._packs = self._packs_for(self.language)
        if self._packs is not None:
            return self._tesseract(png, self._packs, where)
        return self._probe(png, where)

    def render(self, pdf: bytes, page: int) -> bytes | None:
        """Page `page` (1-based) of a PDF as a PNG at 300 dpi; None on failure."""
        binary = shutil.which("pdftoppm")
        if binary is None:
            self._warn(Problem.OCR_UNAVAILABLE, "pdftoppm")
            return None
        number = str(page)
        args = ["-f", number, "-l", number, "-r", str(RENDER_DPI), "-gray", "-png"]
        # "-" is the PDF on stdin; no output root, so the PNG comes on stdout.
        png = self._pipe([binary, *args, "-"], pdf, number)
        return png or None

    def _probe(self, png: bytes, where: str) -> str | None:
        """Read with every Cyrillic pack, guess the language, read again with its."""
        installed = installed_packs()
        latin = next((pack for pack in LATIN_PACKS if pack in installed), None)
        probe = "+".join(pack for pack in PROBE_PACKS if pack in installed) or latin
        if not probe:
            self._warn(Problem.OCR_UNAVAILABLE, "packs")  # none of the region's
            return None
        text = self._tesseract(png, probe, where)
        if text is None:
            return None
        code = detect(text)
        if code is None:
            # Too little to tell a language (the next page tries again), but
            # enough to tell the alphabet: Latin read with Cyrillic packs is junk.
            if latin and _latin_letters(text) > letters(text) / 2:
                return self._tesseract(png, latin, where) or text
            return text
        if PACKS.get(code) not in CYRILLIC_PACKS:
            if latin is None:
                return text
            text = self._tesseract(png, latin, where) or text
            code = detect(text) or code
            self.language = code
            self._packs = self._packs_for(code)
            return text
        self.language = code
        self._packs = self._packs_for(code)
        if self._packs is None or self._packs == probe:
            return text
        return self._tesseract(png, self._packs, where) or text

    def _packs_for(self, code: str) -> str | None:
        """The packs for `code`; a missing pack warns and takes its script's."""
        installed = installed_packs()
        pack = PACKS.get(code)
        if pack is None:
            self._warn(Problem.OCR_LANGUAGE_MISSING, code)
            self.language = None  # no pack to pick: guess from the page
            return None
        chosen = [pack]
        if pack not in installed:
            self._warn(Problem.OCR_LANGUAGE_MISSING, code)
            script = ("rus",) if pack in CYRILLIC_PACKS else LATIN_PACKS
            chosen = [next((p for p in script if p in installed), "")]
        if pack != "Latin" and "eng" in installed:
            chosen.append("eng")
        packs = "+".join(dict.fromkeys(p for p in chosen if p))
        if not packs:
            self._warn(Problem.OCR_UNAVAILABLE, code)
        return packs or None

    def _tesseract(self, png: bytes, packs: str, where: str) -> str | None:
        binary = shutil.which("tesseract") or "tesseract"
        args = [binary, "stdin", "stdout", "-l", packs, "--psm", "3"]
        self.runs += 1
        out = self._pipe(args, png, where)
        return None if out is None else out.decode("utf-8", "replace")

    def _pipe(self, args: list[str], data: bytes, where: str) -> bytes | None:
        """Run a tool with `data` on stdin; its stdout, or None and a warning."""
        # One thread per page: the worker runs several documents side by side.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(  # noqa: S603 - a found tool, fixed arguments
                args,
                input=data,
                capture_output=True,
                timeout=ocr_timeout(),
                check=False,
                env=env,
            )
        except subprocess.TimeoutExpired:
            self._warn(Problem.TIMEOUT, where)
            return None
        if done.returncode != 0:
            self._warn(Problem.CORRUPT, where)
            return None
        return done.stdout


def _latin_letters(text: str) -> int:
    return sum(1 for char in text if char.isascii() and char.isalpha())
