"""The Makefile stops with one clear line when a system tool is missing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings


def path_without(tmp_path: Path, missing: str) -> str:
    """A PATH holding links to the tools make needs, except `missing`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in (
        *("bash", "sh", "make", "grep", "awk", "tail", "tr", "gpg", "msgfmt"),
        *("tesseract", "pdftoppm"),
    ):
        if tool == missing:
            continue
        found = shutil.which(tool)
        assert found, tool
        os.symlink(found, bin_dir / tool)
    os.symlink(sys.executable, bin_dir / "python3.11")
    return str(bin_dir)


@pytest.mark.parametrize(
    ("tool", "line"),
    [
        ("gpg", "qalam: gpg is missing; install it (Debian: apt-get install gnupg)"),
        (
            "msgfmt",
            "qalam: msgfmt is missing; install it (Debian: apt-get install gettext)",
        ),
        (
            "tesseract",
            "qalam: tesseract (OCR of scans) is missing; install it "
            "(Debian: apt-get install tesseract-ocr)",
        ),
        (
            "pdftoppm",
            "qalam: pdftoppm (renders scanned PDF pages) is missing; install it "
            "(Debian: apt-get install poppler-utils)",
        ),
    ],
)
def test_make_names_a_missing_tool_in_one_line(tmp_path, tool, line):
    result = subprocess.run(
        [shutil.which("make"), "-s", "tools"],
        cwd=settings.BASE_DIR,
        env={"PATH": path_without(tmp_path, tool), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout.strip() == line


def test_make_tools_passes_when_everything_is_there(tmp_path):
    result = subprocess.run(
        [shutil.which("make"), "-s", "tools"],
        cwd=settings.BASE_DIR,
        env={"PATH": path_without(tmp_path, ""), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_make_names_the_missing_tesseract_packs_and_their_packages(tmp_path):
    """Tesseract with only some packs: the one line names the rest."""
    tessdata = tmp_path / "tessdata"
    tessdata.mkdir()
    installed = Path(
        subprocess.run(
            [shutil.which("tesseract"), "--list-langs"],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.splitlines()[0]
        .split('"')[1]
    )
    for pack in ("rus", "eng"):
        os.symlink(installed / f"{pack}.traineddata", tessdata / f"{pack}.traineddata")
    result = subprocess.run(
        [shutil.which("make"), "-s", "tools"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": path_without(tmp_path, ""),
            "HOME": str(tmp_path),
            "TESSDATA_PREFIX": str(tessdata),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout.strip() == (
        "qalam: Tesseract language packs missing: kaz uzb uzb_cyrl kir tgk Latin; "
        "install them (Debian: apt-get install tesseract-ocr-kaz tesseract-ocr-uzb "
        "tesseract-ocr-uzb-cyrl tesseract-ocr-kir tesseract-ocr-tgk "
        "tesseract-ocr-script-latn)"
    )
