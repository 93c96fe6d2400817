"""From a published result to a certificate and its verification page, in chromium:
a reader finds the winner in the archive; the winner signs in, downloads the PDF
from their entry's page, and the link the PDF's QR code carries opens the public
page that confirms the prize. A forged code is refused."""

import io
import re

import pytest
from pdfminer.high_level import extract_text
from playwright.sync_api import expect

from tests.awards.test_certificates import link_uris

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase 2026"  # noqa: S105 - a test account's


@pytest.fixture
def winner(transactional_db, live_server, settings):
    from allauth.account.models import EmailAddress

    from accounts.models import Language
    from awards.services import publishing
    from demo.pages import seed_site
    from tests.cms.helpers import award_with_prizes, public_pages, staff_user

    # The QR code and the PDF's link lead to this server.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    for code in ("en", "ru", "kk", "uz", "ky", "tg", "tk"):
        Language.objects.get_or_create(code=code)  # a flushed transactional db
    home = seed_site()
    award, _category, _round, prizes = award_with_prizes(1, slug="caja-2025")
    public_pages(home, award)
    publishing.results_publish(award=award, actor=staff_user())
    prize = prizes[0]
    prize.refresh_from_db()
    owner = prize.entry.owner
    owner.set_password(PASSWORD)
    owner.save()
    EmailAddress.objects.update_or_create(
        user=owner, email=owner.email, defaults={"verified": True, "primary": True}
    )
    return prize


def test_from_a_published_result_to_the_certificate_and_its_verification(
    page, live_server, winner, tmp_path, screenshot
):
    entry = winner.entry
    code = winner.certificate.code
    # A reader finds the winner in the archive and opens the work's public page.
    page.goto(f"{live_server.url}/winners/")
    page.get_by_role("link", name=entry.title).click()
    expect(page.locator("h1")).to_contain_text(entry.title)

    # The winner signs in and opens their entry.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill('input[name="login"]', entry.owner.email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.goto(f"{live_server.url}/awards/entries/{entry.pk}/")
    certificates = page.get_by_role("region", name="Certificates")
    expect(certificates).to_be_visible()

    # The PDF: the entry, the code, and a link to the verification page.
    with page.expect_download() as download:
        certificates.get_by_role(
            "link", name=re.compile(r"Certificate: .* \(PDF\)")
        ).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    assert entry.title in text
    assert code in text
    verification = f"{live_server.url}/certificates/{code}/"
    assert verification in link_uris(pdf)

    # What the QR code opens: the public page confirms the prize, signed in or not.
    page.context.clear_cookies()
    page.goto(verification)
    expect(page.locator("h1")).to_contain_text("This certificate is valid")
    expect(page.locator("main")).to_contain_text(entry.title)
    screenshot("certificate-verification")

    # A code nobody issued: "may be forged", with a 404.
    response = page.goto(f"{live_server.url}/certificates/FORGED{code[6:]}/")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("may be forged")
