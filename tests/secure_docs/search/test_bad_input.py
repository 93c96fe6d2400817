"""Bad input gets a clear status on the document, never a crashed worker, and
nothing is lost: the file itself still downloads as it was uploaded."""

import logging

import pytest
from botocore.config import Config
from django.urls import reverse

from demo import documents as make
from secure_docs import services, tasks
from secure_docs.enums import IndexStatus
from secure_docs.models import Document, SearchUnit
from secure_docs.search.extract import Problem
from tests.secure_docs.conftest import s3_settings
from tests.secure_docs.helpers import download, upload
from tests.secure_docs.search.helpers import hits, index_pending, search_page

pytestmark = pytest.mark.django_db


def _upload_and_index(client, workspace, name, content, **fields):
    client.force_login(workspace.lead)
    response = upload(client, workspace.codename, content, name=name, **fields)
    assert response.status_code == 302, response.content[:300]
    index_pending()
    document = Document.objects.get(title=fields.get("title", "Contract"))
    version = document.versions.get()
    unit = SearchUnit.objects.get(version=version)
    page = client.get(response["Location"]).content.decode()
    return version, unit, page


@pytest.mark.parametrize(
    ("name", "content", "status", "problem"),
    [
        ("locked.pdf", make.encrypted_pdf, IndexStatus.FAILED, Problem.ENCRYPTED),
        (
            "broken.docx",
            lambda: make.docx(["Half a report"])[:700],
            IndexStatus.FAILED,
            Problem.CORRUPT,
        ),
        (
            "blank.png",
            lambda: make.scan_png([]),
            IndexStatus.FAILED,
            Problem.NO_TEXT,
        ),
        ("program.exe", lambda: b"MZ\x90\x00" + bytes(200), IndexStatus.FAILED, None),
    ],
    ids=["password-protected PDF", "corrupt DOCX", "image without text", "binary"],
)
def test_a_file_that_cannot_be_read_says_why_and_still_downloads(
    client, workspace, name, content, status, problem
):
    data = content()
    version, unit, page = _upload_and_index(client, workspace, name, data)
    assert unit.status == status
    if problem is not None:
        assert problem in {unit.problem, *(code for code, _d in unit.warnings)}
        assert str(problem.label) in page
    assert 'data-testid="index-status"' in page
    assert "not searchable" in page
    assert download(client, version) == data


def test_a_zip_bomb_in_an_email_is_skipped_and_the_rest_is_found(client, workspace):
    letter = make.eml(
        "Kontrakt",
        "Hujjatlar Urganch shahridan yuborildi.",
        [("bomb.zip", make.zip_bomb()), ("note.txt", b"Khiva warehouse")],
    )
    _version, unit, page = _upload_and_index(
        client, workspace, "letter.eml", letter, title="Letter"
    )
    assert unit.status == IndexStatus.PARTIAL
    assert [code for code, _detail in unit.warnings] == [Problem.ATTACHMENT_SKIPPED]
    assert str(Problem.ATTACHMENT_SKIPPED.label) in page
    assert hits(search_page(client, workspace.codename, "Ургенч")) == ["Letter"]
    found = search_page(client, workspace.codename, "Khiva")
    assert hits(found) == ["Letter"]
    assert "note.txt" in found.content.decode()


def test_a_long_scan_is_read_up_to_the_page_limit_with_progress(
    client, workspace, settings
):
    settings.SEARCH_MAX_PAGES = 2
    scan = make.scan_pdf(["Termez customs 2019"], pages=3)
    _version, unit, page = _upload_and_index(
        client, workspace, "scan.pdf", scan, title="Scan", language="en"
    )
    assert unit.status == IndexStatus.PARTIAL
    assert (unit.parts_done, unit.parts_total) == (2, 2)
    assert [code for code, _detail in unit.warnings] == [Problem.PAGE_LIMIT]
    response = search_page(client, workspace.codename, "Termez")
    assert hits(response) == ["Scan"]
    assert "page 1" in response.content.decode()
    assert "read by OCR" in response.content.decode()


def test_a_dead_document_store_leaves_the_unit_to_be_retried(
    client, workspace, settings, caplog, tmp_path
):
    client.force_login(workspace.lead)
    upload(client, workspace.codename, b"Nukus archive", name="a.txt", title="A")
    unit = services.unit_for_version(version=Document.objects.get().versions.get())

    # The store goes away: an S3 endpoint where nothing listens.
    class Dead:
        endpoint_url = "http://127.0.0.1:9"
        access_key = "x"
        secret_key = "y"  # noqa: S105 - not a secret
        secure_bucket = "gone"

    storage = s3_settings(Dead)
    storage["OPTIONS"]["client_config"] = Config(
        connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}
    )
    live = settings.STORAGES
    settings.STORAGES = {**live, "secure_docs": storage}
    with caplog.at_level(logging.WARNING):
        tasks.index_unit.apply(args=[unit.pk])
    unit.refresh_from_db()
    assert unit.indexed_at is None  # left for the retry and the hourly reconcile
    assert "the document store is down" in caplog.text
    settings.STORAGES = live
    # The store is back: the reconcile indexes it (and the board's task).
    assert tasks.index_reconcile.apply().get() == 2
    unit.refresh_from_db()
    assert unit.status == IndexStatus.DONE
    assert hits(search_page(client, workspace.codename, "Nukus")) == ["A"]


def test_the_upload_form_offers_the_language_of_scans(client, workspace):
    client.force_login(workspace.lead)
    page = client.get(reverse("secure_docs:upload", args=[workspace.codename]))
    text = page.content.decode()
    assert 'name="language"' in text
    assert "Uzbek (Cyrillic)" in text
