"""Text out of every kind of document, in memory; refusals and warnings. No OCR here
(tests/secure_docs/search/test_ocr.py has the scans), except the page-limit check,
which never reads a page."""

import email
import email.policy
import io
import struct
import zipfile
import zlib

import docx as python_docx
import openpyxl
import pytest

from demo import documents
from secure_docs.search.extract import ExtractionRefused, Part, Problem, open_extraction


def _text(extraction) -> str:
    return "\n".join(part.text for part in extraction.parts())


def _refusal(data: bytes, name: str, content_type: str = "") -> ExtractionRefused:
    with pytest.raises(ExtractionRefused) as refused:
        open_extraction(data, name=name, content_type=content_type)
    return refused.value


@pytest.mark.parametrize(
    ("name", "content_type", "data", "kind"),
    [
        ("memo.pdf", "application/pdf", documents.text_pdf(["Memo zebrafinch"]), "pdf"),
        ("memo.docx", "", documents.docx(["Первый абзац", "zebrafinch"]), "docx"),
        ("memo.odt", "", documents.odt(["Заголовок", "zebrafinch & co"]), "odt"),
        ("book.xlsx", "", documents.xlsx([["name"], ["zebrafinch"]]), "xlsx"),
        ("list.csv", "text/csv", "holder;note\nИван;zebrafinch\n".encode(), "csv"),
        ("notes.txt", "text/plain", "Заметки zebrafinch".encode(), "text"),
        ("page.html", "text/html", b"<p>Page <b>zebrafinch</b></p>", "html"),
        ("mail.eml", "message/rfc822", documents.eml("Hi", "zebrafinch", []), "email"),
    ],
)
def test_every_format_yields_its_marker_word(name, content_type, data, kind):
    extraction = open_extraction(data, name=name, content_type=content_type)
    assert extraction.kind == kind
    assert extraction.total == 1
    assert "zebrafinch" in _text(extraction)
    assert extraction.warnings == []


def test_the_kind_comes_from_the_bytes_not_the_name():
    extraction = open_extraction(
        documents.text_pdf(["Actually a PDF"]), name="report.docx", content_type=""
    )
    assert extraction.kind == "pdf"
    assert [part.text.strip() for part in extraction.parts()] == ["Actually a PDF"]


def test_a_pdf_text_layer_is_one_part_per_page_numbered_from_one():
    extraction = open_extraction(
        documents.text_pdf(["Tender minutes"], pages=2), name="m.pdf", content_type=""
    )
    parts = list(extraction.parts())
    assert [(part.page, part.ocr, part.unit) for part in parts] == [
        (1, False, 0),
        (2, False, 1),
    ]
    assert parts[1].text.split() == ["Tender", "minutes", "2"]


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-16-le", "koi8_r"])
def test_russian_text_in_legacy_and_utf16_encodings_is_decoded(encoding):
    text = "Иван Петрович Сидоров подписал договор о передаче лицензии в 2019 году."
    extraction = open_extraction(
        text.encode(encoding), name="notes.txt", content_type=""
    )
    assert _text(extraction) == text
    assert extraction.language == "ru"


def test_html_loses_its_tags_scripts_and_styles_and_keeps_its_lines():
    page = (
        b"<!DOCTYPE html><html><head><title>Leak</title><style>p{color:red}</style>"
        b"<script>var hidden = 'scriptword';</script></head>"
        b"<body><p>Aral&nbsp;Basin &amp; Co</p><p>second</p></body></html>"
    )
    text = _text(open_extraction(page, name="page", content_type=""))
    assert text == "Leak\nAral\xa0Basin & Co\nsecond"


def test_docx_tables_and_headers_are_read_too():
    document = python_docx.Document()
    document.add_paragraph("Body paragraph")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "licence AD-0417"
    table.cell(0, 1).text = "Aral Basin Invest"
    document.sections[0].header.paragraphs[0].text = "CONFIDENTIAL headerword"
    out = io.BytesIO()
    document.save(out)
    text = _text(open_extraction(out.getvalue(), name="d.docx", content_type=""))
    assert text.splitlines() == [
        "Body paragraph",
        "licence AD-0417\tAral Basin Invest",
        "CONFIDENTIAL headerword",
    ]


def test_each_sheet_is_a_unit_labelled_with_its_name():
    book = openpyxl.Workbook()
    book.active.title = "Licences"
    book.active.append(["AD-0417", 1200.0])
    book.create_sheet("Пустой")
    book.create_sheet("Holders").append(["Aral Basin Invest Ltd", None, "Cyprus"])
    out = io.BytesIO()
    book.save(out)
    extraction = open_extraction(out.getvalue(), name="b.xlsx", content_type="")
    assert extraction.total == 3
    assert list(extraction.parts()) == [
        Part("AD-0417\t1200", label="Licences", unit=0),
        Part("Aral Basin Invest Ltd\tCyprus", label="Holders", unit=2),
    ]
    assert [part.label for part in extraction.parts(start=2)] == ["Holders"]


def test_a_password_protected_pdf_is_refused_as_encrypted():
    refusal = _refusal(documents.encrypted_pdf(), "locked.pdf")
    assert refusal.problem == Problem.ENCRYPTED


def test_a_password_protected_office_file_is_refused_as_encrypted():
    # Word and Excel put a locked file in an OLE box with an EncryptedPackage stream.
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(504)
        + "EncryptedPackage".encode("utf-16-le")
    )
    assert _refusal(ole, "locked.docx").problem == Problem.ENCRYPTED


def test_a_truncated_docx_is_refused_as_corrupt():
    data = documents.docx(["A paragraph long enough to matter."])
    assert _refusal(data[: len(data) // 2], "cut.docx").problem == Problem.CORRUPT


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"not a pdf at all", "scan.pdf", Problem.CORRUPT),
        (b"\x00\x01\x02binary\x00" * 20, "blob.bin", Problem.UNSUPPORTED),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "old.doc",
            Problem.UNSUPPORTED,
        ),
    ],
)
def test_what_cannot_be_read_is_refused_with_the_reason(data, name, problem):
    assert _refusal(data, name).problem == problem


def test_a_file_over_search_max_bytes_is_refused_as_too_large(settings):
    settings.SEARCH_MAX_BYTES = 1000
    refusal = _refusal(b"x" * 1001, "big.txt")
    assert refusal.problem == Problem.TOO_LARGE


def test_a_zip_bomb_is_refused_before_anything_is_inflated():
    bomb = documents.zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    assert zipfile.ZipFile(io.BytesIO(bomb)).infolist()[0].file_size > 1024**3
    assert _refusal(bomb, "report.docx").problem == Problem.TOO_LARGE


def test_one_member_inflating_over_100_times_is_a_bomb_under_the_total_limit():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/document.xml", bytes(20 * 1024 * 1024))
    assert _refusal(archive.getvalue(), "r.docx").problem == Problem.TOO_LARGE


def test_an_image_over_pillows_pixel_limit_is_refused_as_too_large():
    # A PNG header announcing 30000 x 30000 pixels, no pixel data: Pillow refuses
    # on the announced size, before decoding anything.
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
    png += struct.pack(">I", zlib.crc32(chunk)) + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    assert _refusal(png, "huge.png").problem == Problem.TOO_LARGE


def test_a_zip_bomb_in_an_email_is_skipped_and_the_rest_still_comes_out():
    mail = documents.eml(
        "Documents",
        "The body names Aral Basin Invest.",
        [
            ("bomb.zip", documents.zip_bomb()),
            ("notes.txt", "Вложение: Сидоров".encode()),
        ],
    )
    extraction = open_extraction(mail, name="leak.eml", content_type="")
    parts = list(extraction.parts())
    assert extraction.total == 3
    assert "Aral Basin Invest" in parts[0].text
    assert "Subject: Documents" in parts[0].text
    assert [(part.label, part.text, part.unit) for part in parts[1:]] == [
        ("notes.txt", "Вложение: Сидоров", 2)
    ]
    assert extraction.warnings == [(Problem.ATTACHMENT_SKIPPED, "bomb.zip: too_large")]


def test_a_zip_attachment_yields_its_members_labelled_under_its_name():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("inner.txt", "Inner marker wombat")
        out.writestr("deeper/sheet.xlsx", documents.xlsx([["wombat row"]]))
        out.writestr("broken.pdf", b"%PDF-1.4 garbage")
    mail = documents.eml(
        "Zip", "See the archive.", [("archive.zip", archive.getvalue())]
    )
    extraction = open_extraction(mail, name="m.eml", content_type="")
    labelled = [(part.label, part.text) for part in extraction.parts()][1:]
    assert labelled == [
        ("archive.zip/inner.txt", "Inner marker wombat"),
        ("archive.zip/deeper/sheet.xlsx/Sheet1", "wombat row"),
    ]
    assert extraction.warnings == [
        (Problem.ATTACHMENT_SKIPPED, "archive.zip/broken.pdf: corrupt")
    ]


def test_emails_nested_deeper_than_three_are_skipped():
    mail = documents.eml("Level 4", "deepest", [])
    for level in (3, 2, 1, 0):
        mail = documents.eml(
            f"Level {level}", "body", [(f"level{level + 1}.eml", mail)]
        )
    extraction = open_extraction(mail, name="m.eml", content_type="")
    labels = [part.label for part in extraction.parts()]
    assert labels == [
        "",
        "level1.eml",
        "level1.eml/level2.eml",
        "level1.eml/level2.eml/level3.eml",
    ]
    assert extraction.warnings == [
        (
            Problem.ATTACHMENT_SKIPPED,
            "level1.eml/level2.eml/level3.eml/level4.eml: depth",
        )
    ]


def test_an_html_only_email_body_is_read_as_text():
    mail = documents.eml("Hi", "plain", [])
    message = email.message_from_bytes(mail, policy=email.policy.default)
    message.set_content("<p>Only <i>html</i> here</p>", subtype="html")
    text = _text(open_extraction(bytes(message), name="m.eml", content_type=""))
    assert text.endswith("\n\nOnly html here")


def test_resuming_an_email_skips_the_units_already_read():
    mail = documents.eml("Two", "body", [("a.txt", b"first"), ("b.txt", b"second")])
    extraction = open_extraction(mail, name="m.eml", content_type="")
    assert [(part.label, part.unit) for part in extraction.parts(start=2)] == [
        ("b.txt", 2)
    ]


def test_an_empty_text_file_has_no_parts_and_a_no_text_warning():
    extraction = open_extraction(b"  \n", name="empty.txt", content_type="")
    assert list(extraction.parts()) == []
    assert extraction.warnings == [(Problem.NO_TEXT, "")]


def test_a_long_pdf_is_cut_at_search_max_pages_with_a_page_limit_warning(settings):
    settings.SEARCH_MAX_PAGES = 3
    scan = documents.scan_pdf(["x"], pages=5)
    extraction = open_extraction(scan, name="long.pdf", content_type="")
    assert extraction.total == 3
    assert extraction.warnings == [(Problem.PAGE_LIMIT, "3/5")]
