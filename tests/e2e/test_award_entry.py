"""A journalist signs up, drafts an entry, uploads a file, submits, is confirmed."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.awards.conftest import PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A visitor in Tokyo, so their zone differs from the award's and the server's."""
    return {**browser_context_args, "timezone_id": "Asia/Tokyo", "locale": "en-GB"}


@pytest.fixture
def category(transactional_db, tmp_path, settings):
    from demo.pages import seed_site
    from tests.factories import CategoryFactory

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
    }
    from accounts.models import Language

    # A transactional test before this one may have flushed the migration's rows.
    for code in ("en", "ru", "kk"):
        Language.objects.get_or_create(code=code)
    seed_site()
    return CategoryFactory(name="Data Journalism", required_attachments=["pdf"])


def test_sign_up_draft_upload_submit_and_confirmation(
    page, live_server, category, tasks_in_process, tmp_path, screenshot
):
    email, password = "aida@example.kz", "a long passphrase 2026"
    page.goto(live_server.url + "/accounts/signup/")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password1"]', password)
    page.fill('input[name="password2"]', password)
    page.locator('form button[type="submit"]').last.click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    link = re.search(r"(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body)
    page.goto(live_server.url + link.group(1))
    page.locator('form button[type="submit"]').last.click()

    page.goto(live_server.url + f"/awards/enter/{category.award.slug}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', password)
    page.locator('form button[type="submit"]').last.click()
    expect(page).to_have_url(live_server.url + f"/awards/enter/{category.award.slug}/")

    # The deadline in the visitor's own zone, written by the browser.
    local = page.locator("time.js-local-time").first
    # In the page's own format (N j, Y, P), never the browser's Intl wording.
    expect(local).to_have_text(
        re.compile(r"^[A-Z][a-z]+\.? \d{1,2}, \d{4}, 3:59 a\.m\. UTC\+9$")
    )

    page.get_by_label("Title of the work").fill("Who owns the Syr Darya")
    page.get_by_label("Summary").fill("Water, land and a governor's cousins.")
    page.get_by_label("Country of publication").select_option("KZ")
    page.get_by_label("Language of the work").select_option("kk")
    page.get_by_label("Publication date").fill("2025-10-01")
    page.get_by_label("Where it was published").fill("https://vlast.kz/syr-darya")
    page.get_by_label("No AI tools were used").check()
    page.get_by_label("All rights reserved: contact the outlet").check()
    page.get_by_label("This is our original work.").check()
    page.get_by_label("We have the right to submit it").check()
    page.get_by_label("Qalam may publish it").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who owns the Syr Darya")
    expect(page.get_by_text("Your draft has been saved.")).to_be_visible()

    # Submitting without the required PDF lists the missing rule.
    page.get_by_role("button", name="Submit entry").click()
    expect(
        page.get_by_text("This category needs an attachment of each kind: PDF")
    ).to_be_visible()

    pdf = tmp_path / "methodology.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Attachment").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“methodology.pdf” is attached.")).to_be_visible()

    page.get_by_role("button", name="Submit entry").click()
    reference = page.locator("strong.reference")
    expect(reference).to_have_text(re.compile(r"^QA\d{4}-\d{6}$"))
    expect(page.get_by_text("Submitted. Your reference number is")).to_be_visible()
    expect(page.get_by_role("button", name="Submit entry")).to_have_count(0)
    screenshot("award-entry-submitted")

    confirmation = mail.outbox[-1]
    assert confirmation.to == [email]
    assert confirmation.subject == f"[Qalam] Entry {reference.inner_text()} received"
