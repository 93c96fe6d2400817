"""Blind rounds leak nothing: no name, outlet or co-author on any page, email,
export, attachment name or PDF property a juror can reach."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from awards.jury import services
from awards.jury.models import Assignment
from awards.jury.tasks import jury_reminders_send
from awards.models import EntryCoAuthor, EntryFile
from tests.awards.jury.helpers import jury_round, score
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRETS = ("Aizhan Secretname", "Timur Hiddenov", "Vlast Unique", "vlast-unique")


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata(
        {"/Author": "Aizhan Secretname", "/Creator": "Vlast Unique desk", "/Title": "x"}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{secret!r} leaks in {where}"


@pytest.fixture
def blind(client):
    round_, rubric, jurors, entries = jury_round(
        jurors=2,
        entries=1,
        score_visibility="always",
        closes_at=timezone.now() + datetime.timedelta(hours=10),
    )
    entry = entries[0]
    entry.owner.display_name = "Aizhan Secretname"
    entry.owner.save()
    entry.outlet = "Vlast Unique"
    entry.publication_urls = ["https://vlast-unique.kz/story"]
    entry.save()
    co_author = UserFactory(display_name="Timur Hiddenov")
    EntryCoAuthor.objects.create(entry=entry, user=co_author)
    EntryFile.objects.create(
        entry=entry,
        file=ContentFile(_pdf(), name="Aizhan_Secretname_story.pdf"),
        storage_name="x1.pdf",
        name="Aizhan_Secretname_Vlast_Unique.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=100,
        uploaded_by=entry.owner,
    )
    assignment = Assignment.objects.create(round=round_, juror=jurors[0], entry=entry)
    score(round_, jurors[1], entry, 7)
    client.force_login(jurors[0].user)
    return round_, assignment, jurors


def test_juror_pages_emails_and_files_name_nobody(client, blind):
    round_, assignment, jurors = blind
    entry_url = reverse("awards:jury_entry", args=[assignment.pk])
    pages = {
        "dashboard": client.get(reverse("awards:jury_dashboard")),
        "entry": client.get(entry_url),
        "entry after a draft": client.post(
            entry_url,
            {f"c{round_.award.criteria.get().pk}": "6", "save": ""},
            follow=True,
        ),
    }
    for where, response in pages.items():
        assert response.status_code == 200
        _assert_clean(response.content.decode(), where)
    assert "attachment-1.pdf" in pages["entry"].content.decode()

    download = client.get(reverse("awards:jury_attachment", args=[assignment.pk, 1]))
    assert download["Content-Disposition"] == 'attachment; filename="attachment-1.pdf"'
    content = b"".join(download.streaming_content)
    _assert_clean(content.decode("latin-1"), "attachment bytes")
    assert PdfReader(io.BytesIO(content)).metadata is None

    mail.outbox.clear()
    jury_reminders_send()
    staff = UserFactory(is_staff=True, is_superuser=True)
    _juror, token = services.juror_invite(
        award=round_.award, email="new@example.org", categories=[], actor=staff
    )
    from awards.jury.services.notify import send_juror_invitation

    send_juror_invitation(juror=_juror, token=token, language="en")
    messages = [m.subject + m.body for m in mail.outbox]
    from awards.jury.services.notify import reminder_message

    subject, body = reminder_message(
        juror=jurors[0], round=round_, unscored=1, language="en"
    )
    messages.append(subject + body)
    for text in messages:
        _assert_clean(text, "email")


def test_blind_safe_exports_name_nobody(client, blind):
    round_, _assignment, jurors = blind
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    csv_text = client.get(
        reverse("award_rounds:export", args=[round_.pk, "csv"]) + "?blind=1"
    ).content.decode("utf-8-sig")
    _assert_clean(csv_text, "CSV export")
    assert jurors[1].email not in csv_text
    book = load_workbook(
        io.BytesIO(
            client.get(
                reverse("award_rounds:export", args=[round_.pk, "xlsx"]) + "?blind=1"
            ).content
        )
    )
    _assert_clean(repr(list(book.active.iter_rows(values_only=True))), "XLSX export")
    full = client.get(reverse("award_rounds:export", args=[round_.pk, "csv"]))
    assert "Aizhan Secretname" in full.content.decode("utf-8-sig")


def test_open_round_shows_names_to_jurors(client, blind):
    round_, assignment, _jurors = blind
    round_.is_blind = False
    round_.save()
    html = client.get(
        reverse("awards:jury_entry", args=[assignment.pk])
    ).content.decode()
    assert "Aizhan Secretname" in html and "Timur Hiddenov" in html
    download = client.get(reverse("awards:jury_attachment", args=[assignment.pk, 1]))
    assert "Aizhan_Secretname_Vlast_Unique.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == _pdf_bytes_of(assignment)


def _pdf_bytes_of(assignment) -> bytes:
    stored = assignment.entry.files.get()
    with stored.file.open("rb") as handle:
        return handle.read()
