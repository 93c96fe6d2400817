"""Entry services: attachments."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.enums import EntryState
from awards.models import Entry
from tests.awards.helpers import MP3, PDF, PNG, upload

pytestmark = pytest.mark.django_db


# --- Attachments ----


@pytest.mark.parametrize(
    ("name", "content", "kind", "clean_name"),
    [
        ("report.pdf", PDF, "pdf", "report.pdf"),
        ("photo.PNG", PNG, "image", "photo.png"),
        ("interview.mp3", MP3, "audio", "interview.mp3"),
        # The name lies; the content decides, and the extension follows the content.
        ("picture.jpg", PDF, "pdf", "picture.pdf"),
        ("../../etc/passwd.pdf", PDF, "pdf", "passwd.pdf"),
        # "/" in "</script>" is a path separator: only the last part is kept.
        ('<script>alert(1)</script>"; rm -rf.pdf', PDF, "pdf", "script_rm_-rf.pdf"),
        ("Расследование 2025.pdf", PDF, "pdf", "Расследование_2025.pdf"),
        (".htaccess", PDF, "pdf", "htaccess.pdf"),
        ("...", PDF, "pdf", "attachment.pdf"),
    ],
)
def test_attachment_type_comes_from_content_and_name_is_clean(
    draft, name, content, kind, clean_name
):
    attachment = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload(name, content)
    )
    assert (attachment.kind, attachment.name) == (kind, clean_name)
    assert attachment.file.name.startswith(f"awards/entries/{draft.pk}/")
    assert name not in attachment.file.name
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "evil.pdf",
            b"<html><script>alert(1)</script></html>",
            "“evil.pdf” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio "
            "file (MP3, M4A, OGG, WAV, FLAC).",
        ),
        (
            "setup.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
            "“setup.pdf” is not a PDF, an image (JPEG, PNG, WebP, GIF) or an audio "
            "file (MP3, M4A, OGG, WAV, FLAC).",
        ),
        ("empty.pdf", b"", "The file is empty."),
        (
            "big.pdf",
            PDF + b"\x00" * (1024 * 1024),
            "“big.pdf” is too large: files may be at most 1 MB.",
        ),
    ],
)
def test_a_refused_file_keeps_the_draft_and_its_files(draft, name, content, message):
    draft.category.award.max_file_size_mb = 1
    draft.category.award.save()
    kept = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload("kept.pdf", PDF)
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_file_add(
            entry=draft, actor=draft.owner, upload=upload(name, content)
        )
    assert caught.value.messages == [message]
    assert list(draft.files.values_list("pk", flat=True)) == [kept.pk]
    assert Entry.objects.get(pk=draft.pk).state == EntryState.DRAFT


def test_removing_an_attachment_deletes_its_bytes(
    draft, django_capture_on_commit_callbacks
):
    attachment = services.entry_file_add(
        entry=draft, actor=draft.owner, upload=upload("a.pdf", PDF)
    )
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.entry_file_remove(attachment=attachment, actor=draft.owner)
    assert draft.files.count() == 0
    assert not storage.exists(name)
