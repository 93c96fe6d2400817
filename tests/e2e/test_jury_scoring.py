"""A juror logs in with their password and authenticator code, opens an assigned
entry in a blind round, watches the live total and submits the sheet."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assignment(transactional_db):
    from accounts.models import Language
    from demo.pages import seed_site

    for code in ("en", "ru", "kk"):
        Language.objects.get_or_create(code=code)
    seed_site()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from awards.jury.models import Assignment
    from tests.awards.jury.helpers import jury_round

    round_, rubric, jurors, entries = jury_round(jurors=1, entries=1, criteria=2)
    rubric[0].weight = 3
    rubric[0].name = "Public interest"
    rubric[0].save()
    user = jurors[0].user
    Authenticator.objects.filter(user=user).delete()
    TOTP.activate(user, "QALAMDEMOJURYQALAMDEMOJURYQALAMD")
    entries[0].owner.display_name = "Hidden Entrant"
    entries[0].owner.save()
    return Assignment.objects.create(round=round_, juror=jurors[0], entry=entries[0])


def test_juror_logs_in_with_mfa_and_submits_a_sheet(
    page, live_server, assignment, screenshot
):
    from awards.jury.models import ScoreSheet
    from tests.accounts.test_auth_flows import totp
    from tests.factories import PASSWORD

    user = assignment.juror.user
    page.goto(live_server.url + "/accounts/login/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.fill('input[name="code"]', totp("QALAMDEMOJURYQALAMDEMOJURYQALAMD"))
    page.locator('form button[type="submit"]').first.click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    page.goto(live_server.url + "/awards/jury/")
    expect(page.get_by_text("0 of 1 scored")).to_be_visible()
    page.get_by_role("link", name=assignment.entry.title).click()
    expect(page).to_have_url(re.compile(rf"/awards/jury/entries/{assignment.pk}/$"))
    expect(page.get_by_text("Hidden Entrant")).to_have_count(0)
    page.get_by_label("Public interest").fill("8")
    page.get_by_label(assignment.entry.category.award.criteria.last().name).fill("4")
    expect(page.locator("#live-total")).to_have_text("7.00")  # (3·8 + 4) / 4
    screenshot("jury-score-sheet")
    page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_text("Your scores are submitted. Thank you.")).to_be_visible()
    expect(page.get_by_text("1 of 1 scored")).to_be_visible()
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert (str(sheet.total), sheet.is_submitted) == ("7.0000", True)
