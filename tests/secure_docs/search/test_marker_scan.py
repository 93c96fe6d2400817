"""The marker scan: after indexing, a unique word of a document is nowhere in
plaintext (S3, the database, temporary folders, logs), and a search finds it."""

import logging
import os
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

from demo import documents as make
from secure_docs import storage
from secure_docs.search.normalise import term
from tests.secure_docs.helpers import upload
from tests.secure_docs.search.helpers import hits, index_pending, search_page

pytestmark = pytest.mark.django_db

# Unique words, one per format, in the scripts of the region.
MARKERS = {
    "memo.txt": "Qalamtestovich",
    "minutes.docx": "Жамбылтестұлы",
    "letter.eml": "Xoʻjatestbek",
    "report.odt": "Ашхабадтестов",
    "statement.pdf": "Nukustestova",
}


def _forms(word: str) -> set[bytes]:
    """The word as a leak could hold it: as typed, lower case, normalised."""
    forms = set()
    for text in (word, word.lower(), word.upper(), term(word)):
        forms.add(text.encode())
        forms.add(text.encode("utf-16-le"))
    return forms


def _files_since(folder: Path, since: float):
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            try:
                if path.is_file() and path.stat().st_mtime >= since:
                    yield path
            except OSError:
                continue


def _database_values():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own tables
            for row in cursor.fetchall():
                yield table, row


def _contains(value, forms: set[bytes]) -> bool:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return any(form in value for form in forms)
    return False


def test_markers_are_nowhere_in_plaintext_and_are_found(
    client, workspace, on_s3, caplog, tmp_path
):
    caplog.set_level(logging.DEBUG)
    started = time.time() - 1
    files = {
        "memo.txt": f"Payment approved by {MARKERS['memo.txt']} in Almaty.".encode(),
        "minutes.docx": make.docx(
            [f"Жиналысқа {MARKERS['minutes.docx']} қатысты.", "Шешім қабылданды."]
        ),
        "letter.eml": make.eml(
            "Hujjatlar",
            f"Assalomu alaykum, {MARKERS['letter.eml']} hujjatlarni yubordi.",
            [],
        ),
        "report.odt": make.odt([f"Отчёт подписал {MARKERS['report.odt']}."]),
        "statement.pdf": make.text_pdf(
            [f"Statement of account: {MARKERS['statement.pdf']}, Nukus branch."]
        ),
    }
    client.force_login(workspace.lead)
    for name, content in files.items():
        upload(client, workspace.codename, content, name=name, title=f"File {name}")
    units = index_pending()
    assert [u.words > 0 for u in units] == [True] * (len(files) + 1)  # + the task

    for name, marker in MARKERS.items():
        response = search_page(client, workspace.codename, marker)
        assert hits(response) == [f"File {name}"], marker
    forms = set().union(*(_forms(marker) for marker in MARKERS.values()))

    # S3: every object of this test's prefix, read whole.
    prefix_objects = list(storage.stored_objects())
    assert len(prefix_objects) == len(files)
    for object_name, _modified in prefix_objects:
        source = storage.open_stream(object_name)
        try:
            assert not _contains(source.read(), forms), object_name
        finally:
            source.close()
    # The database: every value of every table.
    for table, row in _database_values():
        for value in row:
            assert not _contains(value, forms), table
    # Temporary folders: every file written since the test began.
    shared_memory = Path("/dev/shm")  # noqa: S108 - read, to look for leaks
    for folder in {Path(tempfile.gettempdir()), shared_memory, tmp_path}:
        if folder.exists():
            for path in _files_since(folder, started):
                if path.stat().st_size < 64 * 1024 * 1024:
                    assert not _contains(path.read_bytes(), forms), path
    # Logs: everything any logger said, at every level.
    assert not _contains(caplog.text, forms)
    for record in caplog.records:
        assert not _contains(record.getMessage(), forms)
