"""A member uploads a document, downloads it decrypted, and sees the access log."""

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from secure_docs.models import DocumentVersion
from tests.e2e.test_investigation_board import sign_in
from tests.factories import InvestigationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("tasks_in_process"),
]


def test_member_uploads_downloads_and_sees_the_access_log(
    page, live_server, screenshot, tmp_path
):
    from demo.pages import seed_site

    seed_site()
    base = live_server.url
    lead = UserFactory(email="lead@example.org", display_name="Lead")
    secret = generate_totp_secret()
    TOTP.activate(lead, secret)  # workspaces open only to members with a second factor
    InvestigationFactory(created_by=lead, title="Water rights", codename="water")
    content = b"%PDF-1.7\nminutes of the tender committee\n%%EOF\n"
    source = tmp_path / "minutes.pdf"
    source.write_bytes(content)

    sign_in(page, base, "lead@example.org", secret)
    page.goto(base + "/investigations/w/water/")
    page.get_by_role("link", name="Documents").click()
    expect(page.get_by_text("No documents yet.")).to_be_visible()
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("Title").fill("Tender minutes")
    page.get_by_label("Tags").fill("tender")
    page.get_by_label("File").set_input_files(str(source))
    page.get_by_role("button", name="Encrypt and upload").click()
    expect(page.get_by_text("The document is encrypted and stored.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/investigations/w/water/documents/\d+/$"))

    with page.expect_download() as info:
        page.get_by_role("link", name="Download").first.click()
    download = info.value
    assert download.suggested_filename == "minutes.pdf"
    assert Path(download.path()).read_bytes() == content

    page.reload()
    log = page.get_by_test_id("access-log")
    expect(log).to_contain_text("downloaded (decrypted)")
    expect(log).to_contain_text("Lead")
    version = DocumentVersion.objects.get()
    assert version.original_name == "minutes.pdf"
    screenshot("secure-documents")
