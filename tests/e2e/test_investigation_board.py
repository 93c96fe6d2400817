"""Create an investigation, invite, accept with MFA, add a task, drag it, reload."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from playwright.sync_api import expect

from investigations.models import Task
from tests.accounts.test_auth_flows import totp
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("tasks_in_process"),
]


def sign_in(page, base: str, email: str, secret: str | None = None) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    if secret is not None:
        page.fill("input[name=code]", totp(secret))
        page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))


def test_lead_invites_a_reporter_who_drags_a_new_task_to_another_column(
    page, live_server, screenshot
):
    from demo.pages import seed_site

    seed_site()
    base = live_server.url
    # Every workspace request needs a second factor: the lead's as much as anyone's.
    lead = UserFactory(email="lead@example.org", display_name="Lead")
    lead_secret = generate_totp_secret()
    TOTP.activate(lead, lead_secret)
    reporter = UserFactory(email="reporter@example.org", display_name="Reporter")
    secret = generate_totp_secret()
    TOTP.activate(reporter, secret)

    sign_in(page, base, "lead@example.org", lead_secret)
    page.goto(base + "/investigations/new/")
    page.get_by_label("Title").fill("Offshore water")
    page.get_by_label("Codename").fill("offshore")
    page.get_by_role("button", name="Create").click()
    expect(page).to_have_url(base + "/investigations/w/offshore/board/")

    page.get_by_role("link", name="Members").click()
    page.get_by_label("Email address").fill("reporter@example.org")
    page.get_by_label("Role").last.select_option("reporter")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to reporter@example.org.")).to_be_visible()
    assert len(mail.outbox) == 1
    accept_url = re.search(
        r"http://\S+(/investigations/invitations/\S+/)", mail.outbox[0].body
    )[1]

    page.context.clear_cookies()
    sign_in(page, base, "reporter@example.org", secret)
    page.goto(base + accept_url)
    page.get_by_role("button", name="Join the investigation").click()
    expect(page).to_have_url(base + "/investigations/w/offshore/board/")

    page.get_by_role("link", name="New task").first.click()
    page.get_by_label("Title").fill("Trace the Cyprus payment")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Board").click()

    task = Task.objects.get(title="Trace the Cyprus payment")
    card = page.locator(f"#task-{task.pk}")
    leads = page.locator("ol.board-column__cards").nth(0)
    reporting = page.locator("ol.board-column__cards").nth(1)
    expect(leads.locator(f"#task-{task.pk}")).to_be_visible()

    source = card.bounding_box()
    target = reporting.bounding_box()
    page.mouse.move(source["x"] + 20, source["y"] + 10)
    page.mouse.down()
    page.mouse.move(source["x"] + 40, source["y"] + 20, steps=5)
    page.mouse.move(target["x"] + 30, target["y"] + 20, steps=25)
    page.mouse.up()
    expect(page.locator("#board")).to_have_attribute("data-last-moved", f"{task.pk}:2")

    page.reload()
    expect(reporting.locator(f"#task-{task.pk}")).to_be_visible()
    expect(leads.locator(f"#task-{task.pk}")).to_have_count(0)
    task.refresh_from_db()
    assert (task.column.name, task.version) == ("Reporting", 2)

    # By keyboard: the move buttons, drawn once, come into the card that has the
    # focus, named by their words and the card's title.
    card.locator(".card-task__title").focus()
    back = page.get_by_role(
        "button", name="Move to the previous column Trace the Cyprus payment"
    )
    expect(back).to_be_visible()
    back.press("Enter")
    expect(page.locator("#board")).to_have_attribute("data-last-moved", f"{task.pk}:3")
    expect(leads.locator(f"#task-{task.pk}")).to_be_visible()
    # The first column has no previous one: the button goes, the focus stays in
    # the card, on its title.
    expect(back).to_be_hidden()
    expect(card.locator(".card-task__title")).to_be_focused()
    page.reload()
    expect(leads.locator(f"#task-{task.pk}")).to_be_visible()
    task.refresh_from_db()
    assert (task.column.name, task.version) == ("Leads", 3)
    screenshot("investigation-board")
