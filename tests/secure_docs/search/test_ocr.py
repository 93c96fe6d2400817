"""Scans read with the real Tesseract and pdftoppm (each page costs ~0.5-1 s).

Pages are drawn in the test with DejaVu Sans (demo.documents); the assertions are
on a word or two the OCR must get right, not on whole pages.
"""

import io
import os
from pathlib import Path

import pypdf

from demo import documents
from secure_docs.search.extract import (
    Problem,
    installed_packs,
    missing_packs,
    open_extraction,
)

RUSSIAN = ["Иван Петрович Сидоров", "договор о передаче лицензии"]
KAZAKH = ["Әлия Нұрланқызы Сәрсенбаева", "мемлекеттік сатып алу және", "бойынша"]
UZBEK = ["Шаҳноза Ғуломова тўловлар", "давлат харидлари бўйича"]
TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")


def _words(extraction) -> list[str]:
    return " ".join(part.text for part in extraction.parts()).split()


def test_a_scanned_russian_page_is_ocrd_and_its_language_detected():
    extraction = open_extraction(
        documents.scan_pdf(RUSSIAN), name="scan.pdf", content_type="application/pdf"
    )
    parts = list(extraction.parts())
    assert [(part.page, part.ocr) for part in parts] == [(1, True)]
    assert "Сидоров" in parts[0].text.split()
    assert "лицензии" in parts[0].text.split()
    assert extraction.language == "ru"
    assert extraction.warnings == []


def test_a_kazakh_scan_with_its_language_given_keeps_the_kazakh_letters():
    extraction = open_extraction(
        documents.scan_pdf(KAZAKH), name="k.pdf", content_type="", language="kk"
    )
    words = _words(extraction)
    assert "Нұрланқызы" in words
    assert "Сәрсенбаева" in words
    assert extraction.ocr.runs == 1


def test_an_uzbek_cyrillic_scan_with_its_language_given_keeps_its_letters():
    extraction = open_extraction(
        documents.scan_png(UZBEK), name="u.png", content_type="", language="uz-cyrl"
    )
    words = _words(extraction)
    assert "Ғуломова" in words
    assert "тўловлар" in words
    assert extraction.kind == "image"


def test_a_kazakh_scan_without_a_language_is_detected_and_read_again_as_kazakh():
    extraction = open_extraction(
        documents.scan_pdf(KAZAKH), name="k.pdf", content_type=""
    )
    words = _words(extraction)
    assert extraction.language == "kk"
    assert "Сәрсенбаева" in words
    assert extraction.ocr.runs == 2  # the probe, then Kazakh


def test_resuming_a_scan_at_page_two_ocrs_only_pages_two_and_three():
    scan = documents.scan_pdf(RUSSIAN, pages=3)
    extraction = open_extraction(scan, name="s.pdf", content_type="", language="ru")
    parts = list(extraction.parts(start=1))
    assert [(part.page, part.unit, part.ocr) for part in parts] == [
        (2, 1, True),
        (3, 2, True),
    ]
    assert [part.text.split()[-1] for part in parts] == ["2", "3"]
    assert extraction.ocr.runs == 2


def test_an_image_without_text_gives_no_parts_and_a_no_text_warning():
    extraction = open_extraction(
        documents.scan_png([]), name="blank.png", content_type="", language="ru"
    )
    assert list(extraction.parts()) == []
    assert extraction.warnings == [(Problem.NO_TEXT, "")]


def test_the_pages_of_a_multi_page_tiff_are_numbered():
    pages = [
        documents.scan_page([f"Sheet {n} Tashkent"], size=(1600, 600)) for n in (1, 2)
    ]
    tiff = io.BytesIO()
    pages[0].save(tiff, "TIFF", save_all=True, append_images=pages[1:])
    extraction = open_extraction(
        tiff.getvalue(), name="t.tif", content_type="", language="en"
    )
    parts = list(extraction.parts())
    assert extraction.total == 2
    assert [(part.page, part.text.split()) for part in parts] == [
        (1, ["Sheet", "1", "Tashkent"]),
        (2, ["Sheet", "2", "Tashkent"]),
    ]


def test_a_scanned_attachment_is_ocrd_under_its_name():
    mail = documents.eml(
        "Scan", "See attached.", [("scan.png", documents.scan_png(RUSSIAN))]
    )
    extraction = open_extraction(mail, name="m.eml", content_type="", language="ru")
    parts = list(extraction.parts())
    assert [(part.label, part.ocr) for part in parts] == [
        ("", False),
        ("scan.png", True),
    ]
    assert "Сидоров" in parts[1].text.split()


def test_a_language_without_its_pack_is_read_with_its_alphabet_and_warned(
    tmp_path, monkeypatch
):
    # A Tesseract with only the Russian and English packs, as on a bare server.
    for pack in ("rus", "eng"):
        (tmp_path / f"{pack}.traineddata").symlink_to(TESSDATA / f"{pack}.traineddata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert installed_packs() == {"rus", "eng"}
    assert missing_packs() == ["kaz", "uzb", "uzb_cyrl", "kir", "tgk", "Latin"]
    extraction = open_extraction(
        documents.scan_png(KAZAKH), name="k.png", content_type="", language="kk"
    )
    assert "бойынша" in _words(extraction)
    assert extraction.warnings == [(Problem.OCR_LANGUAGE_MISSING, "kk")]


def test_the_region_packs_are_installed_here():
    assert missing_packs() == []


def test_without_tesseract_text_layers_are_still_read_and_scans_warned(monkeypatch):
    writer = pypdf.PdfWriter()
    for data in (
        documents.text_pdf(["Typed page platypus"]),
        documents.scan_pdf(RUSSIAN),
    ):
        writer.append(pypdf.PdfReader(io.BytesIO(data)))
    mixed = io.BytesIO()
    writer.write(mixed)
    monkeypatch.setenv("PATH", "/nonexistent")
    extraction = open_extraction(mixed.getvalue(), name="m.pdf", content_type="")
    parts = list(extraction.parts())
    assert [(part.page, part.text.strip(), part.ocr) for part in parts] == [
        (1, "Typed page platypus", False)
    ]
    assert extraction.warnings == [(Problem.OCR_UNAVAILABLE, "pdftoppm")]


def test_a_page_that_takes_too_long_is_a_timeout_warning_and_the_walk_goes_on(
    settings,
):
    settings.SEARCH_OCR_TIMEOUT = 0.001
    extraction = open_extraction(
        documents.scan_pdf(RUSSIAN, pages=2),
        name="s.pdf",
        content_type="",
        language="ru",
    )
    assert list(extraction.parts()) == []
    assert extraction.warnings == [
        (Problem.TIMEOUT, "1"),
        (Problem.TIMEOUT, "2"),
        (Problem.NO_TEXT, ""),
    ]


def test_ocr_leaves_no_file_in_the_temporary_folder_or_working_directory(
    tmp_path, monkeypatch
):
    # strace -f -e trace=openat showed neither tool opens a file for writing;
    # this keeps an eye on the two places a temporary file would go.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("TMPDIR", str(work))
    monkeypatch.chdir(work)
    extraction = open_extraction(
        documents.scan_pdf(["Aral Basin"]), name="s.pdf", content_type="", language="en"
    )
    assert "Basin" in _words(extraction)
    assert os.listdir(work) == []
