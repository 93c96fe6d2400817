"""List pages run the same number of queries for 1 item and for 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from secure_docs import services
from secure_docs.enums import AccessMode
from secure_docs.models import Document

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    client.get(url)  # warm per-process caches (site, locale) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_documents(workspace, n: int) -> list[Document]:
    documents = []
    for i in range(n):
        upload = services.encrypt_to_storage(
            investigation=workspace.investigation,
            name=f"file{i}.txt",
            chunks=iter([f"content {i}".encode()]),
        )
        documents.append(
            services.document_create(
                actor=workspace.lead,
                investigation=workspace.investigation,
                title=f"Document {i}",
                upload=upload,
            )
        )
    return documents


def test_the_document_list_costs_the_same_for_1_and_20_documents(client, workspace):
    client.force_login(workspace.lead)
    url = reverse("secure_docs:list", args=["water"])
    _add_documents(workspace, 1)
    one = _count(client, url)
    _add_documents(workspace, 19)
    assert _count(client, url) == one
    assert client.get(url).content.decode().count("Document ") >= 20


def test_the_access_log_costs_the_same_for_1_and_20_entries(client, workspace):
    (document,) = _add_documents(workspace, 1)
    version = document.versions.get()
    client.force_login(workspace.lead)
    url = reverse("secure_docs:access_log", args=["water", document.pk])

    def log(n: int) -> None:
        for _ in range(n):
            services.access_record(
                user=workspace.people["viewer"],
                document=document,
                version=version,
                mode=AccessMode.DOWNLOAD,
                ip_address="198.51.100.1",
            )

    log(1)
    one = _count(client, url)
    log(19)
    assert _count(client, url) == one
    assert client.get(url).content.decode().count("198.51.100.1") == 20


def test_gpg_missing_is_reported_by_the_system_check(monkeypatch, tmp_path):
    from secure_docs.checks import gpg_installed

    assert gpg_installed(None) == []
    monkeypatch.setenv("PATH", str(tmp_path))
    errors = gpg_installed(None)
    assert [e.id for e in errors] == ["secure_docs.E001"]
    assert "gpg is not installed" in errors[0].msg
