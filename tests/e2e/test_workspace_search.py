"""In a real browser: a member uploads a Russian memo, searches for the name in
Latin letters, sees the passage, saves the search; the page passes axe-core."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from tests.e2e.test_investigation_board import sign_in
from tests.e2e.test_public_accessibility import AXE, violations
from tests.factories import InvestigationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("tasks_in_process"),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline <script>, which the CSP refuses.
    return {**browser_context_args, "bypass_csp": True}


def test_a_member_finds_a_name_across_scripts_and_saves_the_search(
    page, live_server, screenshot, tmp_path
):
    from demo.pages import seed_site

    seed_site()
    base = live_server.url
    lead = UserFactory(email="lead@example.org", display_name="Lead")
    secret = generate_totp_secret()
    TOTP.activate(lead, secret)
    InvestigationFactory(created_by=lead, title="Water rights", codename="water")
    memo = tmp_path / "memo.txt"
    memo.write_text(
        "Перевод на счёт компании в Коканде. Получатель: Жахонгир Тошматов.",
        encoding="utf-8",
    )

    sign_in(page, base, "lead@example.org", secret)
    page.goto(base + "/investigations/w/water/documents/upload/")
    page.get_by_label("Title").fill("Bank memo")
    page.get_by_role("combobox", name="Language").select_option("ru")
    page.get_by_label("File", exact=True).set_input_files(str(memo))
    page.get_by_role("button", name="Encrypt and upload").click()
    expect(page.get_by_test_id("index-status")).to_contain_text("searchable")

    nav = page.get_by_role("navigation", name="Investigation")
    nav.get_by_role("link", name="Search").click()
    page.get_by_role("searchbox", name="Search").fill("Toshmatov")
    page.get_by_role("searchbox", name="Search").press("Enter")
    results = page.get_by_test_id("results")
    expect(results).to_contain_text("1 result")
    expect(results.get_by_role("link", name="Bank memo")).to_be_visible()
    expect(results.locator("mark")).to_have_text("Тошматов")
    # The words searched for are not in the address bar.
    assert "Toshmatov" not in page.url
    screenshot("workspace-search")

    page.get_by_label("Name of the saved search").fill("Toshmatov watch")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_text("The search is saved.")).to_be_visible()
    saved = page.get_by_test_id("saved-searches")
    expect(saved.get_by_role("link", name="Toshmatov watch")).to_be_visible()

    assert AXE.exists(), "run `make test` (it installs axe-core with npm ci)"
    assert violations(page, base + "/investigations/w/water/search/") == []
